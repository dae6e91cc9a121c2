import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MenuButtonController } from '../../controllers/menu-button-controller.js';
import { isConvError } from '../../core/errors.js';
import type { Conversation } from '../../core/model.js';
import { conversationMatcher, matchingMessage, matchRanges, searchQuery } from '../../core/search-text.js';
import { adoptMoreStyles } from '../shared/adopt-more-styles.js';
import { describeError } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import type { ConvListName } from './conv-list-tabs.js';
import { isListSort, LIST_SORTS, sortConversations, SORT_TEXT, type ListSortName } from './list-sort.js';
import { listToolsStyles } from './list-tools.styles.js';
import { savedSort, sortKey, type ListToolsParts, type ListToolsView } from './list-tools.js';

/** Waits this long after the last keystroke before asking the backend, so typing a word makes one request. */
export const BACKEND_SEARCH_DELAY_MS = 300;

/** What the backend found for one query (History beyond what is loaded). */
interface BackendResults {
  query: string;
  ids: Set<string>;
  nextCursor?: string;
  status: 'loading' | 'loaded' | 'error';
  problem?: string;
}

/**
 * The list's search and sort, loaded on first use. Search filters every list by customer name,
 * phone number and message text as the agent types, and marks the matches; on History it also asks
 * the backend (`searchConversations`, when the adapter has it) for older conversations, a page at a
 * time. Sort orders Conversations and is kept per agent.
 */
