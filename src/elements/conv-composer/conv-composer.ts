import { html, nothing, type PropertyValues } from 'lit';
import { MenuButtonController } from '../../controllers/menu-button-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { isConvError } from '../../core/errors.js';
import { createFileTypePolicy, type FileTypePolicy } from '../../core/file-policy.js';
import { ConvElement } from '../shared/conv-element.js';
import { describeError } from '../shared/strings.js';
import { addMenu, type AddMenuItem } from './add-menu.js';
import type { PendingAttachment } from './attachment-tray.js';
import { sendIcon } from './composer-icons.js';
import { convComposerStyles } from './conv-composer.styles.js';
import { EmojiPopup } from './emoji-popup.js';
import { DraftSync } from './draft-sync.js';
import { ComposerParts } from './composer-parts.js';
import type { GeolocationSource } from './location-panel.js';
import { StandardResponses } from './standard-responses.js';
import { insertAtCaret, pasteAsPlainText } from './text-editing.js';

export type { GeolocationSource } from './location-panel.js';

/** The longest message the box takes. A bigger paste is cut to it in the paste handler, so a multi-megabyte paste cannot freeze the page. */
export const MAX_MESSAGE_LENGTH = 10_000;

export type { ConvMessageSendDetail } from '../../events/index.js';

/**
 * The chat box at the bottom of a conversation: the agent writes text and emoji, pastes, adds photos
 * from the camera or the gallery, shares a location, and sends. Files are checked against the admin's
 * file-type policy before they become attachments; the draft survives a reload.
 *
 * @summary Chat input with emoji, photos, location and send.
 *
 * @event {CustomEvent<ConvMessageSendDetail>} conv-message-send - A message was handed to the store (shown at once as pending, kept until the backend confirms it).
 *
 * @csspart composer - The whole composer.
 * @csspart input - The message text box.
 * @csspart send - The Send button.
 * @csspart add - The plus button that opens the Camera / Gallery / Location menu.
 * @csspart menu - The plus button's menu.
 * @csspart emoji - The emoji button.
 * @csspart responses - The Standard responses button (also `/` in an empty box), when the adapter has `listStandardResponses`; its list is `responses-popup`.
 * @csspart tray - The attachments waiting to be sent, above the input.
 * @csspart attachment - One waiting attachment: thumbnail, name, type and size, remove button.
 * @csspart thumbnail - An attachment's preview image.
 * @csspart remove - An attachment's remove button.
 * @csspart location - The location about to be shared, with Share location and Cancel.
 * @csspart error - Why a file was refused, a location could not be found or a message was not sent.
 * @csspart hint - Why the composer is disabled (the chat ended, or the conversation is not the agent's).
 *
 * @cssproperty --conv-accent - Send button and the location's Share button.
 * @cssproperty --conv-on-accent - Icon and text on the accent colour.
 * @cssproperty --conv-surface - Background.
 * @cssproperty --conv-surface-raised - Background of the menu, attachments and location panel.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - Placeholder, hints and file details.
 * @cssproperty --conv-border - Borders of the text box and popups.
 * @cssproperty --conv-danger - Error messages.
 * @cssproperty --conv-radius - Corner radius of the text box, menu and attachments.
 * @cssproperty --conv-focus-ring - Focus outline.
 * @cssproperty --conv-touch-target - Size of buttons (default 44px).
 * @cssproperty --conv-composer-max-lines - Lines the text box grows to before it scrolls (default 6).
 */
