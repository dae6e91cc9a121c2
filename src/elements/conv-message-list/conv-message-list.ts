import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleProperties } from '../shared/style-properties.js';
import { ConvElement } from '../shared/conv-element.js';
import { rowsAround, type RowRange } from '../shared/windowing.js';
import { ConvMessage } from '../conv-message/conv-message.js';
import { announce, type MessageListRow } from './message-rows.js';
import { ARROW_DOWN_ICON, PullForEarlier } from './pull-for-earlier.js';
import { RowHeights } from './row-heights.js';
import { messageListStyles } from './conv-message-list.styles.js';

export type { MessageListRow, MessageRow, SeparatorRow } from './message-rows.js';

/** Rendered beyond each edge of the viewport, so a fast scroll does not show blank space. */
const OVERSCAN_PX = 480;
/** Closer than this to the bottom counts as "at the bottom": new messages keep the view there. */
const PINNED_SLACK_PX = 8;
/** Scrolling up to within this distance of the top asks for earlier history. */
const TOP_THRESHOLD_PX = 120;

/**
 * The message list of `<conv-chat>`: renders only the rows near the viewport, so a conversation with
 * its previous conversations stays instant at tens of thousands of messages. Rows have varying
 * heights: each counts as one typical row until it is shown and measured (ResizeObserver), and
 * `RowOffsets` places spacers before and after the rendered window. Nothing is computed per row
 * that is not shown, so the first paint costs the same at any length.
 *
 * What the agent reads never moves on its own: while the view is at the bottom, new rows keep it
 * there; otherwise the first visible row is the anchor, and its offset from the top of the viewport is
 * restored after anything above it changes (older history inserted, a row measured).
 *
 * Private to `<conv-chat>`, usable on its own (a benchmark drives `.items` directly). Give it a height.
 *
 * @summary Windowed, anchor-keeping list of messages and conversation separators.
 *
 * @slot start - Shown above the first row, scrolling with it (the "Show previous conversations" control).
 *
 * @event {CustomEvent<null>} conv-load-earlier - The agent scrolled to the top, scrolled or pressed an up key there, or pulled down there with a finger or mouse and let go: show earlier history. No detail.
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-retry - From a message: Retry.
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-delete - From a message: Delete or Cancel upload.
 *
 * @csspart scroller - The scrolling region.
 * @csspart separator - A dated conversation separator.
 * @csspart message - A message bubble (exported from each message).
 * @csspart attachment - An image thumbnail (exported from each message).
 * @csspart location - A location card (exported from each message).
 * @csspart pull-indicator - Shown while the agent pulls down at the top; letting go once its arrow turns shows earlier history.
 * @csspart new-messages - The "New messages" button shown when messages arrive while the agent reads further up.
 */
