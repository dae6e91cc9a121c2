import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleProperties } from '../shared/style-properties.js';
import type { Message } from '../../core/model.js';
import { ConvElement } from '../shared/conv-element.js';
import { isolate } from '../shared/format.js';
import type { ConvStrings } from '../shared/strings.js';
import { ConvMessage, thumbnailSize } from '../conv-message/conv-message.js';
import { MESSAGE_METRICS } from '../conv-message/conv-message.metrics.js';
import { messageListStyles } from './conv-message-list.styles.js';

/** A dated heading above one conversation ("Conversation on Monday 3 March 2025"). */
export interface SeparatorRow {
  kind: 'separator';
  /** Unique and stable across updates (e.g. `conversation:<id>`). */
  key: string;
  label: string;
}

export interface MessageRow {
  kind: 'message';
  /** Unique and stable across updates: the message's clientId. */
  key: string;
  message: Message;
  /** 0…1 while the message's files upload. */
  progress?: number;
}

/** One row of the flat list model, oldest first. */
export type MessageListRow = SeparatorRow | MessageRow;

interface Range {
  start: number;
  end: number;
}

/** Rendered beyond each edge of the viewport, so a fast scroll does not show blank space. */
const OVERSCAN_PX = 480;
/** Closer than this to the bottom counts as "at the bottom": new messages keep the view there. */
const PINNED_SLACK_PX = 8;
/** Scrolling up to within this distance of the top asks for earlier history. */
const TOP_THRESHOLD_PX = 120;
/** How far a pointer or finger must pull down at the top to ask for earlier history. */
const PULL_DISTANCE_PX = 64;

/**
 * A first guess at a row's height before it has been measured, from `<conv-message>`'s own metrics.
 * It errs on the tall side: rows that turn out shorter let an upward scroll still reach the top.
 */
function estimateHeight(row: MessageListRow, width: number): number {
  const m = MESSAGE_METRICS;
  if (row.kind === 'separator') return m.separator;
  const { message } = row;
  const bubbleText = Math.max(120, Math.min(560, (width - 24) * 0.85) - 24);
  const lines = (text: string, charWidth: number) =>
    text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * charWidth) / bubbleText)), 0);
  const rowPadding = 2 * m.rowPaddingBlock;
  if (message.author === 'system') {
    return (
      rowPadding +
      2 * m.systemPaddingBlock +
      2 /* its 1 px border */ +
      m.smallLineHeight * lines(message.text, 7) +
      m.bubbleGap +
      m.smallLineHeight
    );
  }
  let height = rowPadding + 2 * m.bubblePaddingBlock + m.smallLineHeight; // the row, the bubble, author and time
  for (const attachment of message.attachments)
    height +=
      m.bubbleGap + (attachment.mimeType.startsWith('image/') ? thumbnailSize(attachment).height : m.textLineHeight);
  if (message.location) height += m.bubbleGap + 2 * m.locationPadding + 2 * m.textLineHeight + m.target;
  if (message.text) height += m.bubbleGap + m.textLineHeight * lines(message.text, 8.5);
  if (message.author === 'agent')
    height += m.messageGap + (message.status === 'failed' || row.progress !== undefined ? m.target : m.smallLineHeight);
  return height;
}

