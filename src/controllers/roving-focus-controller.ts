import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How the keys move:
 * - `row`: tabs. Left and Right (mirrored right-to-left), Home and End; wraps around.
 * - `column`: a list. Up and Down, Page Up and Page Down, Home and End; stops at the ends.
 * - `grid`: rows of `columns()`. The arrows, Page Up and Page Down by `pageRows()` rows, Home and End
 *   within the row, Ctrl+Home and Ctrl+End to the first and last item; stops at the edges.
 */
export type RovingLayout =
  { kind: 'row' } | { kind: 'column'; pageSize(): number } | { kind: 'grid'; columns(): number; pageRows(): number };

export interface RovingFocusOptions {
  layout: RovingLayout;
  /** How many items there are now. */
  count(): number;
  /** The item the keys move from (the one a key was pressed on, or the one holding the Tab stop); -1: not in the group. */
  currentIndex(event: KeyboardEvent): number;
  /** Gives `index` the Tab stop: the host re-renders its tabindex (and, for tabs, selects it). */
  activate(index: number): void;
  /** The element to focus for `index`, looked up once the host has rendered it. */
  element(index: number): HTMLElement | null | undefined;
}

/**
 * Roving tabindex: one Tab stop for a whole group of tabs, list items or grid cells, and the arrow keys
 * move it. The host renders `tabindex="0"` on the active item and `-1` on the others; the controller
 * maps keys to the next item, lets the host activate it, and focuses it after the host's update
 * (windowed or re-rendered items may only exist by then).
 */
export class RovingFocusController implements ReactiveController {
  #pendingFocus?: number;

  readonly #host: ReactiveControllerHost;
  readonly #options: RovingFocusOptions;

  constructor(host: ReactiveControllerHost, options: RovingFocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Handles the navigation keys; returns whether it did (other keys are the host's). */
  readonly onKeydown = (event: KeyboardEvent): boolean => {
    const count = this.#options.count();
    if (count === 0) return false;
    const from = this.#options.currentIndex(event);
    if (from < 0) return false;
    const current = Math.min(count - 1, from);
    const target = nextIndex(this.#options.layout, event, current, count);
    if (target === undefined) return false;
    event.preventDefault();
    this.focusItem(target);
    return true;
  };

  /** Moves the Tab stop to `index` and focuses it once rendered. */
  focusItem(index: number): void {
    this.#options.activate(index);
    this.#pendingFocus = index;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const index = this.#pendingFocus;
    this.#pendingFocus = undefined;
    if (index !== undefined) this.#options.element(index)?.focus();
  }
}

/** Where a key moves from `index` among `count` items, or undefined for keys the group leaves alone. */
function nextIndex(layout: RovingLayout, event: KeyboardEvent, index: number, count: number): number | undefined {
  const rtl = event.currentTarget instanceof Element && getComputedStyle(event.currentTarget).direction === 'rtl';
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  const last = count - 1;
  const clamp = (target: number) => Math.max(0, Math.min(last, target));
  switch (layout.kind) {
    case 'row': {
      const target = { [forward]: index + 1, [backward]: index - 1, Home: 0, End: last }[event.key];
      return target === undefined ? undefined : (target + count) % count;
    }
    case 'column': {
      const page = Math.max(1, layout.pageSize());
      const target = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + page,
        PageUp: index - page,
        Home: 0,
        End: last,
      }[event.key];
      return target === undefined ? undefined : clamp(target);
    }
    case 'grid':
      return gridTarget(event, index, count, layout.columns(), layout.pageRows() * layout.columns(), forward, backward);
  }
}

function gridTarget(
  event: KeyboardEvent,
  index: number,
  count: number,
  columns: number,
  pageStep: number,
  forward: string,
  backward: string,
): number | undefined {
  const rowStart = index - (index % columns);
  const lastRowStart = count - 1 - ((count - 1) % columns);
  switch (event.key) {
    case forward:
      return Math.min(index + 1, count - 1);
    case backward:
      return Math.max(index - 1, 0);
    case 'ArrowDown':
      return index >= lastRowStart ? index : Math.min(index + columns, count - 1);
    case 'ArrowUp':
      return index < columns ? index : index - columns;
    case 'PageDown':
      return index + pageStep < count ? index + pageStep : Math.min(lastRowStart + (index % columns), count - 1);
    case 'PageUp':
      return index - pageStep >= 0 ? index - pageStep : index % columns;
    case 'Home':
      return event.ctrlKey ? 0 : rowStart;
    case 'End':
      return event.ctrlKey ? count - 1 : Math.min(rowStart + columns, count) - 1;
    default:
      return undefined;
  }
}
