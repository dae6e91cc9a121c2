import { html, svg } from 'lit';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import type { PullDrag } from './pull-drag.js';

/** What a pull starts from: the mouse or pen pulling (its pointer id), or a finger, and where it went down. */
export interface PullStart {
  source: number | 'touch';
  startY: number;
}

/** What the pull's drag, loaded on the first press at the top (./pull-drag.ts), reads of the list. */
export interface PullPort {
  scroller(): HTMLElement | null;
  /** The indicator that follows the pull. */
  indicator(): HTMLElement | null;
  loadEarlier(): void;
}

const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Asks for earlier history when the agent tries to go past the top of the list: the wheel or a key
 * (ArrowUp, Page Up, Home) up there, or a pointer or finger pulled down from there and let go. Bind its
 * handlers on the scrolling element. Only the press is handled here: the drag that may follow loads with
 * the first press at the top (the first-use chunk), long before a finger has pulled far enough to count.
 */
export class PullForEarlier {
  #drag?: PullDrag;
  /** A press made before the drag had loaded, handed to it when it arrives. */
  #waiting?: PullStart;
  readonly #port: PullPort;

  constructor(port: PullPort) {
    this.#port = port;
  }

  get #atTop(): boolean {
    return (this.#port.scroller()?.scrollTop ?? 0) <= 0;
  }

  /** At the top, the wheel cannot scroll any further: turning it up still asks for earlier history. */
  readonly wheeled = (event: WheelEvent) => {
    if (event.deltaY < 0 && this.#atTop) this.#port.loadEarlier();
  };

  /** The same for the keys that scroll up, pressed on the region itself. */
  readonly keyed = (event: KeyboardEvent) => {
    const modified = event.altKey || event.ctrlKey || event.metaKey || event.shiftKey;
    if (event.target === event.currentTarget && !modified && KEYS_UP.has(event.key) && this.#atTop)
      this.#port.loadEarlier();
  };

  /** For pointerdown and touchstart. A finger is followed through touch events (see ./pull-drag.ts). */
  readonly started = (event: PointerEvent | TouchEvent) => {
    let start: PullStart | undefined;
    if (!('touches' in event)) {
      if (event.pointerType !== 'touch' && event.button === 0)
        start = { source: event.pointerId, startY: event.clientY };
    } else if (event.touches.length === 1) {
      start = { source: 'touch', startY: event.touches[0]!.clientY };
    } else {
      // A second finger (a pinch) is no pull.
      this.#waiting = undefined;
      return this.#drag?.dropped();
    }
    if (!start || !this.#atTop) return;
    if (this.#drag) return this.#drag.begin(start);
    this.#waiting = start;
    loadOnFirstUse().then(
      ({ PullDrag }) => {
        this.#drag ??= new PullDrag(this.#port);
        if (this.#waiting) this.#drag.begin(this.#waiting);
        this.#waiting = undefined;
      },
      () => {}, // no pull until the chunk loads; the wheel, the keys and scrolling to the top still ask
    );
  };

  /** For pointermove and touchmove. */
  readonly moved = (event: PointerEvent | TouchEvent) => this.#drag?.moved(event);

  /** For pointerup, pointercancel, touchend and touchcancel. */
  readonly ended = (event: PointerEvent | TouchEvent) => {
    this.#waiting = undefined;
    this.#drag?.ended(event);
  };
}

/** On the "New messages" button, and on the pull indicator (turned up once letting go loads). */
export const ARROW_DOWN_ICON = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  ${svg`<path d="M12 5v14M6 13l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`}
</svg>`;
