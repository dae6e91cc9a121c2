import type { ReactiveController, ReactiveControllerHost } from 'lit';

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
 */
export class ListWindow implements ReactiveController {
  firstVisibleRow = 0;
  visibleRows = Math.ceil(window.innerHeight / DEFAULT_ROW_HEIGHT);
  rowHeight = DEFAULT_ROW_HEIGHT;
  private resizeObserver?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly elements: ListWindowElements,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.resizeObserver) return;
    const viewport = this.elements.viewport();
    const probe = this.elements.rowProbe();
    if (!viewport || !probe) return;
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(viewport);
    this.resizeObserver.observe(probe);
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  /** The row indexes to render, in order. The focused row stays in the DOM even when scrolled away, so focus is never lost. */
  shownRows(count: number, activeIndex: number): number[] {
    const start = Math.max(0, this.firstVisibleRow - OVERSCAN_ROWS);
    const end = Math.min(count, this.firstVisibleRow + this.visibleRows + OVERSCAN_ROWS);
    const shown: number[] = [];
    if (activeIndex !== -1 && activeIndex < start) shown.push(activeIndex);
    for (let index = start; index < end; index++) shown.push(index);
    if (activeIndex >= end) shown.push(activeIndex);
    return shown;
  }

  /** Rows a Page Up or Page Down moves by. */
  get pageSize(): number {
    return Math.max(1, this.visibleRows - 1);
  }

  /** For a list shown again at its remembered scroll position, before the viewport has it. */
  startAt(scrollTop: number): void {
    this.set({ firstVisibleRow: Math.floor(scrollTop / this.rowHeight) });
  }

  readonly onScroll = (): void => {
    const viewport = this.elements.viewport();
    if (viewport) this.set({ firstVisibleRow: Math.floor(viewport.scrollTop / this.rowHeight) });
  };

  scrollRowIntoView(index: number): void {
    const viewport = this.elements.viewport()!;
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (bottom > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = bottom - viewport.clientHeight;
    this.set({ firstVisibleRow: Math.floor(viewport.scrollTop / this.rowHeight) });
  }

  private measure(): void {
    const viewport = this.elements.viewport();
    if (!viewport) return;
    const rowHeight = this.elements.rowProbe()?.offsetHeight || DEFAULT_ROW_HEIGHT;
    // Before layout (or while hidden) assume a screenful, so something sensible renders.
    const height = viewport.clientHeight || window.innerHeight;
    this.set({
      rowHeight,
      visibleRows: Math.ceil(height / rowHeight) + 1,
      firstVisibleRow: Math.floor(viewport.scrollTop / rowHeight),
    });
  }

  /** Re-renders the host only when something changed, as reactive state would. */
  private set(next: Partial<Pick<ListWindow, 'firstVisibleRow' | 'visibleRows' | 'rowHeight'>>): void {
    let changed = false;
    for (const [key, value] of Object.entries(next) as Array<[keyof typeof next, number]>) {
      if (this[key] === value) continue;
      this[key] = value;
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }
}
