import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleProperties } from '../shared/style-properties.js';
import { classMap } from 'lit/directives/class-map.js';
import { isConvError } from '../../core/errors.js';
import { customerLabel, type Conversation, type ConversationListName } from '../../core/model.js';
import type { ConversationStore, StoreTopic } from '../../core/store.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvElement } from '../shared/conv-element.js';
import { deepActiveElement } from '../shared/focus.js';
import { describeError } from '../shared/strings.js';
import { formatTime, isolate } from '../shared/format.js';
import { convListStyles } from './conv-list.styles.js';

/** The lists an agent switches between. Offered conversations show on top of Conversations. */
export type ConvListName = Exclude<ConversationListName, 'offered'>;

export interface ConvSelectDetail {
  conversationId: string;
}
export interface ConvOpenNotesDetail {
  conversationId: string;
}
export interface ConvRequestEndDetail {
  conversationId: string;
}
export interface ConvListChangeDetail {
  list: ConvListName;
}

type ItemAction = 'notes' | 'end';

interface OpenMenu {
  conversationId: string;
  actions: ItemAction[];
  /** What opened it, so Escape can give focus back: the item's "More actions" button, the swiped-open More, or the item itself. */
  opener: 'more-actions' | 'swipe-more' | 'item';
  /** A right click opens the menu where the pointer is. */
  point?: { x: number; y: number };
}

interface SwipeState {
  conversationId: string;
  /** How far the item has moved toward the inline start, in px. */
  offset: number;
  dragging: boolean;
  /** Far enough that letting go asks to end the chat. */
  armed: boolean;
}

interface Gesture {
  conversationId: string;
  pointerId: number;
  startX: number;
  startY: number;
  startOffset: number;
  width: number;
  revealWidth: number;
  fullSwipe: boolean;
  rtl: boolean;
  dragging: boolean;
}

const TABS: readonly ConvListName[] = ['conversations', 'picklist', 'history'];
/** The store lists each tab shows. */
const SOURCES: Record<ConvListName, readonly ConversationListName[]> = {
  conversations: ['offered', 'conversations'],
  picklist: ['picklist'],
  history: ['history'],
};
const DEFAULT_ROW_HEIGHT = 76;
/** Rows rendered above and below the visible ones, so fast scrolling never shows a gap. */
const OVERSCAN_ROWS = 6;
/** Width of each action a half swipe reveals. */
const SWIPE_ACTION_WIDTH = 88;
/** Movement before a press becomes a swipe, so taps and vertical scrolls stay what they are. */
const SWIPE_SLOP = 8;
/** Past this fraction of the item's width, letting go asks to end the chat. */
const FULL_SWIPE_FRACTION = 0.6;

const isListName = (value: unknown): value is ConvListName => TABS.includes(value as ConvListName);

/** What can be done from an item's menu: notes everywhere, End chat only for a chat the agent is handling. */
function menuActionsFor(conversation: Conversation): ItemAction[] {
  if (conversation.status === 'offered') return [];
  return conversation.status === 'active' ? ['notes', 'end'] : ['notes'];
}

