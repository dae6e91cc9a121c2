import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadOnFirstUse, type OnFirstUse } from '../elements/shared/load-on-first-use.js';
import type { SwipeDrag } from './swipe-drag.js';
import { watchPressesOutside } from './menu-button-controller.js';

export interface SwipeLimits {
  /** Width of the actions a half swipe reveals; letting go past half of it leaves them open. */
  revealWidth: number;
  /** The item can be swiped all the way, and letting go past 60 % of its width does its full-swipe action. */
  fullSwipe: boolean;
}

/** The item that is swiped open or being dragged. */
export interface SwipeState {
  id: string;
  /** How far the item has moved toward the inline start, in px. */
  offset: number;
  dragging: boolean;
  /** Far enough that letting go does the full-swipe action. */
  armed: boolean;
}

export interface SwipeOptions {
  /** The swipeable face a pointer event is on (from its composed path), with its item's id. */
  surfaceOf(path: readonly EventTarget[]): { id: string; face: HTMLElement } | undefined;
  /** How far an item swipes; undefined: it does not swipe. */
  limitsFor(id: string): SwipeLimits | undefined;
  /** The agent let go past the full-swipe threshold. */
  onFullSwipe(id: string): void;
  /** Where a press keeps the open item open: the item itself, and what its actions opened (a menu). */
  keepsOpen(state: SwipeState): ReadonlyArray<Element | null | undefined>;
  /** The drag has loaded, before any item can be swiped: what the host shows of a swipe can come with it. */
  dragLoaded?(chunk: OnFirstUse): void;
}

/** A press on a swipeable item, which a move past the slop turns into a drag (./swipe-drag.ts). */
export interface Gesture {
  id: string;
  face: HTMLElement;
  pointerId: number;
  startX: number;
  startY: number;
  startOffset: number;
  width: number;
  limits: SwipeLimits;
  rtl: boolean;
  dragging: boolean;
}

/** What the drag, loaded on the first press, reads and changes of the controller. */
export interface SwipePort {
  readonly host: HTMLElement;
  readonly options: SwipeOptions;
  gesture?: Gesture | undefined;
  current(): SwipeState | undefined;
  show(state: SwipeState | undefined): void;
}

/**
 * The swipe of a list item toward the inline start (mirrored right-to-left), with a mouse, a pen or a
 * finger: a half swipe reveals the item's actions, a full swipe does its full action, a vertical move
 * scrolls. Listens on the host, so the item's template only renders `state`. A press elsewhere closes
 * an open item; keyboard equivalents are the host's. Only the press is handled here: the drag that may
 * follow loads with the first press on an item (the first-use chunk), long before a finger has moved
 * far enough to swipe.
 */
export class SwipeController implements ReactiveController {
  #current?: SwipeState;
  #drag?: SwipeDrag;
  #stopWatchingPresses?: () => void;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SwipeOptions;
  readonly #port: SwipePort;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SwipeOptions) {
    this.#host = host;
    this.#options = options;
    this.#port = { host, options, current: () => this.#current, show: (state) => this.#show(state) };
    host.addController(this);
  }

  /** The item swiped open or being dragged, if any. */
  get state(): SwipeState | undefined {
    return this.#current;
  }

  stateOf(id: string): SwipeState | undefined {
    return this.#current?.id === id ? this.#current : undefined;
  }

  close(): void {
    this.#show(undefined);
  }

  hostConnected(): void {
    // A mouse hovers before it presses: the drag loads then, before any swipe can begin.
    this.#host.addEventListener('pointerover', this.#loadDrag);
    this.#host.addEventListener('pointerdown', this.#onPointerDown);
    this.#host.addEventListener('pointerup', this.#onPointerUp);
    this.#drag?.listen();
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('pointerover', this.#loadDrag);
    this.#host.removeEventListener('pointerdown', this.#onPointerDown);
    this.#host.removeEventListener('pointerup', this.#onPointerUp);
    this.#drag?.stop();
    this.#port.gesture = undefined;
    this.#stopWatchingPresses?.();
    this.#stopWatchingPresses = undefined;
    this.#current = undefined;
  }

  #show(state: SwipeState | undefined): void {
    if (!state && !this.#current) return;
    this.#current = state;
    if (state) {
      this.#stopWatchingPresses ??= watchPressesOutside(
        () => (this.#current ? this.#options.keepsOpen(this.#current) : []),
        () => {
          if (!this.#port.gesture) this.#show(undefined);
        },
      );
    } else {
      this.#stopWatchingPresses?.();
      this.#stopWatchingPresses = undefined;
    }
    this.#host.requestUpdate();
  }

  readonly #onPointerDown = (event: PointerEvent): void => {
    this.#drag?.pressed();
    if (!event.isPrimary || event.button !== 0) return;
    const surface = this.#options.surfaceOf(event.composedPath());
    const limits = surface && this.#options.limitsFor(surface.id);
    if (!surface || !limits) return;
    this.#port.gesture = {
      id: surface.id,
      face: surface.face,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      startOffset: this.stateOf(surface.id)?.offset ?? 0,
      width: surface.face.offsetWidth,
      limits,
      rtl: surface.face.matches(':dir(rtl)'),
      dragging: false,
    };
    this.#loadDrag();
  };

  readonly #loadDrag = (): void => {
    if (this.#drag) return;
    loadOnFirstUse().then(
      (chunk) => {
        if (this.#drag) return;
        this.#options.dragLoaded?.(chunk);
        this.#drag = new chunk.SwipeDrag(this.#port);
        if (this.#host.isConnected) this.#drag.listen();
      },
      () => {}, // no drag until the chunk loads; the item's buttons and menu still work
    );
  };

  /** A press let go before the drag has loaded was a tap. */
  readonly #onPointerUp = (): void => {
    if (!this.#drag) this.#port.gesture = undefined;
  };
}