export class ConvComposer extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    conversationId: { attribute: 'conversation-id', reflect: true },
    emojiDataUrl: { attribute: 'emoji-data-url' },
    geolocation: { attribute: false },
    value: { state: true },
    sending: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = convComposerStyles;

  /** The conversation this composer writes in. */
  declare conversationId?: string;
  /** URL of emoji data the host serves itself (emoji-picker-element-data's format); default: conv-kit's own, in the agent's language. */
  declare emojiDataUrl?: string;
  /** Where the Location item asks for the position. Default: `navigator.geolocation`. */
  declare geolocation?: GeolocationSource;

  declare private value: string;
  declare private sending: boolean;
  declare private error?: string;
  declare private notice?: string;

  readonly #storeController = new StoreController(this, () =>
    this.conversationId
      ? [`draft:${this.conversationId}`, `conversation:${this.conversationId}`, 'connection']
      : ['connection'],
  );
  /** Only a change in the store (a restore, another view) replaces what is in the box and the tray. */
  readonly #draftSync = new DraftSync();
  readonly #parts = new ComposerParts(this, {
    store: () => this.#storeController.store,
    geolocation: () => this.geolocation,
    text: () => this.text,
    report: (problem) => (this.error = problem),
  });
  #defaultPolicy?: FileTypePolicy;
  readonly #addMenu = new MenuButtonController(this, {
    menu: () => this.renderRoot.querySelector<HTMLElement>('[part~="menu"]'),
    opener: () => this.renderRoot.querySelector<HTMLElement>('[part~="add"]'),
    willOpen: () => this.#emoji.close(),
  });
  readonly #emoji = new EmojiPopup(this, {
    renderRoot: () => this.renderRoot,
    willOpen: () => this.#addMenu.close({ returnFocus: false }),
    pick: (emoji) => this.#input && insertAtCaret(this.#input, emoji),
  });
  readonly #responses = new StandardResponses(this, {
    store: () => this.#storeController.store,
    conversationId: () => this.conversationId,
    input: () => this.#input,
    text: () => this.text,
  });
  constructor() {
    super();
    this.geolocation = globalThis.navigator?.geolocation;
    this.value = '';
    this.sending = false;
  }

  /** Puts the caret in the message box. */
  override focus(options?: FocusOptions): void {
    this.#input?.focus(options);
  }

  /** Until the parts the agent just asked for have loaded, `updateComplete` waits for them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    const loading = this.#parts.loading;
    if (!loading) return complete;
    await loading.catch(() => undefined);
    return super.getUpdateComplete();
  }

  get #input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  get #fileTypePolicy(): FileTypePolicy {
    return this.#storeController.store?.fileTypePolicy ?? (this.#defaultPolicy ??= createFileTypePolicy());
  }

  /** Only the agent handling an active conversation may write in it. */
  get #writable(): boolean {
    const store = this.#storeController.store;
    const conversation = this.conversationId ? store?.conversation(this.conversationId) : undefined;
    return !!conversation && conversation.status === 'active' && conversation.assigneeId === store?.agent?.id;
  }

  get #canSend(): boolean {
    return (
      this.#writable &&
      !this.sending &&
      (this.value.trim() !== '' || this.#parts.pending.length > 0 || !!this.#parts.location?.ready)
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) this.#resetComposition();
    const store = this.#storeController.store;
    if (store && this.conversationId) {
      const unseen = this.#draftSync.unseen(store.draft(this.conversationId));
      if (unseen.text !== undefined && !this.sending) this.value = unseen.text;
      // Files chosen before a reload (or on the way back to this conversation) return to the tray.
      if (unseen.files && !this.sending && this.#parts.pending.length === 0) {
        const conversationId = this.conversationId;
        void this.#parts.restoreFiles(unseen.files, () => this.conversationId === conversationId && !this.sending);
      }
    }
    if (!this.#writable) {
      this.#addMenu.close({ returnFocus: false });
      this.#emoji.close();
      this.#parts.location?.clear();
    }
  }

  protected override updated(): void {
    // Browsers without `field-sizing: content` grow the box here; CSS caps it at the maximum lines.
    const input = this.#input;
    if (input && !CSS.supports('field-sizing', 'content')) {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
    }
  }

  /** What belongs to one conversation never follows the agent into another. */
  #resetComposition(): void {
    this.#parts.attachments?.discard(this.#parts.pending);
    this.#parts.location?.clear();
    this.#addMenu.close({ returnFocus: false });
    this.#emoji.close();
    this.error = undefined;
    this.notice = undefined;
    this.#draftSync.forget();
    this.value = '';
  }

  // ── typing, pasting, sending ───────────────────────────────────────────

  #onInput(event: InputEvent): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.value = text;
    this.#saveDraft();
  }

  /** Keeps the text and the chosen files as the conversation's draft (the store persists it). */
  #saveDraft(): void {
    const store = this.#storeController.store;
    if (!store || !this.conversationId) return;
    const files = this.#parts.attachments?.draftFiles() ?? [];
    const draft = files.length ? { text: this.value, files } : { text: this.value };
    this.#draftSync.wrote(draft);
    store.setDraft(this.conversationId, draft);
  }

  #onKeydown(event: KeyboardEvent): void {
    if (this.#responses.onKeydown(event)) return;
    // During IME composition Enter confirms the characters being composed; it never sends.
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.#send();
  }

  /**
   * Text is always inserted as plain text, cut to what still fits; files (a pasted screenshot or a
   * copied image file) become attachments, and the text that comes along with them (a file name) is dropped.
   */
  #onPaste(event: ClipboardEvent): void {
    const fits = pasteAsPlainText(event, MAX_MESSAGE_LENGTH, (files) => void this.#addFiles(files));
    this.notice = fits ? undefined : this.text.pasteTooLong(MAX_MESSAGE_LENGTH);
  }

  async #send(): Promise<void> {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (!store || !conversationId || !this.#canSend) return;
    const attachments = this.#parts.pending;
    const location = this.#parts.location?.ready;
    this.sending = true;
    this.error = undefined;
    try {
      const files = await Promise.all(attachments.map((attachment) => attachment.upload));
      const clientId = await store.sendMessage(conversationId, { text: this.value, files, location });
      if (this.conversationId === conversationId) {
        this.value = '';
        this.notice = undefined;
        this.#parts.attachments?.discard(attachments);
        if (location && this.#parts.location?.ready === location) this.#parts.location.clear();
      }
      this.emit('conv-message-send', { conversationId, clientId });
    } catch (error) {
      if (this.conversationId === conversationId) this.error = this.#describeSendError(error);
    } finally {
      this.sending = false;
    }
    await this.updateComplete;
    this.#input?.focus();
  }

  #describeSendError(error: unknown): string {
    if (!isConvError(error)) return this.text.errorInvalid;
    // A refused file carries the policy's own sentence, which names the file and the reason.
    if (error.code === 'invalid' && error.details?.reason) return error.message;
    return describeError(this.text, error.code, { forbidden: this.text.notYours });
  }

  // ── attachments ────────────────────────────────────────────────────────

  /** Checks every file against the admin's policy first: a refused file never becomes an attachment. */
  async #addFiles(files: readonly File[]): Promise<void> {
    const conversationId = this.conversationId;
    this.error = undefined;
    const stillWanted = () => this.conversationId === conversationId && this.isConnected;
    const result = await this.#parts.addFiles(files, this.#fileTypePolicy, stillWanted).catch(() => {
      if (stillWanted()) this.error = describeError(this.text, 'network');
    });
    if (!result) return;
    this.error = result.refusals.length ? result.refusals.join(' ') : undefined;
    if (result.added) this.#saveDraft();
  }

  #removeAttachment(attachment: PendingAttachment): void {
    const index = this.#parts.pending.indexOf(attachment);
    this.#parts.attachments?.discard([attachment]);
    this.#saveDraft();
    // Focus goes to the next remove button, else the previous one, else the message box: never to the page's start.
    void this.updateComplete.then(() => {
      const removeButtons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="remove"]')];
      (removeButtons[Math.min(index, removeButtons.length - 1)] ?? this.#input)?.focus();
    });
  }

  async #onFilesChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same file again must fire `change` again
    if (files.length === 0) return;
    await this.#addFiles(files);
    this.#input?.focus();
  }

  // ── the plus button's menu and location ────────────────────────────────

  #cancelLocation(): void {
    this.#parts.location?.clear();
    this.#input?.focus();
  }

  #chooseMenuItem(item: AddMenuItem): void {
    switch (item) {
      case 'camera':
        return this.renderRoot.querySelector<HTMLInputElement>('input[capture]')?.click();
      case 'gallery':
        return this.renderRoot.querySelector<HTMLInputElement>('input[multiple]')?.click();
      case 'location':
        return void this.#parts.startLocation();
    }
  }

  // ── rendering ──────────────────────────────────────────────────────────

  #disabledHint(): string | undefined {
    if (this.#writable || !this.conversationId) return undefined;
    const conversation = this.#storeController.store?.conversation(this.conversationId);
    return conversation?.status === 'ended' ? this.text.chatEnded : this.text.notYours;
  }

  protected override render() {
    const t = this.text;
    const writable = this.#writable;
    const hint = this.#disabledHint();
    return html`<div class="composer" part="composer" aria-busy=${this.sending ? 'true' : 'false'}>
      <p class="error" part="error" role="alert">${this.error ?? ''}</p>
      <p class="notice" role="status">${this.notice ?? ''}</p>
      ${this.#parts.render({
        text: t,
        canSend: this.#canSend,
        sending: this.sending,
        share: () => this.#send(),
        cancelLocation: () => this.#cancelLocation(),
        remove: (attachment) => this.#removeAttachment(attachment),
      })}
      <div class="row">
        ${addMenu({ text: t, menu: this.#addMenu, disabled: !writable || this.sending, choose: (item) => this.#chooseMenuItem(item) })}
        <textarea
          part="input"
          dir="auto"
          rows="1"
          maxlength=${MAX_MESSAGE_LENGTH}
          enterkeyhint="send"
          aria-label=${t.messageInput}
          aria-describedby=${hint ? 'composer-hint' : nothing}
          placeholder=${t.messagePlaceholder}
          ?disabled=${!writable}
          ?readonly=${this.sending}
          .value=${this.value}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @paste=${this.#onPaste}
        ></textarea>
        ${this.#emoji.render({ text: t, strings: this.strings, dataUrl: this.emojiDataUrl, theme: this.theme, disabled: !writable || this.sending })}
        ${this.#responses.render(!writable || this.sending)}
        <button
          type="button"
          class="icon-button send"
          part="send"
          aria-label=${t.send}
          ?disabled=${!this.#canSend}
          @click=${this.#send}
        >
          ${sendIcon}
        </button>
      </div>
      ${hint ? html`<p id="composer-hint" class="hint" part="hint">${hint}</p>` : nothing}
      <input type="file" hidden accept="image/*" capture="environment" tabindex="-1" @change=${this.#onFilesChosen} />
      <input
        type="file"
        hidden
        multiple
        accept=${this.#fileTypePolicy.accept}
        tabindex="-1"
        @change=${this.#onFilesChosen}
      />
    </div>`;
  }
}

if (!customElements.get('conv-composer')) customElements.define('conv-composer', ConvComposer);

declare global {
  interface HTMLElementTagNameMap {
    'conv-composer': ConvComposer;
  }
}