export class ListToolsViewImpl implements ListToolsView {
  #searchOpen = false;
  #query = '';
  #backend?: BackendResults;
  #backendTimer?: ReturnType<typeof setTimeout>;
  #focusInput = false;
  #sort: ListSortName = 'newest';
  #sortAgent?: string;
  #shownCount = 0;
  /** The last rows in and out, so the many calls of one render filter and sort once. */
  readonly #memo = new Map<
    ConvListName,
    { input: readonly Conversation[]; key: string; output: readonly Conversation[] }
  >();
  /** The query a backend search is scheduled or made for. */
  #askedFor?: string;
  readonly #sortMenu: MenuButtonController;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: ListToolsParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: ListToolsParts) {
    this.#host = host;
    this.#parts = parts;
    const root = () => host.shadowRoot;
    this.#sortMenu = new MenuButtonController(host, {
      menu: () => root()?.querySelector<HTMLElement>('.sort-menu'),
      opener: () => root()?.querySelector<HTMLElement>('.sort-open'),
      place: (menu) => {
        const box = root()!.querySelector('.sort-open')!.getBoundingClientRect();
        const { width } = menu.getBoundingClientRect();
        menu.style.left = `${Math.max(8, Math.min(box.right - width, innerWidth - width - 8))}px`;
        menu.style.top = `${box.bottom + 2}px`;
      },
    });
    host.addController({
      hostUpdated: () => {
        if (!this.#focusInput) return;
        this.#focusInput = false;
        root()?.querySelector<HTMLInputElement>('.search-input')?.focus();
      },
    });
    adoptMoreStyles(host, [listToolsStyles]);
  }

  open(what: 'search' | 'sort'): void {
    adoptMoreStyles(this.#host, [listToolsStyles]);
    if (what === 'sort') {
      this.#sortMenu.open('first');
    } else {
      this.#searchOpen = true;
      this.#focusInput = true;
    }
    this.#host.requestUpdate();
  }

  get mark(): ((text: string) => unknown) | undefined {
    const query = this.#activeQuery;
    if (!query) return undefined;
    return (text: string) => {
      const ranges = matchRanges(text, query);
      const parts: unknown[] = [];
      let at = 0;
      for (const [start, end] of ranges) {
        parts.push(text.slice(at, start), html`<mark part="match">${text.slice(start, end)}</mark>`);
        at = end;
      }
      parts.push(text.slice(at));
      // Isolated, as every name and preview is, so a right-to-left name never reorders the line around it.
      return html`⁨${parts}⁩`;
    };
  }

  snippet(conversation: Conversation): string | undefined {
    const query = this.#activeQuery;
    const store = this.#parts.store();
    if (!query || !store) return undefined;
    const { customer, lastMessage } = conversation;
    if ([customer.name, customer.phone, lastMessage?.text].some((text) => text && matchRanges(text, query).length))
      return undefined;
    return matchingMessage(store.messages(conversation.id).items, query);
  }

  get #activeQuery(): string {
    return this.#searchOpen ? searchQuery(this.#query) : '';
  }

  rows(list: ConvListName, rows: readonly Conversation[]): readonly Conversation[] {
    const store = this.#parts.store();
    this.#restoreSort(store?.agent?.id);
    const sort = list === 'conversations' ? this.#sort : 'newest';
    const query = this.#activeQuery;
    const found = this.#backend?.query === query ? this.#backend.ids : undefined;
    const key = `${sort}\n${this.#parts.text().$code}\n${query}\n${found?.size ?? -1}`;
    const memo = this.#memo.get(list);
    const output = memo?.input === rows && memo.key === key ? memo.output : this.#filtered(rows, sort, query, found);
    this.#memo.set(list, { input: rows, key, output });
    if (list === this.#parts.list()) this.#shownCount = output.length;
    return output;
  }

  #filtered(
    rows: readonly Conversation[],
    sort: ListSortName,
    query: string,
    found: Set<string> | undefined,
  ): readonly Conversation[] {
    const store = this.#parts.store();
    let output = sortConversations(rows, sort, this.#parts.text().$code);
    if (query && store) {
      const matches = conversationMatcher(query);
      output = output.filter(
        (conversation) => found?.has(conversation.id) || matches(conversation, store.messages(conversation.id).items),
      );
    }
    return output;
  }

  renderTools(): TemplateResult {
    const text = withFirstUseWords(this.#parts.text());
    if (this.#searchOpen)
      return html`<div class="search-bar" role="search">
        <input
          class="search-input"
          type="search"
          part="search-input"
          aria-label=${text.searchLabel}
          placeholder=${text.searchLabel}
          autocomplete="off"
          maxlength="200"
          .value=${this.#query}
          @input=${(event: InputEvent) => this.#search((event.target as HTMLInputElement).value)}
          @keydown=${(event: KeyboardEvent) => this.#onInputKeydown(event)}
        />
        <button class="tool search-close" aria-label=${text.closeSearch} @click=${() => this.#close()}>×</button>
      </div>`;
    return html`<button class="tool search-open" @click=${() => this.open('search')}>${text.search}</button> ${
        this.#parts.list() === 'conversations'
          ? html`<button
              class="tool sort-open"
              aria-haspopup="menu"
              aria-expanded=${this.#sortMenu.isOpen ? 'true' : 'false'}
              aria-controls="sort-menu"
              @click=${() => this.#sortMenu.toggle()}
              @keydown=${(event: KeyboardEvent) => this.#sortMenu.onOpenerKeydown(event)}
            >
              ${text.sortBy}: ${text[SORT_TEXT[this.#sort]]}
            </button>`
          : nothing
      }`;
  }

  renderBelow(): TemplateResult {
    const text = withFirstUseWords(this.#parts.text());
    // Rendered only while open: the item menu stays the list's one menu otherwise.
    const sortMenu = this.#parts.list() === 'conversations' && this.#sortMenu.isOpen ? this.#renderSortMenu() : nothing;
    if (!this.#searchOpen) return html`${sortMenu}`;
    const query = this.#activeQuery;
    this.#maybeAskBackend(query);
    const backend = this.#backend?.query === query ? this.#backend : undefined;
    return html`<p class="search-status" part="search-status" role="status">
        ${query ? text.searchFound(this.#shownCount) : nothing}
        ${backend?.status === 'loading' ? html`<span class="search-busy">${text.searching}</span>` : nothing}
        ${backend?.problem ? html`<span class="search-problem">${backend.problem}</span>` : nothing}
      </p>
      ${
        backend?.nextCursor && backend.status === 'loaded'
          ? html`<button class="more-results" @click=${() => this.#askBackend(query, backend.nextCursor)}>
              ${text.moreResults}
            </button>`
          : nothing
      }
      ${sortMenu}`;
  }

  #renderSortMenu(): TemplateResult {
    const text = withFirstUseWords(this.#parts.text());
    return html`<div
      class="menu sort-menu"
      part="menu sort-menu"
      id="sort-menu"
      role="menu"
      popover="manual"
      aria-label=${text.sortBy}
      @keydown=${this.#sortMenu.onMenuKeydown}
    >
      ${LIST_SORTS.map(
        (sort) =>
          html`<button
            role="menuitemradio"
            tabindex="-1"
            data-sort=${sort}
            aria-checked=${sort === this.#sort ? 'true' : 'false'}
            @click=${() => this.#sortMenu.choose(() => this.#chooseSort(sort))}
          >
            ${text[SORT_TEXT[sort]]}
          </button>`,
      )}
    </div>`;
  }

  // ── search ──

  #search(query: string): void {
    this.#query = query;
    this.#host.requestUpdate();
  }

  /** On History, what is not loaded is asked of the backend too, once typing pauses. */
  #maybeAskBackend(query: string): void {
    if (query === this.#askedFor) return;
    clearTimeout(this.#backendTimer);
    this.#askedFor = undefined;
    if (!query || this.#parts.list() !== 'history' || !this.#parts.store()?.supports('searchConversations')) return;
    this.#askedFor = query;
    this.#backendTimer = setTimeout(() => this.#askBackend(query), BACKEND_SEARCH_DELAY_MS);
  }

  /** One page from the backend; an answer for an older query is dropped. */
  async #askBackend(query: string, cursor?: string): Promise<void> {
    const store = this.#parts.store();
    if (!store) return;
    const earlier = cursor && this.#backend?.query === query ? this.#backend.ids : new Set<string>();
    const results: BackendResults = { query, ids: earlier, nextCursor: undefined, status: 'loading' };
    this.#backend = results;
    this.#host.requestUpdate();
    try {
      const page = await store.searchConversations(query, cursor);
      if (this.#backend !== results) return;
      this.#backend = {
        query,
        ids: new Set([...earlier, ...page.conversationIds]),
        nextCursor: page.nextCursor,
        status: 'loaded',
      };
    } catch (error) {
      if (this.#backend !== results) return;
      const problem = describeError(this.#parts.text(), isConvError(error) ? error.code : 'network');
      this.#backend = { ...results, status: 'error', problem };
    }
    this.#host.requestUpdate();
  }

  #onInputKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#close();
    } else if (event.key === 'ArrowDown') {
      // On to the results, as from any search field over a list.
      event.preventDefault();
      this.#host.focus();
    }
  }

  /** Closing the search shows the whole list again and gives focus back to the Search button. */
  #close(): void {
    this.#searchOpen = false;
    this.#query = '';
    this.#backend = this.#askedFor = undefined;
    clearTimeout(this.#backendTimer);
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.shadowRoot?.querySelector<HTMLElement>('.search-open')?.focus(),
    );
  }

  // ── sort ──

  #restoreSort(agentId: string | undefined): void {
    if (agentId === this.#sortAgent) return;
    this.#sortAgent = agentId;
    const saved = savedSort(agentId);
    this.#sort = isListSort(saved) ? saved : 'newest';
  }

  #chooseSort(sort: ListSortName): void {
    this.#sort = sort;
    const agentId = this.#parts.store()?.agent?.id;
    try {
      if (agentId) localStorage.setItem(sortKey(agentId), sort);
    } catch {
      // Storage blocked: the order holds until the page is reloaded.
    }
    this.#host.requestUpdate();
  }
}
