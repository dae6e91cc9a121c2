import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { watchPressesOutside } from './menu-button-controller.js';

/** Movement before a press becomes a swipe, so taps and vertical scrolls stay what they are. */
const SWIPE_SLOP = 8;
/** Past this fraction of the item's width, letting go does the full-swipe action. */
export const FULL_SWIPE_FRACTION = 0.6;

export interface SwipeLimits {
  /** Width of the actions a half swipe reveals; letting go past half of it leaves them open. */
  revealWidth: number;
  /** The item can be swiped all the way, and letting go past FULL_SWIPE_FRACTION does its full-swipe action. */
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
}

interface Gesture {
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

/**
 * The swipe of a list item toward the inline start (mirrored right-to-left), with a mouse, a pen or a
 * finger: a half swipe reveals the item's actions, a full swipe does its full action, a vertical move
 * scrolls. Listens on the host, so the item's template only renders `state`. A press elsewhere closes
 * an open item; keyboard equivalents are the host's.
 */
export class SwipeController implements ReactiveController {
  #current?: SwipeState;
  #gesture?: Gesture;
  #swallowNextClick = false;
  #stopWatchingPresses?: () => void;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SwipeOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SwipeOptions) {
    this.#host = host;
    this.#options = options;
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
    this.#host.addEventListener('pointerdown', this.#onPointerDown);
    this.#host.addEventListener('pointermove', this.#onPointerMove);
    this.#host.addEventListener('pointerup', this.#onPointerUp);
    this.#host.addEventListener('pointercancel', this.#onPointerCancel);
    this.#host.addEventListener('lostpointercapture', this.#onLostPointerCapture);
    this.#host.addEventListener('click', this.#swallowClickAfterSwipe, true);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('pointerdown', this.#onPointerDown);
    this.#host.removeEventListener('pointermove', this.#onPointerMove);
    this.#host.removeEventListener('pointerup', this.#onPointerUp);
    this.#host.removeEventListener('pointercancel', this.#onPointerCancel);
    this.#host.removeEventListener('lostpointercapture', this.#onLostPointerCapture);
    this.#host.removeEventListener('click', this.#swallowClickAfterSwipe, true);
    this.#gesture = undefined;
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
          if (!this.#gesture) this.#show(undefined);
        },
      );
    } else {
      this.#stopWatchingPresses?.();
      this.#stopWatchingPresses = undefined;
    }
    this.#host.requestUpdate();
  }

  readonly #onPointerDown = (event: PointerEvent): void => {
    this.#swallowNextClick = false;
    if (!event.isPrimary || event.button !== 0) return;
    const surface = this.#options.surfaceOf(event.composedPath());
    const limits = surface && this.#options.limitsFor(surface.id);
    if (!surface || !limits) return;
    this.#gesture = {
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
  };

  readonly #onPointerMove = (event: PointerEvent): void => {
    const gesture = this.#gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const dx = event.clientX - gesture.startX;
    const dy = event.clientY - gesture.startY;
    if (!gesture.dragging) {
      if (Math.abs(dx) < SWIPE_SLOP && Math.abs(dy) < SWIPE_SLOP) return;
      if (Math.abs(dy) >= Math.abs(dx)) {
        // A vertical move: the list scrolls, the item stays.
        this.#gesture = undefined;
        return;
      }
      gesture.dragging = true;
      gesture.face.setPointerCapture(event.pointerId);
    }
    const { fullSwipe, revealWidth } = gesture.limits;
    const towardStart = gesture.rtl ? dx : -dx;
    const limit = fullSwipe ? gesture.width : revealWidth;
    const offset = Math.max(0, Math.min(limit, gesture.startOffset + towardStart));
    const armed = fullSwipe && offset >= gesture.width * FULL_SWIPE_FRACTION;
    this.#show({ id: gesture.id, offset, dragging: true, armed });
  };

  readonly #onPointerUp = (event: PointerEvent): void => {
    const gesture = this.#gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    this.#gesture = undefined;
    if (!gesture.dragging) return;
    this.#swallowNextClick = true;
    const { revealWidth } = gesture.limits;
    if (this.#current?.armed) {
      this.#show(undefined);
      this.#options.onFullSwipe(gesture.id);
    } else if ((this.#current?.offset ?? 0) >= revealWidth / 2) {
      this.#show({ id: gesture.id, offset: revealWidth, dragging: false, armed: false });
    } else {
      this.#show(undefined);
    }
  };

  readonly #onPointerCancel = (event: PointerEvent): void => {
    const gesture = this.#gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    this.#gesture = undefined;
    // The browser took over (a scroll): the item goes back to where it was.
    this.#show(
      gesture.startOffset ? { id: gesture.id, offset: gesture.startOffset, dragging: false, armed: false } : undefined,
    );
  };

  /**
   * A finger is captured by the element it touched first (the item's button); taking the capture for
   * the whole item makes that button report a lost capture, which bubbles here and is no cancel.
   */
  readonly #onLostPointerCapture = (event: PointerEvent): void => {
    if (this.#gesture && event.composedPath()[0] === this.#gesture.face) this.#onPointerCancel(event);
  };

  /** The click that ends a drag is not a tap on the item. */
  readonly #swallowClickAfterSwipe = (event: Event): void => {
    if (!this.#swallowNextClick) return;
    this.#swallowNextClick = false;
    event.stopPropagation();
    event.preventDefault();
  };
}
