import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import type { PageStrings } from '../shared/strings.js';

/** What the standard responses need of their composer. */
export interface StandardResponsesParts {
  store(): ConversationStore | undefined;
  conversationId(): string | undefined;
  input(): HTMLTextAreaElement | null;
  text(): PageStrings;
}

/** The list itself, loaded on first use (standard-responses-popup.ts). */
export interface StandardResponsesPopupView {
  readonly isOpen: boolean;
  open(): void;
  render(): TemplateResult | typeof nothing;
}

/**
 * The composer's Standard responses button, and `/` typed into an empty message box: both open a
 * searchable list of the agent's ready-made answers (loaded on first use). Shown only when the
 * adapter has `listStandardResponses`.
 */
export class StandardResponses {
  #popup?: StandardResponsesPopupView;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: StandardResponsesParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: StandardResponsesParts) {
    this.#host = host;
    this.#parts = parts;
  }

  async open(): Promise<void> {
    const chunk = await loadOnFirstUse();
    this.#popup ??= new chunk.StandardResponsesPopup(this.#host, this.#parts);
    this.#popup.open();
  }

  /** For the message box's keydown: `/` in an empty box opens the list instead of being typed. True when it did. */
  onKeydown(event: KeyboardEvent): boolean {
    if (event.key !== '/' || this.#parts.input()?.value || !this.#parts.store()?.supports('listStandardResponses'))
      return false;
    event.preventDefault();
    void this.open();
    return true;
  }

  render(disabled: boolean): TemplateResult | typeof nothing {
    if (!this.#parts.store()?.supports('listStandardResponses')) return nothing;
    return html`<button
        type="button"
        class="icon-button responses"
        part="responses"
        aria-label=${this.#parts.text().standardResponses}
        aria-haspopup="listbox"
        aria-expanded=${this.#popup?.isOpen ? 'true' : 'false'}
        ?disabled=${disabled}
        @click=${() => this.open()}
      >
        <span aria-hidden="true">/</span></button
      >${this.#popup?.render() ?? nothing}`;
  }
}
