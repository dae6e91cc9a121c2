import { html, svg } from 'lit';
/** How far a pointer or finger must pull down at the top before letting go asks for earlier history. */
export const PULL_DISTANCE_PX = 64;
/** The pull indicator follows the pull this far, then stays. */
const MAX_SHOWN_PX = 96;
/** Movement before a mouse press becomes a pull, so a click on a button in a message stays a click. */
const POINTER_SLOP_PX = 8;

/** A pull under way: how far it has come, and whether letting go now asks for earlier history. */
export interface PullProgress {
  distance: number;
  armed: boolean;
}

interface Pull {
  /** The id of the mouse or pen pulling, or a finger (followed through touch events). */
  source: number | 'touch';
  startY: number;
  distance: number;
  captured: boolean;
}

const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Asks for earlier history when the agent tries to go past the top of the list: the wheel or a key
 * (ArrowUp, Page Up, Home) up there, or a pointer or finger pulled down from there and let go, while
 * `shown` draws the pull. Bind its handlers on the scrolling element.
 *
 * A finger is followed through touch events, which keep coming while the browser scrolls natively:
 * Chromium cancels a finger's pointer as soon as it pans, so pointer events alone would lose every pull.
 */
export class PullForEarlier {
  #pull?: Pull;

  readonly #scroller: () => HTMLElement | null;
  readonly #loadEarlier: () => void;
  readonly #shown: (progress: PullProgress | undefined) => void;

  constructor(
    scroller: () => HTMLElement | null,
    loadEarlier: () => void,
    shown: (progress: PullProgress | undefined) => void,
  ) {
    this.#scroller = scroller;
    this.#loadEarlier = loadEarlier;
    this.#shown = shown;
  }

  get #atTop(): boolean {
    return (this.#scroller()?.scrollTop ?? 0) <= 0;
  }

  /** At the top, the wheel cannot scroll any further: turning it up still asks for earlier history. */
  readonly wheeled = (event: WheelEvent) => {
    if (event.deltaY < 0 && this.#atTop) this.#loadEarlier();
  };

  /** The same for the keys that scroll up, pressed on the region itself. */
  readonly keyed = (event: KeyboardEvent) => {
    const modified = event.altKey || event.ctrlKey || event.metaKey || event.shiftKey;
    if (event.target === event.currentTarget && !modified && KEYS_UP.has(event.key) && this.#atTop) this.#loadEarlier();
  };

  /** For pointerdown and touchstart. */
  readonly started = (event: PointerEvent | TouchEvent) => {
    if (!('touches' in event)) {
      if (event.pointerType !== 'touch' && event.button === 0 && this.#atTop)
        this.#start(event.pointerId, event.clientY);
    } else if (event.touches.length === 1) {
      if (this.#atTop) this.#start('touch', event.touches[0]!.clientY);
    } else {
      // A second finger (a pinch) is no pull.
      this.#dropped();
    }
  };

  /** For pointermove and touchmove. */
  readonly moved = (event: PointerEvent | TouchEvent) => {
    const pull = this.#pull;
    const y = 'touches' in event ? event.touches[0]?.clientY : event.clientY;
    if (!pull || !this.#follows(event) || y === undefined) return;
    // The finger scrolled the list down first: the browser's scrolling has it, not a pull.
    if (!this.#atTop) return this.#dropped();
    pull.distance = Math.max(0, y - pull.startY);
    // A mouse pull is held once it is one, so letting go outside the list still ends it.
    if (typeof pull.source === 'number' && !pull.captured && pull.distance > POINTER_SLOP_PX) {
      (event.currentTarget as Element).setPointerCapture(pull.source);
      pull.captured = true;
    }
    this.#shown({ distance: Math.min(pull.distance, MAX_SHOWN_PX), armed: pull.distance >= PULL_DISTANCE_PX });
  };

  /** For pointerup, pointercancel, touchend and touchcancel: letting go far enough asks; a cancel never does. */
  readonly ended = (event: PointerEvent | TouchEvent) => {
    if (!this.#pull || !this.#follows(event)) return;
    const armed = !event.type.endsWith('cancel') && this.#pull.distance >= PULL_DISTANCE_PX;
    this.#dropped();
    if (armed) this.#loadEarlier();
  };

  #follows(event: PointerEvent | TouchEvent): boolean {
    return this.#pull?.source === ('touches' in event ? 'touch' : event.pointerId);
  }

  #start(source: Pull['source'], y: number): void {
    this.#pull = { source, startY: y, distance: 0, captured: false };
  }

  #dropped(): void {
    if (!this.#pull) return;
    this.#pull = undefined;
    this.#shown(undefined);
  }
}

/** On the "New messages" button, and on the pull indicator (turned up once letting go loads). */
export const ARROW_DOWN_ICON = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  ${svg`<path d="M12 5v14M6 13l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`}
</svg>`;

/** Draws a pull under way without rendering: it follows every move of the finger. */
export function drawPull(indicator: HTMLElement | null, progress: PullProgress | undefined): void {
  if (!indicator) return;
  // Through the CSSOM (not a style attribute), which a strict Content-Security-Policy allows.
  indicator.style.setProperty('--_pull', `${progress?.distance ?? 0}px`);
  if (progress) indicator.dataset.state = progress.armed ? 'armed' : 'pulling';
  else delete indicator.dataset.state;
}