/**
 * The agent's conversation lists: Conversations (with offers to accept or reject on top), Picklist and History.
 * Shows one list, or all three as tabs. Items can be selected, picked, accepted or rejected; a half swipe
 * left reveals More and End chat, a full swipe asks to end the chat. Every swipe action is also in the
 * item's "More actions" menu (also opened with the ContextMenu key or Shift+F10). Only the rows near the
 * viewport are rendered, so thousands of conversations stay fast.
 *
 * @summary The agent's Conversations, Picklist and History lists.
 *
 * @event conv-select - `{ conversationId }`: the agent selected an item (click, Enter or Space).
 * @event conv-open-notes - `{ conversationId }`: the agent chose Internal notes for an item.
 * @event conv-request-end - `{ conversationId }`, cancelable: the agent asked to end a chat (End chat or a full swipe). The host confirms, e.g. with `<end-chat-dialog>`; the list never ends a chat itself.
 * @event conv-list-change - `{ list }`: the agent switched tabs.
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
    firstVisibleRow: { state: true },
    visibleRows: { state: true },
    rowHeight: { state: true },
    swipe: { state: true },
    menu: { state: true },
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
  declare private firstVisibleRow: number;
  declare private visibleRows: number;
  declare private rowHeight: number;
  declare private swipe?: SwipeState;
  declare private menu?: OpenMenu;
  /** What went wrong with the agent's last pick, accept or reject. */
  declare private problem?: string;

  private readonly storeController = new StoreController(this, () => this.topics());
  private gesture?: Gesture;
  private swallowNextClick = false;
  private activeIndexHint = 0;
  private focusWasInList = false;
  private focusAfterUpdate?: () => HTMLElement | null | undefined;
  /** The menu the popover currently shows and is placed for. */
  private placedMenu?: OpenMenu;
  private readonly scrollPositions = new Map<ConvListName, number>();
  private resizeObserver?: ResizeObserver;

  constructor() {
    super();
    this.list = 'conversations';
    this.tabs = false;
    this.firstVisibleRow = 0;
    this.visibleRows = Math.ceil(window.innerHeight / DEFAULT_ROW_HEIGHT);
    this.rowHeight = DEFAULT_ROW_HEIGHT;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.closeSwipeOnOutsidePress, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.closeSwipeOnOutsidePress, true);
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  /** The element's own store, else the one its <conv-provider> shares. */
  private get sharedStore(): ConversationStore | undefined {
    return this.storeController.store;
  }

  private get shownList(): ConvListName {
    return isListName(this.list) ? this.list : 'conversations';
  }

  private topics(): StoreTopic[] {
    const lists = this.tabs ? TABS.flatMap((name) => SOURCES[name]) : SOURCES[this.shownList];
    return [...lists.map((name) => `list:${name}` as const), 'connection'];
  }

  private rowsOf(list: ConvListName): readonly Conversation[] {
    const store = this.sharedStore;
    if (!store) return [];
    const sources = SOURCES[list];
    return sources.length === 1 ? store.list(sources[0]!) : sources.flatMap((name) => store.list(name));
  }

  // ── lifecycle ───────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues<this>): void {
    const rows = this.rowsOf(this.shownList);
    // Close what belongs to an item that left the list (picked elsewhere, ended on another device).
    if (this.menu && !rows.some((c) => c.id === this.menu!.conversationId)) this.menu = undefined;
    if (this.swipe && !rows.some((c) => c.id === this.swipe!.conversationId)) this.swipe = undefined;
    if (changed.has('list') && changed.get('list') !== undefined) {
      this.menu = undefined;
      this.swipe = undefined;
      this.firstVisibleRow = Math.floor((this.scrollPositions.get(this.shownList) ?? 0) / this.rowHeight);
    }
    const focused = this.shadowRoot?.activeElement;
    this.focusWasInList = !!focused && !!this.viewport?.contains(focused);
  }

  protected override firstUpdated(): void {
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this.viewport!);
    this.resizeObserver.observe(this.renderRoot.querySelector('.row-probe')!);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('list') && changed.get('list') !== undefined) {
      this.viewport!.scrollTop = this.scrollPositions.get(this.shownList) ?? 0;
    }
    this.syncMenu();
    const target = this.focusAfterUpdate?.();
    this.focusAfterUpdate = undefined;
    // A host may already have moved focus on (e.g. into its end-chat dialog): never take it back.
    if (!this.focusIsHereOrLost()) return;
    if (target) target.focus();
    else if (this.focusWasInList && !this.shadowRoot!.activeElement) {
      // The focused item left the list (picked, accepted, rejected): keep focus at the same place.
      (this.itemButton(this.currentActiveId()) ?? this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]'))?.focus();
    }
  }

  // ── rendering ───────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const list = this.shownList;
    const rows = this.rowsOf(list);
    return html`
      ${this.tabs ? this.renderTabs(list) : nothing}
      <div
        class="panel"
        role=${this.tabs ? 'tabpanel' : nothing}
        id="panel"
        aria-labelledby=${this.tabs ? `tab-${list}` : nothing}
        tabindex=${this.tabs && rows.length === 0 ? 0 : nothing}
      >
        <p class="notice" part="notice" role="status">${this.connectionText()}</p>
        <p class="notice problem" part="notice" role="alert">${this.problem ?? nothing}</p>
        ${this.renderList(list, rows)}
      </div>
      ${this.renderMenu()}
    `;
  }

  private connectionText(): string | typeof nothing {
    const state = this.sharedStore?.connection;
    if (state === 'offline') return this.text.offline;
    if (state === 'reconnecting') return this.text.reconnecting;
    return nothing;
  }

  private renderTabs(selected: ConvListName): TemplateResult {
    return html`
      <div class="tablist" part="tabs" role="tablist" aria-label=${this.text.listLabel} @keydown=${this.onTabKeydown}>
        ${TABS.map(
          (name) => html`
            <button
              class="tab"
              part="tab"
              role="tab"
              id="tab-${name}"
              data-list=${name}
              aria-selected=${name === selected ? 'true' : 'false'}
              aria-controls=${name === selected ? 'panel' : nothing}
              tabindex=${name === selected ? 0 : -1}
              @click=${() => this.chooseList(name)}
            >
              <span class="tab-name">${this.text[name]}</span>
              <span class="tab-count">${this.rowsOf(name).length}</span>
            </button>
          `,
        )}
      </div>
    `;
  }

  private renderList(list: ConvListName, rows: readonly Conversation[]): TemplateResult {
    const activeId = this.currentActiveId(rows);
    const activeIndex = rows.findIndex((c) => c.id === activeId);
    const start = Math.max(0, this.firstVisibleRow - OVERSCAN_ROWS);
    const end = Math.min(rows.length, this.firstVisibleRow + this.visibleRows + OVERSCAN_ROWS);
    const shown: number[] = [];
    // The focused item stays in the DOM even when scrolled away, so focus is never lost.
    if (activeIndex !== -1 && activeIndex < start) shown.push(activeIndex);
    for (let index = start; index < end; index++) shown.push(index);
    if (activeIndex >= end) shown.push(activeIndex);
    const empty = rows.length === 0;
    return html`
      <div
        class="viewport"
        part="list"
        role=${empty ? nothing : 'list'}
        aria-label=${empty || this.tabs ? nothing : this.text[list]}
        @scroll=${this.onScroll}
        @keydown=${this.onListKeydown}
        @focusin=${this.onListFocusin}
      >
        <div class="row-probe" aria-hidden="true"></div>
        ${empty
          ? html`<p class="empty" part="empty">${this.emptyText(list)}</p>`
          : html`<div class="canvas" style=${styleProperties({ height: `${rows.length * this.rowHeight}px` })}>
              ${repeat(
                shown,
                (index) => rows[index]!.id,
                (index) => this.renderItem(rows[index]!, index, rows.length, rows[index]!.id === activeId),
              )}
            </div>`}
      </div>
    `;
  }

  private emptyText(list: ConvListName): string {
    if (list === 'picklist') return this.text.emptyPicklist;
    if (list === 'history') return this.text.emptyHistory;
    return this.text.emptyConversations;
  }

  private renderItem(conversation: Conversation, index: number, count: number, active: boolean): TemplateResult {
    const { id, status } = conversation;
    const swipe = this.swipe?.conversationId === id ? this.swipe : undefined;
    const tabIndex = active ? 0 : -1;
    const labelId = `item-label-${index}`;
    const hasMenu = menuActionsFor(conversation).length > 0;
    const menuOpenHere = this.menu?.conversationId === id;
    return html`
      <div
        class=${classMap({ item: true, [status]: true, selected: this.selectedId === id })}
        part="item"
        role="listitem"
        data-id=${id}
        aria-setsize=${count}
        aria-posinset=${index + 1}
        style=${styleProperties({ transform: `translateY(${index * this.rowHeight}px)` })}
        @contextmenu=${(event: MouseEvent) => this.onItemContextMenu(event, conversation)}
      >
        ${swipe ? this.renderSwipeActions(conversation, swipe, labelId) : nothing}
        <div
          class=${classMap({ face: true, dragging: !!swipe?.dragging })}
          style=${styleProperties({ '--_swipe': `${swipe?.offset ?? 0}px` })}
          @pointerdown=${(event: PointerEvent) => this.onPointerDown(event, conversation)}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerCancel}
          @lostpointercapture=${this.onLostPointerCapture}
          @click=${{ handleEvent: (event: Event) => this.swallowClickAfterSwipe(event), capture: true }}
        >
          <button
            class="select"
            tabindex=${tabIndex}
            aria-current=${this.selectedId === id ? 'true' : nothing}
            @click=${() => this.selectConversation(id)}
          >
            <span class="line">
              <span class="name" id=${labelId} dir="auto">${isolate(customerLabel(conversation.customer) ?? this.text.unknownCustomer)}</span>
              ${this.renderTime(conversation)}
            </span>
            <span class="line">
              <span class="channel">${conversation.channel}</span>
              ${status === 'offered' ? html`<span class="offer">· ${this.text.offered}</span>` : nothing}
              <span class="preview" dir="auto">${isolate(this.previewText(conversation))}</span>
              ${conversation.unreadCount > 0
                ? html`<span class="badge" part="badge"
                    ><span aria-hidden="true">${conversation.unreadCount > 99 ? '99+' : conversation.unreadCount}</span
                    ><span class="visually-hidden">${this.text.unread(conversation.unreadCount)}</span></span
                  >`
                : nothing}
            </span>
          </button>
          ${status === 'queued'
            ? html`<button class="item-action primary" tabindex=${tabIndex} aria-describedby=${labelId} @click=${() => this.pickConversation(id)}>
                ${this.text.pick}
              </button>`
            : nothing}
          ${status === 'offered'
            ? html`
                <button class="item-action primary" tabindex=${tabIndex} aria-describedby=${labelId} @click=${() => this.acceptOffer(id)}>
                  ${this.text.accept}
                </button>
                <button class="item-action" tabindex=${tabIndex} aria-describedby=${labelId} @click=${() => this.rejectOffer(id)}>
                  ${this.text.reject}
                </button>
              `
            : nothing}
          ${hasMenu
            ? html`<button
                class="more-actions"
                tabindex=${tabIndex}
                aria-label=${this.text.moreActions}
                aria-describedby=${labelId}
                aria-haspopup="menu"
                aria-controls="item-menu"
                aria-expanded=${menuOpenHere && this.menu!.opener === 'more-actions' ? 'true' : 'false'}
                @click=${() => this.toggleMenu(conversation, 'more-actions')}
              >
                <span aria-hidden="true">⋯</span>
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }

  private renderTime(conversation: Conversation): TemplateResult | typeof nothing {
    const at = conversation.status === 'ended' ? (conversation.endedAt ?? conversation.updatedAt) : (conversation.lastMessage?.at ?? conversation.updatedAt);
    if (!at) return nothing;
    return html`<time class="time" dir="auto" datetime=${new Date(at).toISOString()}>${formatTime(at)}</time>`;
  }

  private previewText(conversation: Conversation): string {
    const last = conversation.lastMessage;
    if (!last) return '';
    return last.author === 'agent' ? `${this.text.you}: ${last.text}` : last.text;
  }

  private renderSwipeActions(conversation: Conversation, swipe: SwipeState, labelId: string): TemplateResult {
    const canEnd = conversation.status === 'active';
    const width = Math.max(swipe.offset, this.revealWidthFor(conversation));
    return html`
      <div
        class=${classMap({ 'swipe-actions': true, armed: swipe.armed })}
        part="actions"
        style=${styleProperties({ width: `${width}px`, '--_action-width': `${SWIPE_ACTION_WIDTH}px` })}
      >
        <button
          class="swipe-more"
          aria-describedby=${labelId}
          aria-haspopup="menu"
          aria-controls="item-menu"
          aria-expanded=${this.menu?.conversationId === conversation.id && this.menu.opener === 'swipe-more' ? 'true' : 'false'}
          @click=${() => this.toggleMenu(conversation, 'swipe-more')}
        >
          ${this.text.more}
        </button>
        ${canEnd ? html`<button class="swipe-end" aria-describedby=${labelId} @click=${() => this.requestEnd(conversation.id)}>${this.text.endChat}</button>` : nothing}
      </div>
    `;
  }

  private renderMenu(): TemplateResult {
    const menu = this.menu;
    return html`
      <div
        class="menu"
        part="menu"
        id="item-menu"
        role="menu"
        popover="manual"
        aria-label=${this.text.moreActions}
        @keydown=${this.onMenuKeydown}
        @focusout=${this.onMenuFocusout}
        @contextmenu=${(event: Event) => event.preventDefault()}
      >
        ${(menu?.actions ?? []).map(
          (action) => html`
            <button class=${action} role="menuitem" tabindex="-1" @click=${() => this.runMenuAction(menu!, action)}>
              ${action === 'notes' ? this.text.internalNotes : this.text.endChat}
            </button>
          `,
        )}
      </div>
    `;
  }

  // ── lists and tabs ──────────────────────────────────────────────────────

  private chooseList(list: ConvListName): void {
    if (list === this.shownList) return;
    this.scrollPositions.set(this.shownList, this.viewport?.scrollTop ?? 0);
    this.list = list;
    this.emit<ConvListChangeDetail>('conv-list-change', { list });
  }

  private onTabKeydown(event: KeyboardEvent): void {
    const current = TABS.indexOf(this.shownList);
    const forward = this.isRtl() ? 'ArrowLeft' : 'ArrowRight';
    const backward = this.isRtl() ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (event.key === forward) next = (current + 1) % TABS.length;
    else if (event.key === backward) next = (current - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    const list = TABS[next]!;
    this.chooseList(list);
    this.focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>(`#tab-${list}`);
  }

  // ── selection and roving focus ──────────────────────────────────────────

  /** The item that takes Tab focus: the last focused one, else the selected one, else the one now at the same place. */
  private currentActiveId(rows = this.rowsOf(this.shownList)): string | undefined {
    for (const candidate of [this.activeId, this.selectedId]) {
      const index = candidate === undefined ? -1 : rows.findIndex((c) => c.id === candidate);
      if (index !== -1) {
        this.activeIndexHint = index;
        return candidate;
      }
    }
    return rows[Math.min(this.activeIndexHint, rows.length - 1)]?.id;
  }

  private selectConversation(conversationId: string): void {
    if (this.swipe?.conversationId === conversationId && !this.swipe.dragging) {
      // A tap on a swiped-open item closes it, as on a phone.
      this.swipe = undefined;
      return;
    }
    this.swipe = undefined;
    this.selectedId = conversationId;
    this.activeId = conversationId;
    this.emit<ConvSelectDetail>('conv-select', { conversationId });
  }

  private onListFocusin(event: FocusEvent): void {
    const id = this.itemOf(event.target)?.dataset.id;
    if (id && id !== this.currentActiveId()) this.activeId = id;
  }

  private onListKeydown(event: KeyboardEvent): void {
    const item = this.itemOf(event.target);
    if (!item) return;
    const rows = this.rowsOf(this.shownList);
    const index = rows.findIndex((c) => c.id === item.dataset.id);
    const conversation = rows[index];
    if (!conversation) return;
    const page = Math.max(1, this.visibleRows - 1);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = index + 1;
        break;
      case 'ArrowUp':
        next = index - 1;
        break;
      case 'PageDown':
        next = index + page;
        break;
      case 'PageUp':
        next = index - page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Escape':
        if (this.swipe) {
          event.preventDefault();
          this.swipe = undefined;
          this.focusAfterUpdate = () => this.itemButton(conversation.id);
        }
        return;
      case 'ContextMenu':
      case 'F10':
        if (event.key === 'F10' && !event.shiftKey) return;
        event.preventDefault();
        this.openMenu(conversation, 'item');
        return;
      default:
        return;
    }
    event.preventDefault();
    this.focusRow(Math.max(0, Math.min(rows.length - 1, next)));
  }

  private focusRow(index: number): void {
    const rows = this.rowsOf(this.shownList);
    const id = rows[index]?.id;
    if (!id) return;
    this.activeId = id;
    this.swipe = undefined;
    this.scrollRowIntoView(index);
    this.focusAfterUpdate = () => this.itemButton(id);
  }

  // ── windowing: fixed-height rows, only those near the viewport are rendered ──

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  private measure(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const probe = this.renderRoot.querySelector<HTMLElement>('.row-probe');
    this.rowHeight = probe?.offsetHeight || DEFAULT_ROW_HEIGHT;
    // Before layout (or while hidden) assume a screenful, so something sensible renders.
    const height = viewport.clientHeight || window.innerHeight;
    this.visibleRows = Math.ceil(height / this.rowHeight) + 1;
    this.firstVisibleRow = Math.floor(viewport.scrollTop / this.rowHeight);
  }

  private onScroll(): void {
    this.firstVisibleRow = Math.floor(this.viewport!.scrollTop / this.rowHeight);
  }

  private scrollRowIntoView(index: number): void {
    const viewport = this.viewport!;
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (bottom > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = bottom - viewport.clientHeight;
    this.firstVisibleRow = Math.floor(viewport.scrollTop / this.rowHeight);
  }

  // ── pick, accept, reject ────────────────────────────────────────────────

  private async pickConversation(conversationId: string): Promise<void> {
    await this.run(() => this.sharedStore!.pick(conversationId), this.text.pickConflict);
  }

  private async acceptOffer(conversationId: string): Promise<void> {
    await this.run(() => this.sharedStore!.accept(conversationId), this.text.errorConflict);
  }

  private async rejectOffer(conversationId: string): Promise<void> {
    await this.run(() => this.sharedStore!.reject(conversationId), this.text.errorConflict);
  }

  /** Runs a store action; the store moves the item at once and back on failure, and the agent reads why. */
  private async run(action: () => Promise<void>, conflictText: string): Promise<void> {
    if (!this.sharedStore) return;
    this.problem = undefined;
    try {
      await action();
    } catch (error) {
      const code = isConvError(error) ? error.code : 'network';
      this.problem = describeError(this.text, code, { conflict: conflictText });
    }
  }

  // ── swipe ───────────────────────────────────────────────────────────────

  private revealWidthFor(conversation: Conversation): number {
    return (conversation.status === 'active' ? 2 : 1) * SWIPE_ACTION_WIDTH;
  }

  private onPointerDown(event: PointerEvent, conversation: Conversation): void {
    this.swallowNextClick = false;
    if (!event.isPrimary || event.button !== 0 || menuActionsFor(conversation).length === 0) return;
    const face = event.currentTarget as HTMLElement;
    this.gesture = {
      conversationId: conversation.id,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      startOffset: this.swipe?.conversationId === conversation.id ? this.swipe.offset : 0,
      width: face.offsetWidth,
      revealWidth: this.revealWidthFor(conversation),
      fullSwipe: conversation.status === 'active',
      rtl: face.matches(':dir(rtl)'),
      dragging: false,
    };
  }

  private onPointerMove(event: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const dx = event.clientX - gesture.startX;
    const dy = event.clientY - gesture.startY;
    if (!gesture.dragging) {
      if (Math.abs(dx) < SWIPE_SLOP && Math.abs(dy) < SWIPE_SLOP) return;
      if (Math.abs(dy) >= Math.abs(dx)) {
        // A vertical move: the list scrolls, the item stays.
        this.gesture = undefined;
        return;
      }
      gesture.dragging = true;
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    }
    const towardStart = gesture.rtl ? dx : -dx;
    const limit = gesture.fullSwipe ? gesture.width : gesture.revealWidth;
    const offset = Math.max(0, Math.min(limit, gesture.startOffset + towardStart));
    const armed = gesture.fullSwipe && offset >= gesture.width * FULL_SWIPE_FRACTION;
    this.swipe = { conversationId: gesture.conversationId, offset, dragging: true, armed };
  }

  private onPointerUp(event: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    this.gesture = undefined;
    if (!gesture.dragging) return;
    this.swallowNextClick = true;
    const offset = this.swipe?.offset ?? 0;
    if (this.swipe?.armed) {
      this.swipe = undefined;
      this.requestEnd(gesture.conversationId);
    } else if (offset >= gesture.revealWidth / 2) {
      this.swipe = { conversationId: gesture.conversationId, offset: gesture.revealWidth, dragging: false, armed: false };
    } else {
      this.swipe = undefined;
    }
  }

  private onPointerCancel(event: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    this.gesture = undefined;
    // The browser took over (a scroll): the item goes back to where it was.
    this.swipe = gesture.startOffset ? { conversationId: gesture.conversationId, offset: gesture.startOffset, dragging: false, armed: false } : undefined;
  }

  /**
   * A finger is captured by the element it touched first (the item's button); taking the capture for
   * the whole item makes that button report a lost capture, which bubbles here and is no cancel.
   */
  private onLostPointerCapture(event: PointerEvent): void {
    if (event.target === event.currentTarget) this.onPointerCancel(event);
  }

  /** The click that ends a drag is not a tap on the item. */
  private swallowClickAfterSwipe(event: Event): void {
    if (!this.swallowNextClick) return;
    this.swallowNextClick = false;
    event.stopPropagation();
    event.preventDefault();
  }

  private readonly closeSwipeOnOutsidePress = (event: PointerEvent): void => {
    if (!this.swipe || this.gesture) return;
    const path = event.composedPath();
    const item = this.itemElement(this.swipe.conversationId);
    const menu = this.renderRoot.querySelector('.menu');
    if ((item && path.includes(item)) || (menu && path.includes(menu))) return;
    this.swipe = undefined;
  };

  private requestEnd(conversationId: string): void {
    this.swipe = undefined;
    this.emit<ConvRequestEndDetail>('conv-request-end', { conversationId }, { cancelable: true });
  }

  // ── item menu (WAI-ARIA menu button) ────────────────────────────────────

  private onItemContextMenu(event: MouseEvent, conversation: Conversation): void {
    if (menuActionsFor(conversation).length === 0) return;
    event.preventDefault();
    // A keyboard-made contextmenu event (ContextMenu key, Shift+F10) has no pointer position.
    const point = event.button === 2 && (event.clientX || event.clientY) ? { x: event.clientX, y: event.clientY } : undefined;
    this.openMenu(conversation, 'item', point);
  }

  private toggleMenu(conversation: Conversation, opener: OpenMenu['opener']): void {
    if (this.menu?.conversationId === conversation.id && this.menu.opener === opener) this.closeMenu(true);
    else this.openMenu(conversation, opener);
  }

  private openMenu(conversation: Conversation, opener: OpenMenu['opener'], point?: OpenMenu['point']): void {
    // Beside a swiped-open More, End chat is already one tap away: its menu holds what is not.
    const actions = menuActionsFor(conversation).filter((action) => opener !== 'swipe-more' || action !== 'end');
    if (actions.length === 0) return;
    this.activeId = conversation.id;
    this.menu = { conversationId: conversation.id, actions, opener, point };
  }

  private closeMenu(restoreFocus: boolean): void {
    const menu = this.menu;
    if (!menu) return;
    this.menu = undefined;
    if (restoreFocus) this.focusAfterUpdate = () => this.openerOf(menu) ?? this.itemButton(menu.conversationId);
  }

  private runMenuAction(menu: OpenMenu, action: ItemAction): void {
    this.menu = undefined;
    this.swipe = undefined;
    this.focusAfterUpdate = () => this.itemButton(menu.conversationId);
    if (action === 'notes') this.emit<ConvOpenNotesDetail>('conv-open-notes', { conversationId: menu.conversationId });
    else this.requestEnd(menu.conversationId);
  }

  /** Opens, places and focuses the popover to match `this.menu`, or hides it. */
  private syncMenu(): void {
    if (this.menu === this.placedMenu) return;
    this.placedMenu = this.menu;
    const element = this.renderRoot.querySelector<HTMLElement>('.menu')!;
    const open = element.matches(':popover-open');
    if (!this.menu) {
      if (open) element.hidePopover();
      return;
    }
    if (!open) element.showPopover();
    this.placeMenu(element, this.menu);
    this.focusAfterUpdate = () => element.querySelector<HTMLElement>('[role="menuitem"]');
  }

  private placeMenu(element: HTMLElement, menu: OpenMenu): void {
    const margin = 8;
    const rtl = this.isRtl();
    const { width, height } = element.getBoundingClientRect();
    let left: number;
    let top: number;
    if (menu.point) {
      left = rtl ? menu.point.x - width : menu.point.x;
      top = menu.point.y;
    } else {
      const anchor = (this.openerOf(menu) ?? this.itemElement(menu.conversationId))!.getBoundingClientRect();
      left = rtl ? anchor.left : anchor.right - width;
      top = anchor.bottom + 2;
      if (top + height > window.innerHeight - margin) top = anchor.top - height - 2;
    }
    // Set through the CSSOM (not a style attribute), which a strict Content-Security-Policy allows.
    element.style.left = `${Math.max(margin, Math.min(left, window.innerWidth - width - margin))}px`;
    element.style.top = `${Math.max(margin, Math.min(top, window.innerHeight - height - margin))}px`;
  }

  private onMenuKeydown(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.menu [role="menuitem"]')];
    const index = items.indexOf(event.target as HTMLElement);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = (index + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (index - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        event.stopPropagation();
        this.closeMenu(true);
        return;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  }

  /** Focus leaving the menu (a click elsewhere) closes it; a click on its own opener toggles it instead. */
  private onMenuFocusout(event: FocusEvent): void {
    const menu = this.menu;
    const next = event.relatedTarget as Node | null;
    if (!menu || (next && (event.currentTarget as HTMLElement).contains(next))) return;
    if (next && next === this.openerOf(menu)) return;
    this.closeMenu(false);
  }

  // ── DOM helpers ─────────────────────────────────────────────────────────

  private focusIsHereOrLost(): boolean {
    const active = deepActiveElement();
    return !active || active === document.body || active === this || this.shadowRoot!.contains(active);
  }

  private isRtl(): boolean {
    return this.matches(':dir(rtl)');
  }

  private itemOf(target: EventTarget | null): HTMLElement | undefined {
    return (target instanceof Element && target.closest<HTMLElement>('.item')) || undefined;
  }

  private itemElement(conversationId: string | undefined): HTMLElement | null {
    if (conversationId === undefined) return null;
    return this.renderRoot.querySelector<HTMLElement>(`.item[data-id="${CSS.escape(conversationId)}"]`);
  }

  private itemButton(conversationId: string | undefined): HTMLElement | null | undefined {
    return this.itemElement(conversationId)?.querySelector<HTMLElement>('.select');
  }

  private openerOf(menu: OpenMenu): HTMLElement | null | undefined {
    const item = this.itemElement(menu.conversationId);
    if (menu.opener === 'item') return item?.querySelector<HTMLElement>('.select');
    return item?.querySelector<HTMLElement>(menu.opener === 'swipe-more' ? '.swipe-more' : '.more-actions');
  }
}

if (!customElements.get('conv-list')) customElements.define('conv-list', ConvList);

declare global {
  interface HTMLElementTagNameMap {
    'conv-list': ConvList;
  }
  interface HTMLElementEventMap {
    'conv-select': CustomEvent<ConvSelectDetail>;
    'conv-open-notes': CustomEvent<ConvOpenNotesDetail>;
    'conv-request-end': CustomEvent<ConvRequestEndDetail>;
    'conv-list-change': CustomEvent<ConvListChangeDetail>;
  }
}
