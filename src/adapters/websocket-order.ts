/**
 * Puts the server's numbered events back in order: repeats are dropped, an event ahead of a missing
 * one waits for it, and a gap still open after a while is reported so the adapter can ask for it.
 */
import type { LogPosition, ServerEvent } from './websocket-protocol.js';

export class EventOrder {
  /** Events that arrived ahead of a missing one, by sequence number. */
  readonly #early = new Map<number, ServerEvent>();
  #gapTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #forward: (event: ServerEvent) => void;
  readonly #onGap: () => void;
  readonly #gapWaitMs: number;

  constructor(forward: (event: ServerEvent) => void, onGap: () => void, gapWaitMs: number) {
    this.#forward = forward;
    this.#onGap = onGap;
    this.#gapWaitMs = gapWaitMs;
  }

  /** Some events wait for a missing one. */
  get waiting(): boolean {
    return this.#early.size > 0;
  }

  /** Delivers the event in sequence after `position`, moving `position` on. */
  receive(position: LogPosition | undefined, seq: number, event: ServerEvent): void {
    if (!position || seq <= position.seq) return;
    if (seq > position.seq + 1) {
      this.#early.set(seq, event);
      this.#gapTimer ??= setTimeout(() => {
        this.#gapTimer = undefined;
        this.#onGap();
      }, this.#gapWaitMs);
      return;
    }
    position.seq = seq;
    this.#forward(event);
    for (let next = this.#early.get(position.seq + 1); next; next = this.#early.get(position.seq + 1)) {
      this.#early.delete(++position.seq);
      this.#forward(next);
    }
    if (this.#early.size === 0) this.#stopWaiting();
  }

  /** Forgets what waited: a new snapshot or connection starts from a new position. */
  clear(): void {
    this.#early.clear();
    this.#stopWaiting();
  }

  #stopWaiting(): void {
    clearTimeout(this.#gapTimer);
    this.#gapTimer = undefined;
  }
}
