import { css, nothing, type PropertyValues } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import type { ConvEventMap } from '../../events/index.js';
import { ConvElement } from '../shared/conv-element.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import { themeStyles } from '../shared/theme.styles.js';
import type { EndChatDialogView } from './end-chat-dialog-view.js';

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
  };
  // The dialog's own styles come with its view (end-chat-dialog-view.ts), on first open.
  static override styles = [
    themeStyles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** The conversation to end. */
  declare conversationId?: string;
  /** Whether the dialog is shown. */
  declare open: boolean;

  readonly #storeController = new StoreController(this, () =>
    this.conversationId ? [`conversation:${this.conversationId}`] : [],
  );
  /** The element whose `conv-request-end` came last, and for which conversation. */
  #requester?: { element: HTMLElement; conversationId: string };
  /** The confirmation itself: loaded on first open, with what else no first paint shows. */
  #view?: EndChatDialogView;
  #viewLoading?: Promise<void>;

  constructor() {
    super();
    this.open = false;
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

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('conv-request-end', this.#onRequestEnd);
    // Moved in the page while open: show it again as a modal.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('conv-request-end', this.#onRequestEnd);
    this.renderRoot.querySelector('dialog')?.close();
  }

  /** Remembers who asked, whichever host opens the dialog for it. */
  readonly #onRequestEnd = (event: ConvEventMap['conv-request-end']): void => {
    const element = event.composedPath()[0];
    if (element instanceof HTMLElement) this.#requester = { element, conversationId: event.detail.conversationId };
  };

  /** Until the view has loaded and rendered, `updateComplete` waits for it: `await dialog.show()` means shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    // The first open starts loading the view in that update; what follows from the load belongs to it.
    const loading = this.#viewLoading;
    if (!loading) return complete;
    await loading;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.open) this.#viewLoading ??= this.#loadView();
    if (changed.has('open') && this.open) this.#view?.opening();
    if (changed.has('conversationId')) this.#view?.conversationChanged();
  }

  async #loadView(): Promise<void> {
    try {
      const { EndChatDialogView } = await loadOnFirstUse();
      this.#view = new EndChatDialogView(this, {
        store: () => this.#storeController.store,
        text: () => this.text,
        requester: () => this.#requester,
        emit: (name, detail) => this.emit(name, detail),
      });
      if (this.open) this.#view.opening();
      this.requestUpdate();
    } catch {
      // Not loaded (the network went away): the next open tries again.
      this.#viewLoading = undefined;
      this.open = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#view?.updated(changed);
  }

  protected override render() {
    return this.#view?.render() ?? nothing;
  }
}

if (!customElements.get('end-chat-dialog')) customElements.define('end-chat-dialog', EndChatDialog);

declare global {
  interface HTMLElementTagNameMap {
    'end-chat-dialog': EndChatDialog;
  }
}
