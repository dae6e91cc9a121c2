import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Conversation } from '../../core/model.js';
import type { ConnectionState, ConversationStore } from '../../core/store.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import type { ConvStrings } from '../shared/strings.js';
import { SOURCES, type ConvListName } from './conv-list-tabs.js';
import type { ItemContext } from './conv-list-item.js';

/** What the list's search and sort need of their list. */
export interface ListToolsParts {
  store(): ConversationStore | undefined;
  list(): ConvListName;
  text(): ConvStrings;
}

/** The search and sort once loaded (list-search-view.ts): they draw the header and filter and order the rows. */
export interface ListToolsView {
  render(): TemplateResult;
  rows(list: ConvListName, rows: readonly Conversation[]): readonly Conversation[];
  /** The query's matches in `text`, marked (as text, never markup); undefined while no search is on. */
  readonly mark?: (text: string) => unknown;
  /** A matching message to show instead of the preview, when only a message holds the query. */
  snippet(conversation: Conversation): string | undefined;
  open(what: 'search' | 'sort'): void;
}

/** The sort an agent chose, per agent in localStorage; none saved is newest activity. */
export const sortKey = (agentId: string) => `conv-kit:sort:${agentId}`;
export const savedSort = (agentId: string | undefined): string | null => {
  try {
    return agentId ? localStorage.getItem(sortKey(agentId)) : null;
  } catch {
    return null; // storage blocked: the default order
  }
};

const SEARCH_ICON = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 20 20"/></svg>`;
/** What the list says under its header about the connection: nothing while online. */
export function connectionText(text: ConvStrings, state: ConnectionState | undefined): string | typeof nothing {
  if (state === 'offline') return text.offline;
  if (state === 'reconnecting') return text.reconnecting;
  return nothing;
}

/** How far a finger pulls the header down to reveal the search field. */
const REVEAL_PULL_PX = 40;

/**
 * The list's header tools as the page loads them: a Search button (also `/` or Ctrl+F in the list, or a
 * finger pulled down on the header) and, on Conversations, Sort. The search field, the sort menu and
 * the filtering load on first use; a sort saved before a reload loads them with the list.
 */
export class ListTools implements ReactiveController {
  #view?: ListToolsView;
  #agentSeen?: string;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: ListToolsParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: ListToolsParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  get view(): ListToolsView | undefined {
    return this.#view;
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
    this.#host.addEventListener('pointerdown', this.#onPointerdown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
    this.#host.removeEventListener('pointerdown', this.#onPointerdown);
  }

  async open(what: 'search' | 'sort'): Promise<void> {
    const chunk = await loadOnFirstUse();
    this.#view ??= new chunk.ListToolsViewImpl(this.#host, this.#parts);
    this.#view.open(what);
  }

  /** The rows `list` shows: its store lists, searched and sorted once those have loaded. */
  rows(list: ConvListName): readonly Conversation[] {
    const store = this.#parts.store();
    if (!store) return [];
    const sources = SOURCES[list];
    const rows = sources.length === 1 ? store.list(sources[0]!) : sources.flatMap((name) => store.list(name));
    const agentId = store.agent?.id;
    if (agentId !== this.#agentSeen) {
      this.#agentSeen = agentId;
      if (!this.#view && savedSort(agentId))
        void loadOnFirstUse().then((chunk) => {
          this.#view ??= new chunk.ListToolsViewImpl(this.#host, this.#parts);
          this.#host.requestUpdate();
        });
    }
    return this.#view ? this.#view.rows(list, rows) : rows;
  }

  /** What each item needs while a search is on: its matches marked, and the matching message. */
  itemParts(): Pick<ItemContext, 'mark' | 'snippet'> {
    const view = this.#view;
    return { mark: view?.mark, snippet: view && ((conversation) => view.snippet(conversation)) };
  }

  render(): TemplateResult {
    if (this.#view) return this.#view.render();
    const text = this.#parts.text();
    return html`<div class="tools" part="tools">
      <button class="tool search-open" aria-label=${text.search} @click=${() => this.open('search')}>
        ${SEARCH_ICON}
      </button>
      ${
        this.#parts.list() === 'conversations'
          ? html`<button class="tool sort-open" aria-haspopup="menu" @click=${() => this.open('sort')}>
              ${text.sortBy}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** `/` (outside a text field) and Ctrl+F or ⌘F anywhere in the list open its search. */
  readonly #onKeydown = (event: KeyboardEvent): void => {
    const inField = (event.composedPath()[0] as Element | undefined)?.matches?.('input, textarea');
    if ((event.key === '/' && !inField) || ((event.ctrlKey || event.metaKey) && event.key === 'f')) {
      event.preventDefault();
      void this.open('search');
    }
  };

  /** A finger pulled down on the header (tabs or tools) reveals the search field, as in the mobile app. */
  readonly #onPointerdown = (down: PointerEvent): void => {
    const onHeader = down.composedPath().some((target) => (target as Element).matches?.('.tools, .tablist'));
    if (down.pointerType !== 'touch' || !onHeader) return;
    const move = (event: PointerEvent) => {
      if (event.clientY - down.clientY < REVEAL_PULL_PX) return;
      stop();
      void this.open('search');
    };
    const stop = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', stop);
      removeEventListener('pointercancel', stop);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', stop);
    addEventListener('pointercancel', stop);
  };
}