export class ConvMessageList extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    items: { attribute: false },
    label: {},
    newBelow: { state: true },
    announcement: { state: true },
  };
  static override styles = messageListStyles;

  /** Every row, oldest first. Rows are matched by `key`; an unchanged row object is not re-rendered. */
  declare items: readonly MessageListRow[];
  /** The accessible name of the scrolling region; defaults to the strings' `messagesLabel`. */
  declare label?: string;
  /** Messages arrived below while the agent reads further up. */
  declare private newBelow: boolean;
  /** The latest incoming message, read out by screen readers. */
  declare private announcement: string;

  readonly #heights = new RowHeights();
  readonly #offsets = this.#heights.offsets;
  #range: RowRange = { start: 0, end: 0 };
  /** The view follows the newest message. */
  #pinned = true;
  /** The first visible row and its distance from the top of the viewport, kept while not pinned. */
  #anchor?: { key: string; index: number; offset: number };
  #lastScrollTop = 0;
  /** Where this list last scrolled to by itself: the scroll event that follows is not the agent's. */
  #ownScrollTop?: number;
  readonly #pull = new PullForEarlier({
    scroller: () => this.#scroller,
    indicator: () => this.renderRoot.querySelector('.pull'),
    loadEarlier: () => this.emit('conv-load-earlier', null),
  });
  #observed = new Set<Element>();
  #rangeFrame = 0;
  /** The row holding keyboard focus before this update. */
  #focusedRowKey?: string;
  readonly #resizeObserver = new ResizeObserver((entries) => this.#measured(entries));

  constructor() {
    super();
    this.items = [];
    this.newBelow = false;
    this.announcement = '';
  }

  /** Shows the newest message and follows new ones again. */
  scrollToEnd(): void {
    this.#pinned = true;
    this.#anchor = undefined;
    this.newBelow = false;
    this.#updateRange();
    this.requestUpdate();
  }

  /** Moves keyboard focus to the scrolling region, where arrow keys, Page Up/Down, Home and End scroll. */
  focusMessages(): void {
    this.#scroller?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected: observe again what is rendered.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
    this.#observed.clear();
    cancelAnimationFrame(this.#rangeFrame);
  }

  get #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  get #rowsOrigin(): number {
    return (this.renderRoot.querySelector('.before') as HTMLElement | null)?.offsetTop ?? 0;
  }

  get #viewportHeight(): number {
    // A list left without a height would grow to hold every row; never window for more than the screen.
    const height = this.#scroller?.clientHeight || innerHeight;
    return Math.min(height, innerHeight);
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#focusedRowKey = (this.shadowRoot?.activeElement?.closest('.row') as HTMLElement | null)?.dataset.key;
    if (!changed.has('items')) return;
    const previous = (changed.get('items') as readonly MessageListRow[] | undefined) ?? [];
    const { appendedOnly, shift } = this.#heights.update(this.items);

    const previousLast = previous.at(-1);
    const last = this.items.at(-1);
    const appended =
      previousLast !== undefined &&
      last !== undefined &&
      last.key !== previousLast.key &&
      (appendedOnly || this.#heights.indexOf(previousLast.key, previous.length - 1) !== undefined);
    // The agent's own new message (sent from here) brings the view down to it.
    if (appended && last.kind === 'message' && last.message.author === 'agent' && last.message.status === 'pending')
      this.#pinned = true;
    if (appended && !this.#pinned) this.newBelow = true;
    if (appended && last.kind === 'message' && last.message.author !== 'agent')
      this.announcement = announce(last.message, this.text);

    const anchor = this.#anchor;
    const anchorIndex = anchor && this.#heights.indexOf(anchor.key, anchor.index, anchor.index + shift);
    if (anchor && anchorIndex !== undefined) anchor.index = anchorIndex;
    else this.#anchor = undefined;
    this.#range =
      this.#pinned || !this.#anchor
        ? this.#rangeAtBottom()
        : this.#rangeAt(this.#offsets.offsetOf(this.#anchor.index) - this.#anchor.offset);
  }

  protected override render() {
    const t = this.text;
    const { start, end } = this.#range;
    const count = this.items.length;
    const before = this.#offsets.offsetOf(start);
    const after = this.#offsets.totalHeight - this.#offsets.offsetOf(end);
    return html`
      <div
        class="scroller"
        part="scroller"
        role="region"
        tabindex="0"
        aria-label=${this.label ?? t.messagesLabel}
        @scroll=${this.#scrolled}
        @wheel=${{ handleEvent: this.#pull.wheeled, passive: true }}
        @keydown=${this.#pull.keyed}
        @pointerdown=${this.#pull.started}
        @pointermove=${this.#pull.moved}
        @pointerup=${this.#pull.ended}
        @pointercancel=${this.#pull.ended}
        @touchstart=${{ handleEvent: this.#pull.started, passive: true }}
        @touchmove=${{ handleEvent: this.#pull.moved, passive: true }}
        @touchend=${this.#pull.ended}
        @touchcancel=${this.#pull.ended}
      >
        <div class="content">
          <div class="start"><slot name="start"></slot></div>
          <div class="before" style=${styleProperties({ 'block-size': `${before}px` })}></div>
          ${
            count
              ? html`<div class="rows" role="list">
                  ${repeat(
                    this.items.slice(start, end),
                    (row) => row.key,
                    (row, index) =>
                      html`<div
                        class="row"
                        role="listitem"
                        data-key=${row.key}
                        aria-posinset=${start + index + 1}
                        aria-setsize=${count}
                      >
                        ${this.#renderRow(row)}
                      </div>`,
                  )}
                </div>`
              : nothing
          }
          <div class="after" style=${styleProperties({ 'block-size': `${after}px` })}></div>
        </div>
      </div>
      <div class="pull-area">
        <div class="pull" part="pull-indicator" aria-hidden="true">
          ${ARROW_DOWN_ICON}<span>${t.loadPreviousConversations}</span>
        </div>
      </div>
      ${
        this.newBelow
          ? html`<button class="new-messages" part="new-messages" @click=${this.#showNewMessages}>
              ${ARROW_DOWN_ICON} ${t.newMessages}
            </button>`
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    `;
  }

  #renderRow(row: MessageListRow) {
    if (row.kind === 'separator') return html`<div class="separator" part="separator"><span>${row.label}</span></div>`;
    return html`<conv-message
      exportparts="message, attachment, location"
      .message=${row.message}
      .progress=${row.progress}
      .strings=${this.strings}
      theme=${this.theme ?? nothing}
    ></conv-message>`;
  }

  protected override updated(): void {
    this.#observeRendered();
    // The focused message scrolled out of the window: keep focus in the list rather than losing it to the page.
    if (this.#focusedRowKey && !this.#rowElement(this.#focusedRowKey)) this.#scroller?.focus({ preventScroll: true });
    // New messages render in their own update, just after this one: keep in place once they have their height.
    const rendering = [...(this.renderRoot.querySelector('.rows')?.children ?? [])]
      .map((row) => row.firstElementChild)
      .filter((child): child is ConvMessage => child instanceof ConvMessage && child.isUpdatePending);
    if (rendering.length)
      void Promise.all(rendering.map((message) => message.updateComplete)).then(() => this.#keepInPlace());
    else this.#keepInPlace();
  }

  // ── layout ──────────────────────────────────────────────────────────────

  /** A rendered row's index: its position in the set, as screen readers are told it. */
  #indexOfRendered(row: Element): number | undefined {
    const key = (row as HTMLElement).dataset.key;
    return key === undefined ? undefined : this.#heights.indexOf(key, Number(row.getAttribute('aria-posinset')) - 1);
  }

  /** The rows to render when the viewport's top edge is at `top` (row coordinates). */
  #rangeAt(top: number): RowRange {
    return rowsAround(this.#offsets, top, this.#viewportHeight, OVERSCAN_PX);
  }

  #rangeAtBottom(): RowRange {
    return this.#rangeAt(this.#offsets.totalHeight - this.#viewportHeight);
  }

  /** Re-windows for the current scroll position; renders only when the window changed. */
  #updateRange(): void {
    const scroller = this.#scroller;
    const next =
      this.#pinned || !scroller ? this.#rangeAtBottom() : this.#rangeAt(scroller.scrollTop - this.#rowsOrigin);
    if (next.start === this.#range.start && next.end === this.#range.end) return;
    this.#range = next;
    this.requestUpdate();
  }

  /** Offsets changed without a render (a measurement): the spacers follow at once. */
  #sizeSpacers(): void {
    const { start, end } = this.#range;
    const before = this.renderRoot.querySelector<HTMLElement>('.before');
    const after = this.renderRoot.querySelector<HTMLElement>('.after');
    if (before) before.style.blockSize = `${this.#offsets.offsetOf(start)}px`;
    if (after) after.style.blockSize = `${this.#offsets.totalHeight - this.#offsets.offsetOf(end)}px`;
  }

  #rowElement(key: string): HTMLElement | undefined {
    const rows = this.renderRoot.querySelector('.rows');
    for (const row of rows?.children ?? []) if ((row as HTMLElement).dataset.key === key) return row as HTMLElement;
    return undefined;
  }

  /** Remembers the first visible row and where it is, so it can be put back there. */
  #captureAnchor(): void {
    const scroller = this.#scroller;
    if (!scroller || !this.items.length) return (this.#anchor = undefined);
    const view = scroller.getBoundingClientRect();
    for (const row of this.renderRoot.querySelector('.rows')?.children ?? []) {
      const box = row.getBoundingClientRect();
      const index = this.#indexOfRendered(row);
      if (index !== undefined && box.bottom > view.top && box.top < view.bottom) {
        this.#anchor = { key: (row as HTMLElement).dataset.key!, index, offset: box.top - view.top };
        return;
      }
    }
    // A long jump (scrollbar drag, Home, End) lands where no row is rendered yet: place by the offsets.
    const top = scroller.scrollTop - this.#rowsOrigin;
    const index = this.#offsets.indexAt(top);
    this.#anchor = { key: this.items[index]!.key, index, offset: this.#offsets.offsetOf(index) - top };
  }

  /** After anything changed: follow the bottom, or put the anchor row back exactly where it was. */
  #keepInPlace(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const before = scroller.scrollTop;
    if (this.#pinned) {
      scroller.scrollTop = scroller.scrollHeight;
    } else {
      if (!this.#anchor) return this.#captureAnchor();
      const row = this.#rowElement(this.#anchor.key);
      if (!row) return;
      const drift = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - this.#anchor.offset;
      if (drift !== 0) scroller.scrollTop += drift;
    }
    if (scroller.scrollTop !== before) this.#ownScrollTop = scroller.scrollTop;
    this.#lastScrollTop = scroller.scrollTop;
  }

  #observeRendered(): void {
    const current = new Set<Element>();
    const start = this.renderRoot.querySelector('.start');
    if (this.#scroller) current.add(this.#scroller);
    if (start) current.add(start);
    for (const row of this.renderRoot.querySelector('.rows')?.children ?? []) current.add(row);
    for (const element of this.#observed) if (!current.has(element)) this.#resizeObserver.unobserve(element);
    for (const element of current) if (!this.#observed.has(element)) this.#resizeObserver.observe(element);
    this.#observed = current;
  }

  #measured(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const row = entry.target as HTMLElement;
      // Not a row: the viewport or the content above the rows changed size.
      if (row.dataset.key === undefined) changed = true;
      const index = this.#indexOfRendered(row);
      if (index === undefined) continue;
      const height = entry.borderBoxSize[0]?.blockSize ?? row.offsetHeight;
      if (this.#heights.measure(row.dataset.key!, index, height)) changed = true;
    }
    if (!changed) return;
    this.#sizeSpacers();
    this.#keepInPlace();
    // Rendering other rows inside this callback would resize observed rows again within the same frame.
    cancelAnimationFrame(this.#rangeFrame);
    this.#rangeFrame = requestAnimationFrame(() => this.#updateRange());
  }

  // ── the agent's input ───────────────────────────────────────────────────

  readonly #scrolled = () => {
    const scroller = this.#scroller!;
    const top = scroller.scrollTop;
    if (top === this.#ownScrollTop) {
      this.#ownScrollTop = undefined;
      return this.#updateRange();
    }
    this.#ownScrollTop = undefined;
    const movedUp = top < this.#lastScrollTop;
    this.#lastScrollTop = top;
    this.#pinned = scroller.scrollHeight - top - scroller.clientHeight <= PINNED_SLACK_PX;
    if (this.#pinned) this.newBelow = false;
    this.#captureAnchor();
    this.#updateRange();
    if (movedUp && top <= TOP_THRESHOLD_PX) this.emit('conv-load-earlier', null);
  };

  readonly #showNewMessages = () => {
    this.scrollToEnd();
    this.focusMessages();
  };
}

if (!customElements.get('conv-message-list')) customElements.define('conv-message-list', ConvMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'conv-message-list': ConvMessageList;
  }
}
