import { html, nothing, type PropertyValues } from 'lit';
import { toConvError, type ConvErrorCode } from '../../core/errors.js';
import { customerLabel } from '../../core/model.js';
import type { ConversationStore } from '../../core/store.js';
import type { ConvEventDetails } from '../../events/index.js';
import { adoptMoreStyles } from '../shared/adopt-more-styles.js';
import { deepActiveElement } from '../shared/focus.js';
import { isolate } from '../shared/format.js';
import { describeError, type PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { endChatDialogStyles } from './end-chat-dialog.styles.js';

/** What the view needs of its `<end-chat-dialog>`. */
export interface EndChatDialogHost extends HTMLElement {
  open: boolean;
  conversationId?: string;
  requestUpdate(): void;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface EndChatDialogViewOptions {
  store(): ConversationStore | undefined;
  text(): PageStrings;
  /** The element whose `conv-request-end` came last, and for which conversation. */
  requester(): { element: HTMLElement; conversationId: string } | undefined;
  emit(name: 'conv-chat-ended' | 'conv-end-cancel', detail: ConvEventDetails['conv-chat-ended']): void;
}

/**
 * The confirmation itself, loaded with the first End chat (the element that hosts it is in the page from
 * the start): a modal native `<dialog>`, focus on Cancel, the request and its errors, and focus given back.
 */
export class EndChatDialogView {
  #ending = false;
  #errorCode?: ConvErrorCode;
  /** Where focus goes back to when the dialog closes, best first. */
  #returnFocusTo: HTMLElement[] = [];

  readonly #host: EndChatDialogHost;
  readonly #options: EndChatDialogViewOptions;

  constructor(host: EndChatDialogHost, options: EndChatDialogViewOptions) {
    this.#host = host;
    this.#options = options;
    adoptMoreStyles(host, endChatDialogStyles);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  #update(change: () => void): void {
    change();
    this.#host.requestUpdate();
  }

  /** The dialog is about to open: remember where focus is, forget an earlier error. */
  opening(): void {
    this.#returnFocusTo = this.#focusTargetsOnClose();
    this.#errorCode = undefined;
  }

  conversationChanged(): void {
    this.#errorCode = undefined;
  }

  updated(changed: PropertyValues): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    if (this.#host.open && !dialog.open && this.#host.isConnected) {
      dialog.showModal();
      this.#host.renderRoot.querySelector<HTMLButtonElement>('[part="cancel"]')?.focus();
    } else if (!this.#host.open && changed.get('open') === true) {
      if (dialog.open) dialog.close();
      this.#giveFocusBack();
    }
  }

  /** The focused element and the elements around it, then the one that asked to end this chat. */
  #focusTargetsOnClose(): HTMLElement[] {
    const targets: HTMLElement[] = [];
    const focused = deepActiveElement();
    for (let node: Node | null = focused; node && node !== document.body; node = node.parentNode) {
      if (node instanceof ShadowRoot) node = node.host;
      if (node instanceof HTMLElement && (node === focused || node.shadowRoot)) targets.push(node);
    }
    const requester = this.#options.requester();
    if (requester && requester.conversationId === this.#host.conversationId) targets.push(requester.element);
    return targets;
  }

  /** Never to the page: the first of the targets still in it that takes focus. A host that moved focus on keeps it. */
  #giveFocusBack(): void {
    const targets = this.#returnFocusTo;
    this.#returnFocusTo = [];
    const lost = () => {
      const focused = deepActiveElement();
      return !focused || focused === document.body || this.#host.shadowRoot!.contains(focused);
    };
    for (const target of targets) {
      if (!lost()) return;
      if (target.isConnected) target.focus();
    }
  }

  #cancel(): void {
    if (this.#ending || !this.#host.open) return;
    this.#host.open = false;
    this.#options.emit('conv-end-cancel', { conversationId: this.#host.conversationId ?? '' });
  }

  async #confirm(): Promise<void> {
    const store = this.#options.store();
    const conversationId = this.#host.conversationId;
    if (this.#ending || !store || !conversationId) return;
    // Already ended (here, on another device or by the customer): nothing left to confirm.
    if (store.conversation(conversationId)?.status === 'ended') {
      this.#host.open = false;
      return;
    }
    this.#update(() => {
      this.#ending = true;
      this.#errorCode = undefined;
    });
    try {
      await store.endChat(conversationId);
      this.#host.open = false;
      this.#options.emit('conv-chat-ended', { conversationId });
    } catch (error) {
      this.#update(() => (this.#errorCode = toConvError(error).code));
    } finally {
      this.#update(() => (this.#ending = false));
    }
  }

  /** Escape: refused while the request is in flight, otherwise the same as Cancel. */
  #onDialogCancel(event: Event): void {
    event.preventDefault();
    this.#cancel();
  }

  /**
   * The browser may close a modal itself (Escape pressed again without a click in between).
   * Keep `open` in step; while ending, the request goes on and still reports `conv-chat-ended`.
   */
  #onDialogClose(): void {
    if (!this.#host.isConnected || !this.#host.open) return;
    if (this.#ending) this.#host.open = false;
    else this.#cancel();
  }

  #customerName(text: PageStrings): string {
    const id = this.#host.conversationId;
    const customer = id ? this.#options.store()?.conversation(id)?.customer : undefined;
    return isolate((customer && customerLabel(customer)) ?? text.unknownCustomer);
  }

  render() {
    const text = withFirstUseWords(this.#options.text());
    const busy = this.#ending ? 'true' : 'false';
    return html`
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="explanation"
        aria-busy=${busy}
        @cancel=${(event: Event) => this.#onDialogCancel(event)}
        @close=${() => this.#onDialogClose()}
      >
        <h2 id="title" part="title">${text.endChatQuestion(this.#customerName(text))}</h2>
        <p id="explanation" class="explanation">${text.endChatExplanation}</p>
        <p class="error" role="alert">
          ${this.#errorCode ? `${text.chatNotEnded} ${describeError(text, this.#errorCode)}` : nothing}
        </p>
        <div class="actions">
          <button part="cancel" type="button" aria-disabled=${busy} @click=${() => this.#cancel()}>
            ${text.cancel}
          </button>
          <button part="confirm" type="button" aria-disabled=${busy} @click=${() => this.#confirm()}>
            ${this.#ending ? text.endingChat : text.endChat}
          </button>
        </div>
      </dialog>
    `;
  }
}