/**
 * The message list of `<conv-chat>`: renders only the rows near the viewport, so a conversation with
 * its previous conversations stays instant at tens of thousands of messages. Rows have varying
 * heights: each starts with an estimate, is measured once shown (ResizeObserver), and cumulative
 * offsets (binary-searched) place spacers before and after the rendered window.
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
 * @event {CustomEvent<null>} conv-load-earlier - The agent scrolled to the top, scrolled further there, or pulled down: show earlier history. No detail.
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-retry - From a message: Retry.
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-delete - From a message: Delete or Cancel upload.
 *
 * @csspart scroller - The scrolling region.
 * @csspart separator - A dated conversation separator.
 * @csspart message - A message bubble (exported from each message).
 * @csspart attachment - An image thumbnail (exported from each message).
 * @csspart location - A location card (exported from each message).
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

  private heights = new Map<string, number>();
  private indexByKey = new Map<string, number>();
  /** offsets[i] is the top of row i, offsets[n] the height of all rows (measured, else estimated). */
  private offsets = new Float64Array(1);
  private range: Range = { start: 0, end: 0 };
  /** The view follows the newest message. */
  private pinned = true;
  /** The first visible row and its distance from the top of the viewport, kept while not pinned. */
  private anchor?: { key: string; offset: number };
  private lastScrollTop = 0;
  /** Where this list last scrolled to by itself: the scroll event that follows is not the agent's. */
  private ownScrollTop?: number;
  private pull?: { pointerId: number; startY: number };
  private observed = new Set<Element>();
  private rangeFrame = 0;
  /** The width `offsets` were computed at. */
  private offsetsWidth = 0;
  /** Estimates by row object, for the width they were made at: ten thousand rows are not re-estimated on every append. */
  private estimates = new WeakMap<MessageListRow, { width: number; height: number }>();
  /** The row holding keyboard focus before this update. */
  private focusedRowKey?: string;
  private readonly resizeObserver = new ResizeObserver((entries) => this.measured(entries));

  constructor() {
    super();
    this.items = [];
    this.newBelow = false;
    this.announcement = '';
  }

  /** Shows the newest message and follows new ones again. */
  scrollToEnd(): void {
    this.pinned = true;
    this.anchor = undefined;
    this.newBelow = false;
    this.updateRange();
    this.requestUpdate();
  }

  /** Moves keyboard focus to the scrolling region, where arrow keys, Page Up/Down, Home and End scroll. */
  focusMessages(): void {
    this.scroller?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected: observe again what is rendered.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.observed.clear();
    cancelAnimationFrame(this.rangeFrame);
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  private get rowsOrigin(): number {
    return (this.renderRoot.querySelector('.before') as HTMLElement | null)?.offsetTop ?? 0;
  }

  private get viewportHeight(): number {
    // A list left without a height would grow to hold every row; never window for more than the screen.
    const height = this.scroller?.clientHeight || innerHeight;
    return Math.min(height, innerHeight);
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.focusedRowKey = (this.shadowRoot?.activeElement?.closest('.row') as HTMLElement | null)?.dataset.key;
    if (!changed.has('items')) return;
    const previous = changed.get('items') as readonly MessageListRow[] | undefined;
    // Rows before the first changed one keep their index and offset: a new message costs one row, not ten thousand.
    const kept = previous ? unchangedPrefix(previous, this.items) : 0;
    if (previous && kept === previous.length) {
      for (let index = kept; index < this.items.length; index++) this.indexByKey.set(this.items[index]!.key, index);
    } else {
      this.indexByKey = new Map(this.items.map((row, index) => [row.key, index]));
      for (const key of this.heights.keys()) if (!this.indexByKey.has(key)) this.heights.delete(key);
    }
    this.computeOffsets(kept);

    const previousLast = previous?.at(-1);
    const last = this.items.at(-1);
    const appended =
      previousLast !== undefined &&
      last !== undefined &&
      last.key !== previousLast.key &&
      this.indexByKey.has(previousLast.key);
    // The agent's own new message (sent from here) brings the view down to it.
    if (appended && last.kind === 'message' && last.message.author === 'agent' && last.message.status === 'pending')
      this.pinned = true;
    if (appended && !this.pinned) this.newBelow = true;
    if (appended && last.kind === 'message' && last.message.author !== 'agent')
      this.announcement = announce(last.message, this.text);

    if (this.anchor && !this.indexByKey.has(this.anchor.key)) this.anchor = undefined;
    if (this.pinned || !this.anchor) this.range = this.rangeAtBottom();
    else this.range = this.rangeAt(this.offsets[this.indexByKey.get(this.anchor.key)!]! - this.anchor.offset);
  }

  protected override render() {
    const t = this.text;
    const { start, end } = this.range;
    const count = this.items.length;
    const before = this.offsets[start] ?? 0;
    const after = (this.offsets[count] ?? 0) - (this.offsets[end] ?? 0);
    return html`
      <div
        class="scroller"
        part="scroller"
        role="region"
        tabindex="0"
        aria-label=${this.label ?? t.messagesLabel}
        @scroll=${this.scrolled}
        @wheel=${{ handleEvent: this.wheeled, passive: true }}
        @pointerdown=${this.pointerDown}
        @pointermove=${this.pointerMove}
        @pointerup=${this.pointerEnd}
        @pointercancel=${this.pointerEnd}
        @touchstart=${{ handleEvent: this.touchStart, passive: true }}
        @touchmove=${{ handleEvent: this.touchMove, passive: true }}
        @touchend=${this.pointerEnd}
        @touchcancel=${this.pointerEnd}
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
                        ${this.renderRow(row)}
                      </div>`,
                  )}
                </div>`
              : nothing
          }
          <div class="after" style=${styleProperties({ 'block-size': `${after}px` })}></div>
        </div>
      </div>
      ${
        this.newBelow
          ? html`<button class="new-messages" part="new-messages" @click=${this.showNewMessages}>
              <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                  d="M12 5v14M6 13l6 6 6-6"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="2"
                  stroke-linecap="round"
                  stroke-linejoin="round"
                />
              </svg>
              ${t.newMessages}
            </button>`
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderRow(row: MessageListRow) {
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
    this.observeRendered();
    // The focused message scrolled out of the window: keep focus in the list rather than losing it to the page.
    if (this.focusedRowKey && !this.rowElement(this.focusedRowKey)) this.scroller?.focus({ preventScroll: true });
    // New messages render in their own update, just after this one: keep in place once they have their height.
    const rendering = [...(this.renderRoot.querySelector('.rows')?.children ?? [])]
      .map((row) => row.firstElementChild)
      .filter((child): child is ConvMessage => child instanceof ConvMessage && child.isUpdatePending);
    if (rendering.length)
      void Promise.all(rendering.map((message) => message.updateComplete)).then(() => this.keepInPlace());
    else this.keepInPlace();
  }

  // ── layout ──────────────────────────────────────────────────────────────

  /** Offsets from row `from` on; the rows before it are the same rows with the same heights, at the same width. */
  private computeOffsets(from = 0): void {
    const width = this.scroller?.clientWidth || this.clientWidth || 360;
    const count = this.items.length;
    // Estimates depend on the width: after a resize every row is placed again.
    const start = width === this.offsetsWidth ? Math.min(from, count, this.offsets.length - 1) : 0;
    this.offsetsWidth = width;
    if (this.offsets.length !== count + 1) {
      const offsets = new Float64Array(count + 1);
      offsets.set(this.offsets.subarray(0, start + 1));
      this.offsets = offsets;
    }
    for (let index = start; index < count; index++) {
      const row = this.items[index]!;
      this.offsets[index + 1] = this.offsets[index]! + (this.heights.get(row.key) ?? this.estimate(row, width));
    }
  }

  private estimate(row: MessageListRow, width: number): number {
    const known = this.estimates.get(row);
    if (known?.width === width) return known.height;
    const height = estimateHeight(row, width);
    this.estimates.set(row, { width, height });
    return height;
  }

  /** The row at a vertical position (in row coordinates), clamped to the list. */
  private indexAt(y: number): number {
    const count = this.items.length;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.offsets[middle]! <= y) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  /** The rows to render when the viewport's top edge is at `top` (row coordinates). */
  private rangeAt(top: number): Range {
    const count = this.items.length;
    if (!count) return { start: 0, end: 0 };
    const start = this.indexAt(top - OVERSCAN_PX);
    const end = Math.min(count, this.indexAt(top + this.viewportHeight + OVERSCAN_PX) + 1);
    return { start, end: Math.max(end, start + 1) };
  }

  private rangeAtBottom(): Range {
    return this.rangeAt(this.offsets[this.items.length]! - this.viewportHeight);
  }

  /** Re-windows for the current scroll position; renders only when the window changed. */
  private updateRange(): void {
    const scroller = this.scroller;
    const next = this.pinned || !scroller ? this.rangeAtBottom() : this.rangeAt(scroller.scrollTop - this.rowsOrigin);
    if (next.start === this.range.start && next.end === this.range.end) return;
    this.range = next;
    this.requestUpdate();
  }

  /** Offsets changed without a render (a measurement, a new width for the estimates): the spacers follow at once. */
  private sizeSpacers(): void {
    const { start, end } = this.range;
    const count = this.items.length;
    const before = this.renderRoot.querySelector<HTMLElement>('.before');
    const after = this.renderRoot.querySelector<HTMLElement>('.after');
    if (before) before.style.blockSize = `${this.offsets[start] ?? 0}px`;
    if (after) after.style.blockSize = `${(this.offsets[count] ?? 0) - (this.offsets[end] ?? 0)}px`;
  }

  private rowElement(key: string): HTMLElement | undefined {
    const rows = this.renderRoot.querySelector('.rows');
    for (const row of rows?.children ?? []) if ((row as HTMLElement).dataset.key === key) return row as HTMLElement;
    return undefined;
  }

  /** Remembers the first visible row and where it is, so it can be put back there. */
  private captureAnchor(): void {
    const scroller = this.scroller;
    if (!scroller || !this.items.length) return (this.anchor = undefined);
    const view = scroller.getBoundingClientRect();
    for (const row of this.renderRoot.querySelector('.rows')?.children ?? []) {
      const box = row.getBoundingClientRect();
      if (box.bottom > view.top && box.top < view.bottom) {
        this.anchor = { key: (row as HTMLElement).dataset.key!, offset: box.top - view.top };
        return;
      }
    }
    // A long jump (scrollbar drag, Home, End) lands where no row is rendered yet: place by the offsets.
    const top = scroller.scrollTop - this.rowsOrigin;
    const index = this.indexAt(top);
    this.anchor = { key: this.items[index]!.key, offset: this.offsets[index]! - top };
  }

  /** After anything changed: follow the bottom, or put the anchor row back exactly where it was. */
  private keepInPlace(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const before = scroller.scrollTop;
    if (this.pinned) {
      scroller.scrollTop = scroller.scrollHeight;
    } else {
      if (!this.anchor) return this.captureAnchor();
      const row = this.rowElement(this.anchor.key);
      if (!row) return;
      const drift = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - this.anchor.offset;
      if (drift !== 0) scroller.scrollTop += drift;
    }
    if (scroller.scrollTop !== before) this.ownScrollTop = scroller.scrollTop;
    this.lastScrollTop = scroller.scrollTop;
  }

  private observeRendered(): void {
    const current = new Set<Element>();
    const start = this.renderRoot.querySelector('.start');
    if (this.scroller) current.add(this.scroller);
    if (start) current.add(start);
    for (const row of this.renderRoot.querySelector('.rows')?.children ?? []) current.add(row);
    for (const element of this.observed) if (!current.has(element)) this.resizeObserver.unobserve(element);
    for (const element of current) if (!this.observed.has(element)) this.resizeObserver.observe(element);
    this.observed = current;
  }

  private measured(entries: ResizeObserverEntry[]): void {
    let changed = false;
    // The first row whose height changed: the offsets of the rows above it stay.
    let from = this.items.length;
    for (const entry of entries) {
      const key = (entry.target as HTMLElement).dataset.key;
      if (key === undefined) {
        // The viewport or the content above the rows changed size.
        changed = true;
        continue;
      }
      const height = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      const index = this.indexByKey.get(key);
      if (index !== undefined && this.heights.get(key) !== height) {
        this.heights.set(key, height);
        from = Math.min(from, index);
        changed = true;
      }
    }
    if (!changed) return;
    this.computeOffsets(from);
    this.sizeSpacers();
    this.keepInPlace();
    // Rendering other rows inside this callback would resize observed rows again within the same frame.
    cancelAnimationFrame(this.rangeFrame);
    this.rangeFrame = requestAnimationFrame(() => this.updateRange());
  }

  // ── the agent's input ───────────────────────────────────────────────────

  private readonly scrolled = () => {
    const scroller = this.scroller!;
    const top = scroller.scrollTop;
    if (top === this.ownScrollTop) {
      this.ownScrollTop = undefined;
      return this.updateRange();
    }
    this.ownScrollTop = undefined;
    const movedUp = top < this.lastScrollTop;
    this.lastScrollTop = top;
    this.pinned = scroller.scrollHeight - top - scroller.clientHeight <= PINNED_SLACK_PX;
    if (this.pinned) this.newBelow = false;
    this.captureAnchor();
    this.updateRange();
    if (movedUp && top <= TOP_THRESHOLD_PX) this.loadEarlier();
  };

  /** At the top, the wheel cannot scroll any further: turning it up still asks for earlier history. */
  private readonly wheeled = (event: WheelEvent) => {
    if (event.deltaY < 0 && this.scroller!.scrollTop <= 0) this.loadEarlier();
  };

  private readonly pointerDown = (event: PointerEvent) => {
    // Touch pans the region natively (pointercancel follows); fingers are followed through touch events.
    if (event.pointerType === 'touch' || event.button !== 0 || this.scroller!.scrollTop > 0) return;
    this.pull = { pointerId: event.pointerId, startY: event.clientY };
  };

  private readonly pointerMove = (event: PointerEvent) => {
    if (this.pull?.pointerId === event.pointerId) this.pulled(event.clientY);
  };

  private readonly touchStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (event.touches.length === 1 && touch && this.scroller!.scrollTop <= 0)
      this.pull = { pointerId: -1, startY: touch.clientY };
  };

  private readonly touchMove = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (this.pull?.pointerId === -1 && touch) this.pulled(touch.clientY);
  };

  private readonly pointerEnd = () => {
    this.pull = undefined;
  };

  private pulled(y: number): void {
    if (!this.pull || y - this.pull.startY < PULL_DISTANCE_PX) return;
    this.pull = undefined;
    this.loadEarlier();
  }

  private loadEarlier(): void {
    this.emit('conv-load-earlier', null);
  }

  private readonly showNewMessages = () => {
    this.scrollToEnd();
    this.focusMessages();
  };
}

/** How many rows at the start of `next` are the very same row objects as in `previous`. */
function unchangedPrefix(previous: readonly MessageListRow[], next: readonly MessageListRow[]): number {
  const limit = Math.min(previous.length, next.length);
  let index = 0;
  while (index < limit && previous[index] === next[index]) index++;
  return index;
}

function announce(message: Message, t: ConvStrings): string {
  const author = message.author === 'system' ? t.system : message.authorName ? isolate(message.authorName) : t.customer;
  const text =
    message.text.trim() || (message.location ? t.sharedLocation : message.attachments.map((a) => a.name).join(', '));
  return `${author}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

if (!customElements.get('conv-message-list')) customElements.define('conv-message-list', ConvMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'conv-message-list': ConvMessageList;
  }
}
