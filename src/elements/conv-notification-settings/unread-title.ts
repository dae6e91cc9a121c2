/**
 * The page's title with the unread count in front, "(3) Inbox", as mail and chat apps show it in a tab
 * the agent is not looking at. At none, the page's own title comes back exactly as it was; a title the
 * page set meanwhile is the page's own from then on, never overwritten with an old one.
 */
export class UnreadTitle {
  /** The page's own title while a count shows. */
  #own?: string;
  /** The title this wrote last. */
  #written?: string;

  show(count: number): void {
    if (this.#written !== undefined && document.title !== this.#written) this.#own = document.title;
    if (count <= 0) {
      if (this.#written !== undefined && document.title === this.#written) document.title = this.#own!;
      this.#own = this.#written = undefined;
      return;
    }
    this.#own ??= document.title;
    this.#written = `(${count}) ${this.#own}`;
    if (document.title !== this.#written) document.title = this.#written;
  }
}
