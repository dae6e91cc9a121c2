/**
 * The drag of a pull for earlier history (./pull-for-earlier.ts), loaded with the first press at the top
 * of a message list: it follows the pointer or finger, draws the indicator, and decides on letting go.
 * Imports only types from the page's modules, as everything in the first-use chunk does.
 *
 * A finger is followed through touch events, which keep coming while the browser scrolls natively:
 * Chromium cancels a finger's pointer as soon as it pans, so pointer events alone would lose every pull.
 */
import type { PullPort, PullStart } from './pull-for-earlier.js';

/** How far a pointer or finger must pull down at the top before letting go asks for earlier history. */
export const PULL_DISTANCE_PX = 64;
/** The pull indicator follows the pull this far, then stays. */
const MAX_SHOWN_PX = 96;
/** Movement before a mouse press becomes a pull, so a click on a button in a message stays a click. */
const POINTER_SLOP_PX = 8;

interface Pull extends PullStart {
  distance: number;
  captured: boolean;
}

export class PullDrag {
  #pull?: Pull;
  readonly #port: PullPort;

  constructor(port: PullPort) {
    this.#port = port;
  }

  begin(start: PullStart): void {
    this.#pull = { ...start, distance: 0, captured: false };
  }

  moved(event: PointerEvent | TouchEvent): void {
    const pull = this.#pull;
    const y = 'touches' in event ? event.touches[0]?.clientY : event.clientY;
    if (!pull || !this.#follows(event) || y === undefined) return;
    // The finger scrolled the list down first: the browser's scrolling has it, not a pull.
    if ((this.#port.scroller()?.scrollTop ?? 0) > 0) return this.dropped();
    pull.distance = Math.max(0, y - pull.startY);
    // A mouse pull is held once it is one, so letting go outside the list still ends it.
    if (typeof pull.source === 'number' && !pull.captured && pull.distance > POINTER_SLOP_PX) {
      (event.currentTarget as Element).setPointerCapture(pull.source);
      pull.captured = true;
    }
    this.#draw(Math.min(pull.distance, MAX_SHOWN_PX), pull.distance >= PULL_DISTANCE_PX);
  }

  /** Letting go far enough asks; a cancel never does. */
  ended(event: PointerEvent | TouchEvent): void {
    if (!this.#pull || !this.#follows(event)) return;
    const armed = !event.type.endsWith('cancel') && this.#pull.distance >= PULL_DISTANCE_PX;
    this.dropped();
    if (armed) this.#port.loadEarlier();
  }

  dropped(): void {
    if (!this.#pull) return;
    this.#pull = undefined;
    this.#draw(0, undefined);
  }

  #follows(event: PointerEvent | TouchEvent): boolean {
    return this.#pull?.source === ('touches' in event ? 'touch' : event.pointerId);
  }

  /** Draws the pull without rendering, as it follows every move; `armed` undefined: no pull under way. */
  #draw(distance: number, armed: boolean | undefined): void {
    const indicator = this.#port.indicator();
    if (!indicator) return;
    // Through the CSSOM (not a style attribute), which a strict Content-Security-Policy allows.
    indicator.style.setProperty('--_pull', `${distance}px`);
    if (armed === undefined) delete indicator.dataset.state;
    else indicator.dataset.state = armed ? 'armed' : 'pulling';
  }
}
