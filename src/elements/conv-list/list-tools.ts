import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Conversation } from '../../core/model.js';
import type { ConnectionState, ConversationStore } from '../../core/store.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import type { PageStrings } from '../shared/strings.js';
import { SOURCES, type ConvListName } from './conv-list-tabs.js';
import type { ItemContext } from './conv-list-item.js';

/** What the list's search and sort need of their list. */
export interface ListToolsParts {
  store(): ConversationStore | undefined;
  list(): ConvListName;
  text(): PageStrings;
}

/** The search and sort once loaded (list-tools-view.ts): they draw the header's insides and filter and order the rows. */
export interface ListToolsView {
  /** Inside the header: Search and Sort, or the search field. */
  renderTools(): TemplateResult;
  /** Under the header: what the search found, the sort menu. */
  renderBelow(): TemplateResult;
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

/** What the list says under its header about the connection: nothing while online. */
export function connectionText(text: PageStrings, state: ConnectionState | undefined): string | typeof nothing {
  if (state === 'offline') return text.offline;
  if (state === 'reconnecting') return text.reconnecting;
  return nothing;
}

/** How far a finger pulls the header down to reveal the search field. */
const REVEAL_PULL_PX = 40;

/**
 * The list's header as the page loads it: a Search button (also `/` or Ctrl+F in the list, or a finger
 * pulled down on the header) and, on Conversations, Sort. The search field, the sort menu and the
 * filtering load on first use; a sort saved before a reload loads them with the list.
 */
export class ListTools {
  #view?: ListToolsView;
  #agentSeen?: string;
  /** Where a finger went down on the header (a touch is captured by what it went down on). */
  #pullFrom?: number;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: ListToolsParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: ListToolsParts) {
    this.#host = host;
    this.#parts = parts;
    // `/` (outside a text field) and Ctrl+F or ⌘F anywhere in the list open its search.
    host.addEventListener('keydown', (event) => {
      const inField = (event.composedPath()[0] as Element).matches?.('input, textarea');
      if ((event.key === '/' && !inField) || ((event.ctrlKey || event.metaKey) && event.key === 'f')) {
        event.preventDefault();
        void this.open('search');
      }
    });
  }

  get view(): ListToolsView | undefined {
    return this.#view;
  }

  async open(what?: 'search' | 'sort'): Promise<void> {
    const chunk = await loadOnFirstUse();
    this.#view ??= new chunk.ListToolsViewImpl(this.#host, this.#parts);
    if (what) this.#view.open(what);
    this.#host.requestUpdate();
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
      if (savedSort(agentId)) void this.open();
    }
    return this.#view ? this.#view.rows(list, rows) : rows;
  }

  /** What each item needs while a search is on: its matches marked, and the matching message. */
  itemParts(): Pick<ItemContext, 'mark' | 'snippet'> {
    const view = this.#view;
    return { mark: view?.mark, snippet: view && ((conversation) => view.snippet(conversation)) };
  }

  /** A finger pulled down on the header reveals the search field, as in the mobile app. */
  render(): TemplateResult {
    const view = this.#view;
    const text = this.#parts.text();
    return html`<div
        class="tools"
        part="tools"
        @pointerdown=${(event: PointerEvent) => (this.#pullFrom = event.pointerType == 'touch' ? event.clientY : undefined)}
        @pointermove=${(event: PointerEvent) => {
          if (this.#pullFrom === undefined || event.clientY - this.#pullFrom < REVEAL_PULL_PX) return;
          this.#pullFrom = undefined;
          void this.open('search');
        }}
      >
        ${
          view
            ? view.renderTools()
            : html`<button class="tool search-open" @click=${() => this.open('search')}>${text.search}</button> ${
                  this.#parts.list() === 'conversations'
                    ? html`<button class="tool sort-open" aria-haspopup="menu" @click=${() => this.open('sort')}>
                        ${text.sortBy}
                      </button>`
                    : nothing
                }`
        }
      </div>
      ${view?.renderBelow()}`;
  }
}
