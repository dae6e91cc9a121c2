import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement } from '../elements/shared/focus.js';

export interface MenuButtonOptions<T> {
  /** The `role="menu"` element; a `popover` one is shown and hidden by the controller. */
  menu(): HTMLElement | null | undefined;
  /** What opened the menu for `context`: focus goes back to it, and pressing it is not a press outside. */
  opener(context: T): HTMLElement | null | undefined;
  /** Runs as the menu opens, before it renders (e.g. to close a neighbouring popup). */
  willOpen?(context: T): void;
  /** Places a popover menu once it is shown: the top layer knows nothing of the opener's position. */
  place?(menu: HTMLElement, context: T): void;
  /** Whether two contexts are the same opener, for toggle(); default `Object.is`. */
  isSame?(a: T, b: T): boolean;
}

type PendingFocus = 'first' | 'last' | 'opener';

/**
 * The WAI-ARIA APG menu button: ArrowDown or ArrowUp on the button (and Enter or Space, through its
 * click) open the menu on its first or last item; in the menu the arrows move and wrap, Home and End
 * jump, a letter moves to the next item starting with it, Escape and choosing an item close it and give
 * focus back to the opener, Tab closes it and lets focus move on, and a press outside closes it.
 *
 * `T` is what the menu is open for, when one menu serves several openers (the items of a list).
 */
export class MenuButtonController<T = void> implements ReactiveController {
  #openFor?: { context: T };
  #pendingFocus?: PendingFocus;
  /** The opening focus goes back to, looked up after the update: its opener may be re-rendered (or gone) by then. */
  #returnFocusTo?: T;
  /** The opening the popover was last shown and placed for. */
  #shownFor?: { context: T };
  #stopWatchingPresses?: () => void;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: MenuButtonOptions<T>;

  constructor(host: ReactiveControllerHost & HTMLElement, options: MenuButtonOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get isOpen(): boolean {
    return !!this.#openFor;
  }

  /** What the menu is open for; undefined while it is closed. */
  get context(): T | undefined {
    return this.#openFor?.context;
  }

  /** Opens the menu (or moves it to another opener) and focuses its first or last item once rendered. */
  open(focus: 'first' | 'last', context: T): void {
    this.#options.willOpen?.(context);
    this.#openFor = { context };
    this.#pendingFocus = focus;
    this.#stopWatchingPresses ??= watchPressesOutside(
      () => [this.#options.menu(), this.#openFor && this.#options.opener(this.#openFor.context)],
      () => this.close({ returnFocus: false }),
    );
    this.#host.requestUpdate();
  }

  close({ returnFocus }: { returnFocus: boolean }): void {
    if (!this.#openFor) return;
    this.#stopWatchingPresses?.();
    this.#stopWatchingPresses = undefined;
    const context = this.#openFor.context;
    this.#openFor = undefined;
    this.#pendingFocus = returnFocus ? 'opener' : undefined;
    this.#returnFocusTo = context;
    this.#host.requestUpdate();
  }

  /** A click on the opener: opens the menu on its first item, or closes it. */
  toggle(context: T): void {
    const isSame = this.#options.isSame ?? Object.is;
    if (this.#openFor && isSame(this.#openFor.context, context)) this.close({ returnFocus: true });
    else this.open('first', context);
  }

  /** Chooses an item: the menu closes, focus goes back to the opener, then `action` runs (and may move focus on). */
  choose(action: () => void): void {
    this.close({ returnFocus: true });
    action();
  }

  /** For the opener's keydown: ArrowDown opens on the first item, ArrowUp on the last (Enter and Space click it). */
  onOpenerKeydown(event: KeyboardEvent, context: T): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.open(event.key === 'ArrowDown' ? 'first' : 'last', context);
  }

  readonly onMenuKeydown = (event: KeyboardEvent): void => {
    const items = this.#items();
    const current = items.indexOf(event.target as HTMLElement);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        this.close({ returnFocus: true });
        break;
      case 'Tab':
        // Per APG the menu closes and Tab goes on as if from the opener: not trapped, never lost.
        if (this.#openFor) this.#options.opener(this.#openFor.context)?.focus();
        this.close({ returnFocus: false });
        return;
      default:
        next = typeaheadMatch(event, items, current);
        if (next === undefined) return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (next !== undefined) items[(next + items.length) % items.length]?.focus();
  };

  hostUpdated(): void {
    this.#syncPopover();
    const focus = this.#pendingFocus;
    this.#pendingFocus = undefined;
    if (focus === 'opener') {
      const context = this.#returnFocusTo as T;
      this.#returnFocusTo = undefined;
      // A host may already have moved focus on (e.g. into its end-chat dialog): never take it back.
      if (focusIsWithinOrLost(this.#host)) this.#options.opener(context)?.focus();
    } else if (focus) {
      const items = this.#items();
      (focus === 'first' ? items[0] : items.at(-1))?.focus();
    }
  }

  hostDisconnected(): void {
    this.#stopWatchingPresses?.();
    this.#stopWatchingPresses = undefined;
    this.#openFor = undefined;
    this.#pendingFocus = undefined;
  }

  #items(): HTMLElement[] {
    return [...(this.#options.menu()?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  }

  #syncPopover(): void {
    const menu = this.#options.menu();
    if (!menu?.popover || this.#shownFor === this.#openFor) return;
    this.#shownFor = this.#openFor;
    const shown = menu.matches(':popover-open');
    if (!this.#openFor) {
      if (shown) menu.hidePopover();
      return;
    }
    if (!shown) menu.showPopover();
    this.#options.place?.(menu, this.#openFor.context);
  }
}

/** A printable key moves to the next item whose text starts with it, as in a native menu. */
function typeaheadMatch(event: KeyboardEvent, items: readonly HTMLElement[], current: number): number | undefined {
  if (event.key.length !== 1 || event.key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const letter = event.key.toLocaleLowerCase();
  const order = items.map((_, offset) => (current + 1 + offset) % items.length);
  return order.find((index) => items[index]!.textContent!.trim().toLocaleLowerCase().startsWith(letter));
}

function focusIsWithinOrLost(host: HTMLElement): boolean {
  const active = deepActiveElement();
  if (!active || active === document.body) return true;
  for (let node: Node | null = active; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node === host) return true;
  }
  return false;
}

const outsidePressWatchers = new Set<(path: readonly EventTarget[]) => void>();

function notifyOutsidePress(event: PointerEvent): void {
  const path = event.composedPath();
  for (const watcher of [...outsidePressWatchers]) watcher(path);
}

/**
 * Calls `onOutside` when the agent presses anywhere but on the `inside` elements. Every open menu,
 * swiped item and picker shares one capturing document listener, there only while something watches.
 * Returns the function that stops watching.
 */
export function watchPressesOutside(
  inside: () => ReadonlyArray<Element | null | undefined>,
  onOutside: () => void,
): () => void {
  const watcher = (path: readonly EventTarget[]) => {
    if (!inside().some((element) => element && path.includes(element))) onOutside();
  };
  if (outsidePressWatchers.size === 0) document.addEventListener('pointerdown', notifyOutsidePress, true);
  outsidePressWatchers.add(watcher);
  return () => {
    if (!outsidePressWatchers.delete(watcher)) return;
    if (outsidePressWatchers.size === 0) document.removeEventListener('pointerdown', notifyOutsidePress, true);
  };
}
