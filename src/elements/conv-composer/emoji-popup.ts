import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { watchPressesOutside } from '../../controllers/menu-button-controller.js';
import type { ConvEmojiPickDetail, ConvEmojiPicker } from '../conv-emoji-picker/conv-emoji-picker.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import type { ConvStrings, PageStrings } from '../shared/strings.js';
import { emojiIcon } from './composer-icons.js';

export interface EmojiPopupOptions {
  renderRoot(): ParentNode;
  /** Runs as the picker opens (to close the plus menu). */
  willOpen(): void;
  /** The agent chose `emoji`; the popup has closed. */
  pick(emoji: string): void;
}

export interface EmojiButtonOptions {
  text: PageStrings;
  strings?: Partial<ConvStrings>;
  dataUrl: string | undefined;
  theme?: string;
  disabled: boolean;
}

/**
 * The emoji button and the dialog it opens. Nothing of the picker is in the page (or loaded) until the
 * first open; Escape gives focus back to the button, a press outside closes it.
 */
export class EmojiPopup implements ReactiveController {
  isOpen = false;
  /** Set on first open: until then nothing of the emoji picker is loaded. */
  #requested = false;
  /** The picker element's module, imported on first open; a failed import is tried again on the next. */
  #pickerLoading?: Promise<boolean>;
  #pickerFailed = false;
  #stopWatchingPresses?: () => void;

  readonly #host: ReactiveControllerHost;
  readonly #options: EmojiPopupOptions;

  constructor(host: ReactiveControllerHost, options: EmojiPopupOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get #button(): HTMLElement | null {
    return this.#options.renderRoot().querySelector('[part~="emoji"]');
  }

  async toggle(): Promise<void> {
    if (this.isOpen) return this.close(this.#button);
    this.#options.willOpen();
    this.#requested = true;
    this.isOpen = true;
    this.#host.requestUpdate();
    this.#pickerFailed = !(await this.#loadPicker());
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    if (!this.isOpen) return;
    const root = this.#options.renderRoot();
    if (this.#pickerFailed) root.querySelector<HTMLElement>('.emoji-dialog .unavailable')?.focus();
    else await root.querySelector<ConvEmojiPicker>('conv-emoji-picker')?.focus();
  }

  #loadPicker(): Promise<boolean> {
    // The picker comes with the rest of what no first paint shows (../shared/on-first-use.ts).
    this.#pickerLoading ??= loadOnFirstUse().then(
      () => true,
      () => {
        this.#pickerLoading = undefined;
        return false;
      },
    );
    return this.#pickerLoading;
  }

  close(focusTarget?: HTMLElement | null): void {
    if (this.isOpen) {
      this.isOpen = false;
      this.#host.requestUpdate();
    }
    focusTarget?.focus();
  }

  hostUpdated(): void {
    if (!this.isOpen) {
      this.#stopWatchingPresses?.();
      this.#stopWatchingPresses = undefined;
      return;
    }
    this.#stopWatchingPresses ??= watchPressesOutside(
      () => [this.#options.renderRoot().querySelector('.emoji')],
      () => this.close(),
    );
  }

  hostDisconnected(): void {
    this.#stopWatchingPresses?.();
    this.#stopWatchingPresses = undefined;
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.close(this.#button);
  };

  readonly #onPick = (event: CustomEvent<ConvEmojiPickDetail>): void => {
    this.close();
    this.#options.pick(event.detail.emoji);
  };

  render({ text: t, strings, dataUrl, theme, disabled }: EmojiButtonOptions) {
    return html`<div class="emoji">
      <button
        type="button"
        class="icon-button"
        part="emoji"
        aria-label=${t.emoji}
        aria-haspopup="dialog"
        aria-expanded=${this.isOpen ? 'true' : 'false'}
        aria-controls=${this.#requested ? 'emoji-dialog' : nothing}
        ?disabled=${disabled}
        @click=${() => this.toggle()}
      >
        ${emojiIcon}
      </button>
      ${
        this.#requested
          ? html`<div
              id="emoji-dialog"
              class="emoji-dialog"
              role="dialog"
              aria-label=${t.emoji}
              ?hidden=${!this.isOpen}
              @keydown=${this.#onKeydown}
              @conv-emoji-pick=${this.#onPick}
            >
              ${
                this.#pickerFailed
                  ? html`<p class="unavailable" role="alert" tabindex="-1">${t.emojiUnavailable}</p>`
                  : html`<conv-emoji-picker
                      data-source=${dataUrl ?? nothing}
                      theme=${theme ?? nothing}
                      .strings=${strings}
                      unavailable-text=${t.emojiUnavailable}
                    ></conv-emoji-picker>`
              }
            </div>`
          : nothing
      }
    </div>`;
  }
}
