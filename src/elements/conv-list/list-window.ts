import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RowOffsets, rowsAround } from '../shared/windowing.js';

// ── windowing: fixed-height rows, only those near the viewport are rendered ──

export const DEFAULT_ROW_HEIGHT = 76;
/** Rows rendered above and below the visible ones, so fast scrolling never shows a gap. */
const OVERSCAN_ROWS = 6;

export interface ListWindowElements {
  /** The scrolling element. */
  viewport(): HTMLElement | null;
  /** An empty element as high as one row, measured to learn the row height the page's CSS gives. */
  rowProbe(): HTMLElement | null;
}

/**
 * Which rows of a long list of same-height rows are in the page: those in view, a few more on either
 * side, and the focused one wherever it is. Re-measures when the viewport or the row height changes.
 * Offsets and the visible range come from the windowing core `<conv-message-list>` uses too; rows of
 * one height are never measured one by one, so every offset is a multiplication.
 */
export class ListWindow implements ReactiveController {
  readonly #offsets = new RowOffsets(DEFAULT_ROW_HEIGHT);
  #scrollTop = 0;
  /** Before layout (or while hidden) a screenful, so something sensible renders. */
  #viewportHeight = window.innerHeight;
  #resizeObserver?: ResizeObserver;

  readonly #host: ReactiveControllerHost;
  readonly #elements: ListWindowElements;

  constructor(host: ReactiveControllerHost, elements: ListWindowElements) {
    this.#host = host;
    this.#elements = elements;
    host.addController(this);
  }

  /** The height the page's CSS gives one row. */
  get rowHeight(): number {
    return this.#offsets.estimatedHeight;
  }

  hostUpdated(): void {
    if (this.#resizeObserver) return;
    const viewport = this.#elements.viewport();
    const probe = this.#elements.rowProbe();
    if (!viewport || !probe) return;
    this.#resizeObserver = new ResizeObserver(() => this.#measure());
    this.#resizeObserver.observe(viewport);
    this.#resizeObserver.observe(probe);
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
  }

  /** The row indexes to render, in order. The focused row stays in the DOM even when scrolled away, so focus is never lost. */
  shownRows(count: number, activeIndex: number): number[] {
    this.#offsets.resize(count);
    const { start, end } = rowsAround(
      this.#offsets,
      this.#scrollTop,
      this.#viewportHeight,
      OVERSCAN_ROWS * this.rowHeight,
    );
    const shown: number[] = [];
    if (activeIndex !== -1 && activeIndex < start) shown.push(activeIndex);
    for (let index = start; index < end; index++) shown.push(index);
    if (activeIndex >= end) shown.push(activeIndex);
    return shown;
  }

  /** Rows a Page Up or Page Down moves by. */
  get pageSize(): number {
    return Math.max(1, Math.ceil(this.#viewportHeight / this.rowHeight));
  }

  /** For a list shown again at its remembered scroll position, before the viewport has it. */
  startAt(scrollTop: number): void {
    this.#set({ scrollTop });
  }

  readonly onScroll = (): void => {
    const viewport = this.#elements.viewport();
    if (viewport) this.#set({ scrollTop: viewport.scrollTop });
  };

  scrollRowIntoView(index: number): void {
    const viewport = this.#elements.viewport()!;
    const top = this.#offsets.offsetOf(index);
    const bottom = top + this.rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (bottom > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = bottom - viewport.clientHeight;
    this.#set({ scrollTop: viewport.scrollTop });
  }

  #measure(): void {
    const viewport = this.#elements.viewport();
    if (!viewport) return;
    const rowHeight = this.#elements.rowProbe()?.offsetHeight || DEFAULT_ROW_HEIGHT;
    if (rowHeight !== this.rowHeight) {
      this.#offsets.estimatedHeight = rowHeight;
      this.#host.requestUpdate();
    }
    this.#set({ viewportHeight: viewport.clientHeight || window.innerHeight, scrollTop: viewport.scrollTop });
  }

  /** Re-renders the host only when what is in view changed, as reactive state would. */
  #set(next: { scrollTop?: number; viewportHeight?: number }): void {
    const before = this.#visibleRange();
    this.#scrollTop = next.scrollTop ?? this.#scrollTop;
    this.#viewportHeight = next.viewportHeight ?? this.#viewportHeight;
    const after = this.#visibleRange();
    if (before.start !== after.start || before.end !== after.end) this.#host.requestUpdate();
  }

  #visibleRange() {
    return rowsAround(this.#offsets, this.#scrollTop, this.#viewportHeight, 0);
  }
}
