import { html, nothing, type PropertyValues } from 'lit';
import { toConvError, type ConvErrorCode } from '../../core/errors.js';
import { customerLabel } from '../../core/model.js';
import { StoreController } from '../../controllers/store-controller.js';
import type { ConvEventMap } from '../../events/index.js';
import { ConvElement } from '../shared/conv-element.js';
import { isolate } from '../shared/format.js';
import { describeError, type ConvStrings } from '../shared/strings.js';
import { deepActiveElement } from '../shared/focus.js';
import { endChatDialogStyles } from './end-chat-dialog.styles.js';

export type { ConvEndChatDetail } from '../../events/index.js';

/**
 * Asks the agent to confirm ending a chat. Hosts open it when `<conv-list>` or `<conv-chat>` fire
 * `conv-request-end`. A modal native `<dialog>`: focus stays inside, the page behind is inert, and
 * focus starts on Cancel because ending cannot be undone.
 *
 * Closing gives focus back to what had it. When that is gone (the ended chat left its list) or there
 * was none (a finger swipe focuses nothing), focus goes to the element around it, else to the element
 * that asked to end the chat: `<conv-list>` then focuses the next item, `<conv-chat>` its message box.
 *
 * @summary Confirms ending a chat; the conversation then moves to History.
 *
 * @event {CustomEvent<ConvEndChatDetail>} conv-chat-ended - The backend ended the chat; it is now in History.
 * @event {CustomEvent<ConvEndChatDetail>} conv-end-cancel - The agent chose not to end the chat (Cancel or Escape).
 *
 * @csspart dialog - The dialog box.
 * @csspart title - The question "End chat with …?".
 * @csspart confirm - The End chat button.
 * @csspart cancel - The Cancel button.
 *
 * @cssproperty --conv-danger - Background of the End chat button and error text.
 * @cssproperty --conv-on-danger - Text of the End chat button.
 * @cssproperty --conv-surface - Dialog background.
 * @cssproperty --conv-surface-raised - Cancel button background.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - The explanation.
 * @cssproperty --conv-border - Dialog and Cancel button border.
 * @cssproperty --conv-radius - Corner radius of the dialog and buttons.
 */
export class EndChatDialog extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    conversationId: { attribute: 'conversation-id', reflect: true },
    open: { type: Boolean, reflect: true },
    ending: { state: true },
    errorCode: { state: true },
  };
  static override styles = endChatDialogStyles;

  /** The conversation to end. */
  declare conversationId?: string;
  /** Whether the dialog is shown. */
  declare open: boolean;
  declare private ending: boolean;
  declare private errorCode?: ConvErrorCode;

  readonly #storeController = new StoreController(this, () =>
    this.conversationId ? [`conversation:${this.conversationId}`] : [],
  );
  /** Where focus goes back to when the dialog closes, best first. */
  #returnFocusTo: HTMLElement[] = [];
  /** The element whose `conv-request-end` came last, and for which conversation. */
  #requester?: { element: HTMLElement; conversationId: string };

  constructor() {
    super();
    this.open = false;
    this.ending = false;
  }

  /** Opens the dialog; resolves once it is shown. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
  }

  /** Closes the dialog without firing an event; resolves once it is closed. */
  async hide(): Promise<void> {
    this.open = false;
    await this.updateComplete;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('conv-request-end', this.#onRequestEnd);
    // Moved in the page while open: show it again as a modal.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('conv-request-end', this.#onRequestEnd);
    this.#dialog?.close();
  }

  /** Remembers who asked, whichever host opens the dialog for it. */
  readonly #onRequestEnd = (event: ConvEventMap['conv-request-end']): void => {
    const element = event.composedPath()[0];
    if (element instanceof HTMLElement) this.#requester = { element, conversationId: event.detail.conversationId };
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.#returnFocusTo = this.#focusTargetsOnClose();
      this.errorCode = undefined;
    }
    if (changed.has('conversationId')) this.errorCode = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    if (this.open && !dialog.open && this.isConnected) {
      dialog.showModal();
      this.renderRoot.querySelector<HTMLButtonElement>('[part="cancel"]')?.focus();
    } else if (!this.open && changed.get('open') === true) {
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
    const requester = this.#requester;
    if (requester && requester.conversationId === this.conversationId) targets.push(requester.element);
    return targets;
  }

  /** Never to the page: the first of the targets still in it that takes focus. A host that moved focus on keeps it. */
  #giveFocusBack(): void {
    const targets = this.#returnFocusTo;
    this.#returnFocusTo = [];
    const lost = () => {
      const focused = deepActiveElement();
      return !focused || focused === document.body || this.shadowRoot!.contains(focused);
    };
    for (const target of targets) {
      if (!lost()) return;
      if (target.isConnected) target.focus();
    }
  }

  #cancel(): void {
    if (this.ending || !this.open) return;
    this.open = false;
    this.emit('conv-end-cancel', { conversationId: this.conversationId ?? '' });
  }

  async #confirm(): Promise<void> {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (this.ending || !store || !conversationId) return;
    // Already ended (here, on another device or by the customer): nothing left to confirm.
    if (store.conversation(conversationId)?.status === 'ended') {
      this.open = false;
      return;
    }
    this.ending = true;
    this.errorCode = undefined;
    try {
      await store.endChat(conversationId);
      this.open = false;
      this.emit('conv-chat-ended', { conversationId });
    } catch (error) {
      this.errorCode = toConvError(error).code;
    } finally {
      this.ending = false;
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
    if (!this.isConnected || !this.open) return;
    if (this.ending) this.open = false;
    else this.#cancel();
  }

  #customerName(text: ConvStrings): string {
    const customer = this.conversationId
      ? this.#storeController.store?.conversation(this.conversationId)?.customer
      : undefined;
    return isolate((customer && customerLabel(customer)) ?? text.unknownCustomer);
  }

  protected override render() {
    const text = this.text;
    const busy = this.ending ? 'true' : 'false';
    return html`
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="explanation"
        aria-busy=${busy}
        @cancel=${this.#onDialogCancel}
        @close=${this.#onDialogClose}
      >
        <h2 id="title" part="title">${text.endChatQuestion(this.#customerName(text))}</h2>
        <p id="explanation" class="explanation">${text.endChatExplanation}</p>
        <p class="error" role="alert">
          ${this.errorCode ? `${text.chatNotEnded} ${describeError(text, this.errorCode)}` : nothing}
        </p>
        <div class="actions">
          <button part="cancel" type="button" aria-disabled=${busy} @click=${this.#cancel}>${text.cancel}</button>
          <button part="confirm" type="button" aria-disabled=${busy} @click=${this.#confirm}>
            ${this.ending ? text.endingChat : text.endChat}
          </button>
        </div>
      </dialog>
    `;
  }
}

if (!customElements.get('end-chat-dialog')) customElements.define('end-chat-dialog', EndChatDialog);

declare global {
  interface HTMLElementTagNameMap {
    'end-chat-dialog': EndChatDialog;
  }
}
