import type { DraftFile } from '../../core/store.js';

/**
 * Which changes of the stored draft the composer takes on: only those it did not write itself (a restore
 * after a reload, the same conversation in another view), so what the agent is typing is never replaced.
 */
export class DraftSync {
  #seenText?: string;
  #seenFiles?: readonly DraftFile[];

  /** What of `draft` is new to the composer: its text if that changed, its files if they changed and there are some. */
  unseen(draft: { text: string; files?: readonly DraftFile[] }): { text?: string; files?: readonly DraftFile[] } {
    const unseen: { text?: string; files?: readonly DraftFile[] } = {};
    if (draft.text !== this.#seenText) unseen.text = this.#seenText = draft.text;
    if (draft.files !== this.#seenFiles) {
      this.#seenFiles = draft.files;
      if (draft.files?.length) unseen.files = draft.files;
    }
    return unseen;
  }

  /** The composer is about to store `draft`: seeing it come back is no change. */
  wrote(draft: { text: string; files?: readonly DraftFile[] }): void {
    this.#seenText = draft.text;
    this.#seenFiles = draft.files;
  }

  forget(): void {
    this.#seenText = undefined;
    this.#seenFiles = undefined;
  }
}
