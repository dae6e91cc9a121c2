/**
 * The drag of a swipe (./swipe-controller.ts), loaded with the first press on a swipeable item: it follows
 * the pointer, takes the capture once the move is a swipe, and decides on release. Imports only types from
 * the page's modules, as everything in the first-use chunk does.
 */
import type { SwipePort } from './swipe-controller.js';

/** Movement before a press becomes a swipe, so taps and vertical scrolls stay what they are. */
const SWIPE_SLOP = 8;
/** Past this fraction of the item's width, letting go does the full-swipe action. */
const FULL_SWIPE_FRACTION = 0.6;

export class SwipeDrag {
  #swallowNextClick = false;
  readonly #port: SwipePort;

  constructor(port: SwipePort) {
    this.#port = port;
  }

  listen(): void {
    const { host } = this.#port;
    host.addEventListener('pointermove', this.#onPointerMove);
    host.addEventListener('pointerup', this.#onPointerUp);
    host.addEventListener('pointercancel', this.#onPointerCancel);
    host.addEventListener('lostpointercapture', this.#onLostPointerCapture);
    host.addEventListener('click', this.#swallowClickAfterSwipe, true);
  }

  stop(): void {
    const { host } = this.#port;
    host.removeEventListener('pointermove', this.#onPointerMove);
    host.removeEventListener('pointerup', this.#onPointerUp);
    host.removeEventListener('pointercancel', this.#onPointerCancel);
    host.removeEventListener('lostpointercapture', this.#onLostPointerCapture);
    host.removeEventListener('click', this.#swallowClickAfterSwipe, true);
  }

  /** A new press: whatever click comes next is its own. */
  pressed(): void {
    this.#swallowNextClick = false;
  }

  readonly #onPointerMove = (event: PointerEvent): void => {
    const port = this.#port;
    const gesture = port.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const dx = event.clientX - gesture.startX;
    const dy = event.clientY - gesture.startY;
    if (!gesture.dragging) {
      if (Math.abs(dx) < SWIPE_SLOP && Math.abs(dy) < SWIPE_SLOP) return;
      if (Math.abs(dy) >= Math.abs(dx)) {
        // A vertical move: the list scrolls, the item stays.
        port.gesture = undefined;
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
    port.show({ id: gesture.id, offset, dragging: true, armed });
  };

  readonly #onPointerUp = (event: PointerEvent): void => {
    const port = this.#port;
    const gesture = port.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    port.gesture = undefined;
    if (!gesture.dragging) return;
    this.#swallowNextClick = true;
    const { revealWidth } = gesture.limits;
    const current = port.current();
    if (current?.armed) {
      port.show(undefined);
      port.options.onFullSwipe(gesture.id);
    } else if ((current?.offset ?? 0) >= revealWidth / 2) {
      port.show({ id: gesture.id, offset: revealWidth, dragging: false, armed: false });
    } else {
      port.show(undefined);
    }
  };

  readonly #onPointerCancel = (event: PointerEvent): void => {
    const port = this.#port;
    const gesture = port.gesture;
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    port.gesture = undefined;
    // The browser took over (a scroll): the item goes back to where it was.
    port.show(
      gesture.startOffset ? { id: gesture.id, offset: gesture.startOffset, dragging: false, armed: false } : undefined,
    );
  };

  /**
   * A finger is captured by the element it touched first (the item's button); taking the capture for
   * the whole item makes that button report a lost capture, which bubbles here and is no cancel.
   */
  readonly #onLostPointerCapture = (event: PointerEvent): void => {
    if (this.#port.gesture && event.composedPath()[0] === this.#port.gesture.face) this.#onPointerCancel(event);
  };

  /** The click that ends a drag is not a tap on the item. */
  readonly #swallowClickAfterSwipe = (event: Event): void => {
    if (!this.#swallowNextClick) return;
    this.#swallowNextClick = false;
    event.stopPropagation();
    event.preventDefault();
  };
}
