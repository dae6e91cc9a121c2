import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { SwipeController } from '../../controllers/swipe-controller.js';
import { isConvError } from '../../core/errors.js';
import type { Conversation } from '../../core/model.js';
import type { ConversationStore, StoreTopic } from '../../core/store.js';
import { ConvElement } from '../shared/conv-element.js';
import { focusIsInsideOrLost } from '../shared/focus.js';
import { describeError } from '../shared/strings.js';
import { convListStyles } from './conv-list.styles.js';
import {
  faceOn,
  itemButton,
  itemElement,
  itemOf,
  menuActionsFor,
  renderRows,
  revealWidthFor,
  type ItemAction,
  type ItemContext,
  type ItemMenu,
  type RowsContext,
} from './conv-list-item.js';
import { EMPTY_TEXT, isListName, renderTabs, SOURCES, TABS, type ConvListName } from './conv-list-tabs.js';
import { ItemMenuController, openContextMenu, renderItemMenu } from './item-menu.js';
import { connectionText, ListTools } from './list-tools.js';
import { ListWindow } from './list-window.js';

export type { ConvListName } from './conv-list-tabs.js';

export type {
  ConvListChangeDetail,
  ConvOpenNotesDetail,
  ConvRequestEndDetail,
  ConvSelectDetail,
} from '../../events/index.js';

/**
 * The agent's conversation lists: Conversations (with offers to accept or reject on top), Picklist and History.
 * Shows one list, or all three as tabs. Items can be selected, picked, accepted or rejected; a half swipe
 * left reveals More and End chat, a full swipe asks to end the chat. Every swipe action is also in the
 * item's "More actions" menu (also opened with the ContextMenu key or Shift+F10). Only the rows near the
 * viewport are rendered, so thousands of conversations stay fast.
 *
 * @summary The agent's Conversations, Picklist and History lists.
 *
 * @event {CustomEvent<ConvSelectDetail>} conv-select - The agent selected an item (click, Enter or Space), or accepted an offer: the host opens that chat.
 * @event {CustomEvent<ConvOpenNotesDetail>} conv-open-notes - The agent chose Internal notes for an item.
 * @event {CustomEvent<ConvRequestEndDetail>} conv-request-end - Cancelable: the agent asked to end a chat (End chat or a full swipe). The host confirms, e.g. with `<end-chat-dialog>`; the list never ends a chat itself.
 * @event {CustomEvent<ConvListChangeDetail>} conv-list-change - The agent switched tabs.
 *
 * @csspart tabs - The tab list (with the `tabs` attribute).
 * @csspart tab - Each tab, with its count.
 * @csspart list - The scrolling list of items.
 * @csspart item - One conversation.
 * @csspart badge - The unread count of an item.
 * @csspart actions - The More and End chat actions a half swipe reveals.
 * @csspart menu - The item's action menu.
 * @csspart notice - Connection state and action problems (e.g. another agent picked first).
 * @csspart empty - What an empty list says.
 * @csspart tools - The header row with Search and, on Conversations, Sort (also `search` while the search field shows).
 * @csspart search-input - The search field (a finger pulled down on the header, the Search button, `/` or Ctrl+F).
 * @csspart match - What matches the search in a name or preview.
 *
 * @cssproperty --conv-list-item-height - Height of every item (default 76px); items are all the same height.
 * @cssproperty --conv-accent - Selected item, offers, unread badges and the selected tab.
 * @cssproperty --conv-on-accent - Text on the accent colour.
 * @cssproperty --conv-danger - End chat.
 * @cssproperty --conv-on-danger - Text on End chat.
 * @cssproperty --conv-surface - Item background.
 * @cssproperty --conv-surface-raised - Hover, revealed actions and notices.
 * @cssproperty --conv-text - Names and other text.
 * @cssproperty --conv-text-muted - Previews and times.
 * @cssproperty --conv-border - Separators.
 * @cssproperty --conv-focus-ring - Keyboard focus outline.
 * @cssproperty --conv-radius - Corner radius of the menu.
 * @cssproperty --conv-touch-target - Minimum size of every button (default 44px).
 * @cssproperty --conv-font-family - Font.
 * @cssproperty --conv-font-size - Base font size.
 */
