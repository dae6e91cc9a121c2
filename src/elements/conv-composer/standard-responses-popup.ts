import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { watchPressesOutside } from '../../controllers/menu-button-controller.js';
import { isConvError } from '../../core/errors.js';
import { customerLabel, type StandardResponse } from '../../core/model.js';
import { foldForSearch } from '../../core/search-text.js';
import { adoptMoreStyles } from '../shared/adopt-more-styles.js';
import { describeError } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import type { StandardResponsesParts, StandardResponsesPopupView } from './standard-responses.js';
import { insertAtCaret } from './text-editing.js';

/** `{customerName}` and `{agentName}` filled in; other braces stay as written. */
export function fillPlaceholders(text: string, names: { customerName: string; agentName: string }): string {
  return text.replace(/\{(customerName|agentName)\}/g, (_, key: 'customerName' | 'agentName') => names[key]);
}

const popupStyles = css`
  :host {
    position: relative;
  }
  .responses-popup {
    position: absolute;
    inset-inline: 8px;
    bottom: 100%;
    z-index: 2;
    display: flex;
    flex-direction: column;
    max-height: min(50vh, 22rem);
    padding: 6px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
  }
  .responses-find {
    min-height: var(--_target);
    padding: 0 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  [role='listbox'] {
    overflow-y: auto;
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
  }
  [role='option'] {
    display: flex;
    flex-direction: column;
    padding: 8px 10px;
    border-radius: calc(var(--_radius) - 4px);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_surface-raised);
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .response-title {
    font-weight: 600;
  }
  .response-text {
    color: var(--_text-muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .responses-status {
    margin: 4px 0 0;
    color: var(--_text-muted);
  }
  .responses-status:empty {
    display: none;
  }
`;

/**
 * The searchable list of standard responses (the WAI-ARIA combobox pattern with a listbox popup):
 * the caret stays in the Find field, ArrowDown and ArrowUp move the active answer, Enter or a click
 * inserts it with the customer's and the agent's names filled in, Escape closes and gives focus back
 * to the message box, and so do Tab and a press outside (without inserting).
 */
export class StandardResponsesPopup implements StandardResponsesPopupView {
  isOpen = false;
  #query = '';
  #active = 0;
  #responses?: readonly StandardResponse[];
  #problem?: string;
  #stopWatchingPresses?: () => void;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: StandardResponsesParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: StandardResponsesParts) {
    this.#host = host;
    this.#parts = parts;
  }

  open(): void {
    adoptMoreStyles(this.#host, [popupStyles]);
    this.isOpen = true;
    this.#query = '';
    this.#active = 0;
    this.#problem = undefined;
    this.#stopWatchingPresses ??= watchPressesOutside(
      () => [this.#root?.querySelector('.responses-popup'), this.#root?.querySelector('[part~="responses"]')],
      () => this.close(false),
    );
    void this.#load();
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#root?.querySelector<HTMLElement>('.responses-find')?.focus());
  }

  close(returnFocus = true): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.#stopWatchingPresses?.();
    this.#stopWatchingPresses = undefined;
    this.#host.requestUpdate();
    if (returnFocus) void this.#host.updateComplete.then(() => this.#parts.input()?.focus());
  }

  get #root(): ShadowRoot | null {
    return this.#host.shadowRoot;
  }

  async #load(): Promise<void> {
    try {
      this.#responses = (await this.#parts.store()?.standardResponses()) ?? [];
    } catch (error) {
      this.#problem = describeError(this.#parts.text(), isConvError(error) ? error.code : 'network');
    }
    this.#host.requestUpdate();
  }

  /** The answers matching what the agent typed in Find (title or text, case and accents ignored), names filled in. */
  get #shown(): Array<StandardResponse & { filled: string }> {
    const store = this.#parts.store();
    const conversation = store?.conversation(this.#parts.conversationId() ?? '');
    const text = withFirstUseWords(this.#parts.text());
    const names = {
      customerName: (conversation && customerLabel(conversation.customer)) ?? text.unknownCustomer,
      agentName: store?.agent?.name ?? '',
    };
    const needle = foldForSearch(this.#query.trim());
    return (this.#responses ?? [])
      .map((response) => ({ ...response, filled: fillPlaceholders(response.text, names) }))
      .filter((response) => foldForSearch(`${response.title}\n${response.filled}`).includes(needle));
  }

  #choose(response: { filled: string }): void {
    this.close(false);
    const input = this.#parts.input();
    if (input) insertAtCaret(input, response.filled);
  }

  #onKeydown(event: KeyboardEvent, shown: readonly { filled: string }[]): void {
    const count = shown.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count) this.#active = (this.#active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      this.#host.requestUpdate();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const response = shown[this.#active];
      if (response) this.#choose(response);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab') {
      this.close(false);
    }
  }

  render(): TemplateResult | typeof nothing {
    if (!this.isOpen) return nothing;
    const text = withFirstUseWords(this.#parts.text());
    const shown = this.#shown;
    this.#active = Math.min(this.#active, Math.max(0, shown.length - 1));
    const active = shown[this.#active];
    const status = this.#problem ?? (this.#responses && !shown.length ? text.noResponses : '');
    return html`<div class="responses-popup" part="responses-popup">
      <input
        class="responses-find"
        role="combobox"
        aria-label=${text.findResponse}
        placeholder=${text.findResponse}
        aria-expanded="true"
        aria-controls="responses-list"
        aria-autocomplete="list"
        aria-activedescendant=${active ? `response-${this.#active}` : nothing}
        autocomplete="off"
        .value=${this.#query}
        @input=${(event: InputEvent) => {
          this.#query = (event.target as HTMLInputElement).value;
          this.#active = 0;
          this.#host.requestUpdate();
        }}
        @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, shown)}
      />
      <ul role="listbox" id="responses-list" aria-label=${text.standardResponses}>
        ${shown.map(
          (response, index) =>
            // The keys are the Find field's: it holds focus and names the active option (aria-activedescendant).
            // eslint-disable-next-line lit-a11y/click-events-have-key-events
            html`<li
              role="option"
              id="response-${index}"
              aria-selected=${response === active ? 'true' : 'false'}
              @pointerdown=${(event: PointerEvent) => event.preventDefault()}
              @click=${() => this.#choose(response)}
            >
              <span class="response-title">${response.title}</span>
              <span class="response-text" dir="auto">${response.filled}</span>
            </li>`,
        )}
      </ul>
      <p class="responses-status" role="status">${status}</p>
    </div>`;
  }
}