export class ConvList extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    list: { reflect: true },
    tabs: { type: Boolean, reflect: true },
    selectedId: { attribute: 'selected-id', reflect: true },
    activeId: { state: true },
    problem: { state: true },
  };
  static override styles = convListStyles;

  /** Which list shows: `conversations`, `picklist` or `history`. With `tabs`, the selected tab. */
  declare list: ConvListName;
  /** Shows the three lists as tabs with their counts. */
  declare tabs: boolean;
  /** The selected conversation (reflected as `selected-id`); set by the agent's selection or by the host. */
  declare selectedId?: string;

  /** The item that takes Tab focus in the list (roving focus). */
  declare private activeId?: string;
  /** What went wrong with the agent's last pick, accept or reject. */
  declare private problem?: string;

  readonly #storeController = new StoreController(this, () => this.#topics());
  readonly #window = new ListWindow(this, {
    viewport: () => this.#viewport,
    rowProbe: () => this.renderRoot.querySelector<HTMLElement>('.row-probe'),
  });
  readonly #swipe = new SwipeController(this, {
    surfaceOf: (path) => faceOn(this.renderRoot, path),
    limitsFor: (id) => {
      const conversation = this.#rowsOf(this.#shownList).find((c) => c.id === id);
      if (!conversation || menuActionsFor(conversation).length === 0) return undefined;
      return { revealWidth: revealWidthFor(conversation), fullSwipe: conversation.status === 'active' };
    },
    onFullSwipe: (id) => this.#requestEnd(id),
    keepsOpen: (state) => [itemElement(this.renderRoot, state.id), this.renderRoot.querySelector('.menu')],
    dragLoaded: ({ renderSwipeActions, swipeActionsStyles, adoptMoreStyles }) => {
      this.#swipeActions = renderSwipeActions;
      adoptMoreStyles(this, [swipeActionsStyles]);
    },
  });
  #swipeActions?: ItemContext['swipeActions'];
  readonly #itemMenu = new ItemMenuController(
    this,
    () => this.renderRoot,
    () => this.matches(':dir(rtl)'),
    (id) => (this.activeId = id),
  );
  readonly #tabFocus = new RovingFocusController(this, {
    layout: { kind: 'row' },
    count: () => TABS.length,
    currentIndex: () => TABS.indexOf(this.#shownList),
    activate: (index) => this.#chooseList(TABS[index]!),
    element: (index) => this.renderRoot.querySelector<HTMLElement>(`#tab-${TABS[index]}`),
  });
  readonly #itemFocus = new RovingFocusController(this, {
    layout: { kind: 'column', pageSize: () => this.#window.pageSize },
    count: () => this.#rowsOf(this.#shownList).length,
    currentIndex: (event) => this.#rowsOf(this.#shownList).findIndex((c) => c.id === itemOf(event.target)?.dataset.id),
    activate: (index) => {
      this.activeId = this.#rowsOf(this.#shownList)[index]!.id;
      this.#swipe.close();
      this.#window.scrollRowIntoView(index);
    },
    element: (index) => itemButton(this.renderRoot, this.#rowsOf(this.#shownList)[index]?.id),
  });
  #tools = new ListTools(this, { store: () => this.#sharedStore, list: () => this.#shownList, text: () => this.text });
  #activeIndexHint = 0;
  #focusWasInList = false;
  readonly #scrollPositions = new Map<ConvListName, number>();

  constructor() {
    super();
    this.list = 'conversations';
    this.tabs = false;
  }

  /** The element's own store, else the one its <conv-provider> shares. */
  get #sharedStore(): ConversationStore | undefined {
    return this.#storeController.store;
  }

  get #shownList(): ConvListName {
    return isListName(this.list) ? this.list : 'conversations';
  }

  #topics(): StoreTopic[] {
    const lists = this.tabs ? TABS.flatMap((name) => SOURCES[name]) : SOURCES[this.#shownList];
    return [...lists.map((name) => `list:${name}` as const), 'connection'];
  }

  /** The list's rows: its store lists, searched and sorted. */
  #rowsOf(list: ConvListName): readonly Conversation[] {
    return this.#tools.rows(list);
  }

  // ── lifecycle ───────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues<this>): void {
    const rows = this.#rowsOf(this.#shownList);
    // Close what belongs to an item that left the list (picked elsewhere, ended on another device).
    const menu = this.#itemMenu.context;
    if (menu && !rows.some((c) => c.id === menu.conversationId)) this.#itemMenu.close({ returnFocus: false });
    const swipe = this.#swipe.state;
    if (swipe && !rows.some((c) => c.id === swipe.id)) this.#swipe.close();
    if (changed.has('list') && changed.get('list') !== undefined) {
      this.#itemMenu.close({ returnFocus: false });
      this.#swipe.close();
      this.#window.startAt(this.#scrollPositions.get(this.#shownList) ?? 0);
      // Another list: its Tab stop is its selected item, else its first.
      this.activeId = undefined;
      this.#activeIndexHint = 0;
    }
    const focused = this.shadowRoot?.activeElement;
    this.#focusWasInList = !!focused && !!this.#viewport?.contains(focused);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('list') && changed.get('list') !== undefined) {
      this.#viewport!.scrollTop = this.#scrollPositions.get(this.#shownList) ?? 0;
    }
    // A host may already have moved focus on (e.g. into its end-chat dialog): never take it back.
    if (!focusIsInsideOrLost(this)) return;
    if (this.#focusWasInList && !this.shadowRoot!.activeElement) {
      // The focused item left the list (picked, accepted, rejected): keep focus at the same place.
      this.focus();
    }
  }

  // ── rendering ───────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const list = this.#shownList;
    const rows = this.#rowsOf(list);
    return html`
      ${this.tabs ? renderTabs({ text: this.text, selected: list, count: (name) => this.#rowsOf(name).length, choose: (name) => this.#chooseList(name), onKeydown: this.#tabFocus.onKeydown }) : nothing}
      ${this.#tools.render()}
      <div
        class="panel"
        role=${this.tabs ? 'tabpanel' : nothing}
        id="panel"
        aria-labelledby=${this.tabs ? `tab-${list}` : nothing}
        tabindex=${this.tabs && rows.length === 0 ? 0 : nothing}
      >
        <p class="notice" part="notice" role="status">${connectionText(this.text, this.#sharedStore?.connection)}</p>
        <p class="notice problem" part="notice" role="alert">${this.problem ?? nothing}</p>
        ${renderRows(this.#rowsContext(list, rows))}
      </div>
      ${renderItemMenu(this.text, this.#itemMenu.context, this.#itemMenu.onMenuKeydown, (menu, action) => this.#runMenuAction(menu, action))}
    `;
  }

  #rowsContext(list: ConvListName, rows: readonly Conversation[]): RowsContext {
    const activeId = this.#currentActiveId(rows);
    const text = this.text;
    const run = (action: (store: ConversationStore) => Promise<void>, conflictText: string) =>
      this.#run(action, conflictText);
    return {
      text,
      label: this.tabs ? undefined : text[list],
      emptyText: text[EMPTY_TEXT[list]],
      rows,
      shown: this.#window.shownRows(
        rows.length,
        rows.findIndex((c) => c.id === activeId),
      ),
      activeId,
      selectedId: this.selectedId,
      rowHeight: this.#window.rowHeight,
      menu: this.#itemMenu.context,
      typing: (id) => !!this.#sharedStore?.isCustomerTyping(id),
      ...this.#tools.itemParts(),
      swipeOf: (id) => this.#swipe.stateOf(id),
      swipeActions: this.#swipeActions,
      onScroll: this.#window.onScroll,
      onKeydown: (event) => this.#onListKeydown(event),
      onFocusin: (event) => this.#onListFocusin(event),
      select: (id) => this.#selectConversation(id),
      pick: (id) => run((store) => store.pick(id), text.pickConflict),
      accept: (id) => void this.#accept(id),
      reject: (id) => run((store) => store.reject(id), text.errorConflict),
      toggleMenu: (conversation, opener) => this.#itemMenu.show(conversation, opener, 'toggle'),
      requestEnd: (id) => this.#requestEnd(id),
      contextMenu: (event, conversation) => openContextMenu(this.#itemMenu, event, conversation),
    };
  }

  // ── lists and tabs ──────────────────────────────────────────────────────

  #chooseList(list: ConvListName): void {
    if (list === this.#shownList) return;
    this.#scrollPositions.set(this.#shownList, this.#viewport?.scrollTop ?? 0);
    this.list = list;
    this.emit('conv-list-change', { list });
  }

  // ── selection and roving focus ──────────────────────────────────────────

  /** Focuses the list's one Tab stop: its item (see below), else the shown tab, else what the empty list says. */
  override focus(options?: FocusOptions): void {
    (
      itemButton(this.renderRoot, this.#currentActiveId()) ??
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ??
      this.renderRoot.querySelector<HTMLElement>('[part~="empty"]')
    )?.focus(options);
  }

  /**
   * The item that takes Tab focus: the last focused one; once that has left the list (picked, rejected,
   * ended), the one now at its place, so the agent goes on with the next; before any, the selected one.
   */
  #currentActiveId(rows = this.#rowsOf(this.#shownList)): string | undefined {
    const indexOf = (id: string | undefined) => (id === undefined ? -1 : rows.findIndex((c) => c.id === id));
    let index = this.activeId === undefined ? indexOf(this.selectedId) : indexOf(this.activeId);
    if (index === -1) index = Math.min(this.#activeIndexHint, rows.length - 1);
    else this.#activeIndexHint = index;
    return rows[index]?.id;
  }

  #selectConversation(conversationId: string, how: { accepted?: true } = {}): void {
    const swipe = this.#swipe.stateOf(conversationId);
    this.#swipe.close();
    // A tap on a swiped-open item closes it, as on a phone.
    if (swipe && !swipe.dragging) return;
    this.selectedId = conversationId;
    this.activeId = conversationId;
    this.emit('conv-select', { conversationId, ...how });
  }

  #onListFocusin(event: FocusEvent): void {
    const id = itemOf(event.target)?.dataset.id;
    if (id && id !== this.#currentActiveId()) this.activeId = id;
  }

  /** Arrows, Page Up and Down, Home and End move between items; Escape closes a swiped item; ContextMenu and Shift+F10 open the item's menu. */
  #onListKeydown(event: KeyboardEvent): void {
    if (this.#itemFocus.onKeydown(event)) return;
    const rows = this.#rowsOf(this.#shownList);
    const index = rows.findIndex((c) => c.id === itemOf(event.target)?.dataset.id);
    const conversation = rows[index];
    if (!conversation) return;
    if (event.key === 'Escape') {
      if (!this.#swipe.state) return;
      event.preventDefault();
      this.#itemFocus.focusItem(index);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      this.#itemMenu.show(conversation, 'item', 'open');
    }
  }

  // ── pick, accept, reject ────────────────────────────────────────────────

  /** Runs a store action; the store moves the item at once and back on failure, and the agent reads why. True once done. */
  async #run(action: (store: ConversationStore) => Promise<void>, conflictText: string): Promise<boolean> {
    const store = this.#sharedStore;
    if (!store) return false;
    this.problem = undefined;
    try {
      await action(store);
      return true;
    } catch (error) {
      const code = isConvError(error) ? error.code : 'network';
      this.problem = describeError(this.text, code, { conflict: conflictText });
      return false;
    }
  }

  /** An accepted offer is a chat the customer waits in: it is selected, so the host opens it, unless the agent chose another meanwhile. */
  async #accept(conversationId: string): Promise<void> {
    const selected = this.selectedId;
    const accepted = await this.#run((store) => store.accept(conversationId), this.text.errorConflict);
    if (accepted && this.selectedId === selected) this.#selectConversation(conversationId, { accepted: true });
  }

  #requestEnd(conversationId: string): void {
    this.#swipe.close();
    // The item the agent acted on holds the Tab stop, also after a swipe, which focuses nothing.
    this.activeId = conversationId;
    this.emit('conv-request-end', { conversationId }, { cancelable: true });
  }

  // ── item menu ───────────────────────────────────────────────────────────

  #runMenuAction(menu: ItemMenu, action: ItemAction): void {
    this.#itemMenu.choose(() => {
      this.#swipe.close();
      if (action === 'notes') this.emit('conv-open-notes', { conversationId: menu.conversationId });
      else this.#requestEnd(menu.conversationId);
    });
  }

  // ── DOM helpers ─────────────────────────────────────────────────────────

  get #viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }
}

if (!customElements.get('conv-list')) customElements.define('conv-list', ConvList);

declare global {
  interface HTMLElementTagNameMap {
    'conv-list': ConvList;
  }
}
