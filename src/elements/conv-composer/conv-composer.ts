import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { preparePhotoForUpload } from '../../browser/photo.js';
import { MenuButtonController, watchPressesOutside } from '../../controllers/menu-button-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { isConvError } from '../../core/errors.js';
import { createFileTypePolicy, type FileTypePolicy } from '../../core/file-policy.js';
import type { GeoLocation } from '../../core/model.js';
import type { DraftFile, OutgoingFile } from '../../core/store.js';
import { ConvElement } from '../shared/conv-element.js';
import { describeError } from '../shared/strings.js';
import { bundledEmojiDataUrl, type ConvEmojiPickDetail, type ConvEmojiPicker } from '../conv-emoji-picker/conv-emoji-picker.js';
import '../conv-emoji-picker/conv-emoji-picker.js';
import { addMenu, type AddMenuItem } from './add-menu.js';
import { attachmentTray, type PendingAttachment } from './attachment-tray.js';
import { emojiIcon, sendIcon } from './composer-icons.js';
import { convComposerStyles } from './conv-composer.styles.js';
import { locate, locationPanel, type GeolocationSource, type LocationRequest } from './location-panel.js';
import { cutAt, filesOf, insertAtCaret } from './text-editing.js';

export type { GeolocationSource } from './location-panel.js';

/** The longest message the box takes. A bigger paste is cut to it in the paste handler, so a multi-megabyte paste cannot freeze the page. */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface ConvMessageSendDetail {
  conversationId: string;
  /** The message's idempotency key: the store's messages carry it from `pending` to `read`. */
  clientId: string;
}

/**
 * The chat box at the bottom of a conversation: the agent writes text and emoji, pastes, adds photos
 * from the camera or the gallery, shares a location, and sends. Files are checked against the admin's
 * file-type policy before they become attachments; the draft survives a reload.
 *
 * @summary Chat input with emoji, photos, location and send.
 *
 * @event conv-message-send - A message was handed to the store (shown at once as pending, kept until the backend confirms it). `detail: { conversationId, clientId }`.
 *
 * @csspart composer - The whole composer.
 * @csspart input - The message text box.
 * @csspart send - The Send button.
 * @csspart add - The plus button that opens the Camera / Gallery / Location menu.
 * @csspart menu - The plus button's menu.
 * @csspart emoji - The emoji button.
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
    attachments: { state: true },
    locationRequest: { state: true },
    emojiOpen: { state: true },
    emojiRequested: { state: true },
    sending: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = convComposerStyles;

  /** The conversation this composer writes in. */
  declare conversationId?: string;
  /** URL of the emoji data (emoji-picker-element-data's `en/emojibase/data.json`); default: the copy shipped with conv-kit. */
  declare emojiDataUrl: string;
  /** Where the Location item asks for the position. Default: `navigator.geolocation`. */
  declare geolocation?: GeolocationSource;

  declare private value: string;
  declare private attachments: readonly PendingAttachment[];
  declare private locationRequest?: LocationRequest;
  declare private emojiOpen: boolean;
  /** Set on first open: until then nothing of the emoji picker is loaded. */
  declare private emojiRequested: boolean;
  declare private sending: boolean;
  declare private error?: string;
  declare private notice?: string;

  private readonly storeController = new StoreController(this, () => (this.conversationId ? [`draft:${this.conversationId}`, `conversation:${this.conversationId}`, 'connection'] : ['connection']));
  /** The stored draft as last seen, so only a change in the store (a restore, another view) replaces what is in the box. */
  private lastSeenDraft?: string;
  /** The files last read from or written to the draft, so the composer restores only what it did not write itself. */
  private lastSeenDraftFiles?: readonly DraftFile[];
  private nextAttachmentKey = 0;
  private defaultPolicy?: FileTypePolicy;
  private readonly addMenu = new MenuButtonController(this, {
    menu: () => this.renderRoot.querySelector<HTMLElement>('[part~="menu"]'),
    opener: () => this.renderRoot.querySelector<HTMLElement>('[part~="add"]'),
    willOpen: () => (this.emojiOpen = false),
  });
  private stopWatchingEmojiPresses?: () => void;

  constructor() {
    super();
    this.emojiDataUrl = bundledEmojiDataUrl;
    this.geolocation = globalThis.navigator?.geolocation;
    this.value = '';
    this.attachments = [];
    this.emojiOpen = false;
    this.emojiRequested = false;
    this.sending = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingEmojiPresses?.();
    this.stopWatchingEmojiPresses = undefined;
  }

  /** Puts the caret in the message box. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private get fileTypePolicy(): FileTypePolicy {
    return this.storeController.store?.fileTypePolicy ?? (this.defaultPolicy ??= createFileTypePolicy());
  }

  /** Only the agent handling an active conversation may write in it. */
  private get writable(): boolean {
    const store = this.storeController.store;
    const conversation = this.conversationId ? store?.conversation(this.conversationId) : undefined;
    return !!conversation && conversation.status === 'active' && conversation.assigneeId === store?.agent?.id;
  }

  private get readyLocation(): GeoLocation | undefined {
    return this.locationRequest?.phase === 'ready' ? this.locationRequest.location : undefined;
  }

  private get canSend(): boolean {
    return this.writable && !this.sending && (this.value.trim() !== '' || this.attachments.length > 0 || !!this.readyLocation);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) this.resetComposition();
    const store = this.storeController.store;
    if (store && this.conversationId) {
      const draft = store.draft(this.conversationId);
      if (draft.text !== this.lastSeenDraft) {
        this.lastSeenDraft = draft.text;
        if (!this.sending) this.value = draft.text;
      }
      // Files chosen before a reload (or on the way back to this conversation) return to the tray.
      if (draft.files !== this.lastSeenDraftFiles) {
        this.lastSeenDraftFiles = draft.files;
        if (!this.sending && draft.files?.length && this.attachments.length === 0) this.attachments = draft.files.map((file) => this.restoredAttachment(file));
      }
    }
    if (!this.writable && (this.addMenu.isOpen || this.emojiOpen || this.locationRequest)) {
      this.addMenu.close({ returnFocus: false });
      this.emojiOpen = false;
      this.locationRequest = undefined;
    }
  }

  protected override updated(): void {
    this.watchEmojiPresses();
    // Browsers without `field-sizing: content` grow the box here; CSS caps it at the maximum lines.
    const input = this.input;
    if (input && !CSS.supports('field-sizing', 'content')) {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
    }
  }

  /** What belongs to one conversation never follows the agent into another. */
  private resetComposition(): void {
    this.discardAttachments(this.attachments);
    this.locationRequest = undefined;
    this.addMenu.close({ returnFocus: false });
    this.emojiOpen = false;
    this.error = undefined;
    this.notice = undefined;
    this.lastSeenDraft = undefined;
    this.lastSeenDraftFiles = undefined;
    this.value = '';
  }

  // ── typing, pasting, sending ───────────────────────────────────────────

  private onInput(event: InputEvent): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.value = text;
    this.lastSeenDraft = text;
    this.saveDraft();
  }

  /** Keeps the text and the chosen files as the conversation's draft (the store persists it). */
  private saveDraft(): void {
    const store = this.storeController.store;
    if (!store || !this.conversationId) return;
    const files: DraftFile[] = this.attachments.map(({ file, mimeType, width, height }) => ({ name: file.name, mimeType, size: file.size, blob: file, width, height }));
    this.lastSeenDraftFiles = files.length ? files : undefined;
    store.setDraft(this.conversationId, this.lastSeenDraftFiles ? { text: this.value, files: this.lastSeenDraftFiles } : { text: this.value });
  }

  private restoredAttachment(file: DraftFile): PendingAttachment {
    const attachment = { key: this.nextAttachmentKey++, file: new File([file.blob], file.name, { type: file.mimeType }), mimeType: file.mimeType, width: file.width, height: file.height };
    return { ...attachment, upload: preparedForUpload(attachment) };
  }

  private onKeydown(event: KeyboardEvent): void {
    // During IME composition Enter confirms the characters being composed; it never sends.
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.send();
  }

  /**
   * Text is always inserted as plain text, cut to what still fits; files (a pasted screenshot or a
   * copied image file) become attachments, and the text that comes along with them (a file name) is dropped.
   */
  private onPaste(event: ClipboardEvent): void {
    const data = event.clipboardData;
    if (!data) return;
    event.preventDefault();
    const files = filesOf(data);
    if (files.length > 0) {
      void this.addFiles(files);
      return;
    }
    const text = data.getData('text/plain');
    const input = event.currentTarget as HTMLTextAreaElement;
    if (!text) return;
    const room = MAX_MESSAGE_LENGTH - (input.value.length - (input.selectionEnd - input.selectionStart));
    const fits = text.length <= room;
    this.notice = fits ? undefined : this.text.pasteTooLong(MAX_MESSAGE_LENGTH);
    insertAtCaret(input, fits ? text : cutAt(text, Math.max(0, room)));
  }

  private async send(): Promise<void> {
    const store = this.storeController.store;
    const conversationId = this.conversationId;
    if (!store || !conversationId || !this.canSend) return;
    const attachments = this.attachments;
    const location = this.readyLocation;
    this.sending = true;
    this.error = undefined;
    try {
      const files = await Promise.all(attachments.map((attachment) => attachment.upload));
      const clientId = await store.sendMessage(conversationId, { text: this.value, files, location });
      if (this.conversationId === conversationId) {
        this.value = '';
        this.notice = undefined;
        this.discardAttachments(attachments);
        if (this.locationRequest?.phase === 'ready' && this.locationRequest.location === location) this.locationRequest = undefined;
      }
      this.emit<ConvMessageSendDetail>('conv-message-send', { conversationId, clientId });
    } catch (error) {
      if (this.conversationId === conversationId) this.error = this.describeSendError(error);
    } finally {
      this.sending = false;
    }
    await this.updateComplete;
    this.input?.focus();
  }

  private describeSendError(error: unknown): string {
    if (!isConvError(error)) return this.text.errorInvalid;
    // A refused file carries the policy's own sentence, which names the file and the reason.
    if (error.code === 'invalid' && error.details?.reason) return error.message;
    return describeError(this.text, error.code, { forbidden: this.text.notYours });
  }

  // ── attachments ────────────────────────────────────────────────────────

  /** Checks every file against the admin's policy first: a refused file never becomes an attachment. */
  private async addFiles(files: readonly File[]): Promise<void> {
    const conversationId = this.conversationId;
    const policy = this.fileTypePolicy;
    this.error = undefined;
    const verdicts = await Promise.all(files.map((file) => policy.check(file)));
    if (this.conversationId !== conversationId || !this.isConnected) return;
    const accepted: PendingAttachment[] = [];
    const refusals: string[] = [];
    verdicts.forEach((verdict, index) => {
      const file = files[index]!;
      if (!verdict.ok) return void refusals.push(verdict.message);
      const attachment = { key: this.nextAttachmentKey++, file, mimeType: verdict.mimeType, width: verdict.width, height: verdict.height };
      accepted.push({ ...attachment, upload: preparedForUpload(attachment) });
    });
    this.attachments = [...this.attachments, ...accepted];
    this.error = refusals.length ? refusals.join(' ') : undefined;
    if (accepted.length) this.saveDraft();
  }

  private discardAttachments(gone: readonly PendingAttachment[]): void {
    this.attachments = this.attachments.filter((attachment) => !gone.includes(attachment));
  }

  private removeAttachment(attachment: PendingAttachment): void {
    const index = this.attachments.indexOf(attachment);
    this.discardAttachments([attachment]);
    this.saveDraft();
    // Focus goes to the next remove button, else the previous one, else the message box: never to the page's start.
    void this.updateComplete.then(() => {
      const removeButtons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="remove"]')];
      (removeButtons[Math.min(index, removeButtons.length - 1)] ?? this.input)?.focus();
    });
  }

  private onPreviewError(attachment: PendingAttachment): void {
    this.attachments = this.attachments.map((candidate) => (candidate === attachment ? { ...candidate, previewFailed: true } : candidate));
  }

  private async onFilesChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same file again must fire `change` again
    if (files.length === 0) return;
    await this.addFiles(files);
    this.input?.focus();
  }

  // ── the plus button's menu ─────────────────────────────────────────────

  private chooseMenuItem(item: AddMenuItem): void {
    switch (item) {
      case 'camera':
        return this.renderRoot.querySelector<HTMLInputElement>('input[capture]')?.click();
      case 'gallery':
        return this.renderRoot.querySelector<HTMLInputElement>('input[multiple]')?.click();
      case 'location':
        return this.requestLocation();
    }
  }

  // ── location ───────────────────────────────────────────────────────────

  private requestLocation(): void {
    const geolocation = this.geolocation;
    this.error = undefined;
    if (!geolocation) {
      this.error = this.text.locationUnsupported;
      return;
    }
    const request: LocationRequest = { phase: 'locating' };
    this.locationRequest = request;
    const stillWanted = () => this.locationRequest === request;
    locate(
      geolocation,
      this.text,
      async (location) => {
        if (!stillWanted()) return;
        this.locationRequest = { phase: 'ready', location };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.share-location')?.focus();
      },
      (reason) => {
        if (!stillWanted()) return;
        this.locationRequest = undefined;
        this.error = reason;
      },
    );
  }

  private cancelLocation(): void {
    this.locationRequest = undefined;
    this.input?.focus();
  }

  // ── emoji ──────────────────────────────────────────────────────────────

  private get emojiButton(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="emoji"]');
  }

  private async toggleEmoji(): Promise<void> {
    if (this.emojiOpen) return this.closeEmoji(this.emojiButton);
    this.addMenu.close({ returnFocus: false });
    this.emojiRequested = true;
    this.emojiOpen = true;
    await this.updateComplete;
    await this.renderRoot.querySelector<ConvEmojiPicker>('conv-emoji-picker')?.focus();
  }

  private closeEmoji(focusTarget: HTMLElement | null): void {
    this.emojiOpen = false;
    focusTarget?.focus();
  }

  private onEmojiKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.closeEmoji(this.emojiButton);
  }

  private onEmojiPick(event: CustomEvent<ConvEmojiPickDetail>): void {
    const input = this.input;
    this.closeEmoji(input);
    if (input) insertAtCaret(input, event.detail.emoji);
  }

  /** A press outside the emoji button and picker closes the picker; watched only while it is open. */
  private watchEmojiPresses(): void {
    if (!this.emojiOpen) {
      this.stopWatchingEmojiPresses?.();
      this.stopWatchingEmojiPresses = undefined;
      return;
    }
    this.stopWatchingEmojiPresses ??= watchPressesOutside(
      () => [this.renderRoot.querySelector('.emoji')],
      () => (this.emojiOpen = false),
    );
  }

  // ── rendering ──────────────────────────────────────────────────────────

  private disabledHint(): string | undefined {
    if (this.writable || !this.conversationId) return undefined;
    const conversation = this.storeController.store?.conversation(this.conversationId);
    return conversation?.status === 'ended' ? this.text.chatEnded : this.text.notYours;
  }

  protected override render() {
    const t = this.text;
    const writable = this.writable;
    const hint = this.disabledHint();
    return html`<div class="composer" part="composer" aria-busy=${this.sending ? 'true' : 'false'}>
      <p class="error" part="error" role="alert">${this.error ?? ''}</p>
      <p class="notice" role="status">${this.notice ?? ''}</p>
      ${locationPanel(this.locationRequest, { text: t, canSend: this.canSend, share: () => this.send(), cancel: () => this.cancelLocation() })}
      ${attachmentTray(this.attachments, { strings: t, disabled: this.sending, onRemove: (attachment) => this.removeAttachment(attachment), onPreviewError: (attachment) => this.onPreviewError(attachment) })}
      <div class="row">
        ${addMenu({ text: t, menu: this.addMenu, disabled: !writable || this.sending, choose: (item) => this.chooseMenuItem(item) })}
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
          .value=${live(this.value)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
        ></textarea>
        <div class="emoji">
          <button type="button" class="icon-button" part="emoji" aria-label=${t.emoji} aria-haspopup="dialog" aria-expanded=${this.emojiOpen ? 'true' : 'false'} aria-controls=${this.emojiRequested ? 'emoji-dialog' : nothing} ?disabled=${!writable || this.sending} @click=${this.toggleEmoji}>
            ${emojiIcon}
          </button>
          ${this.emojiRequested
            ? html`<div id="emoji-dialog" class="emoji-dialog" role="dialog" aria-label=${t.emoji} ?hidden=${!this.emojiOpen} @keydown=${this.onEmojiKeydown} @conv-emoji-pick=${this.onEmojiPick}>
                <conv-emoji-picker data-source=${this.emojiDataUrl} theme=${this.theme ?? nothing} .strings=${this.strings} unavailable-text=${t.emojiUnavailable}></conv-emoji-picker>
              </div>`
            : nothing}
        </div>
        <button type="button" class="icon-button send" part="send" aria-label=${t.send} ?disabled=${!this.canSend} @click=${this.send}>${sendIcon}</button>
      </div>
      ${hint ? html`<p id="composer-hint" class="hint" part="hint">${hint}</p>` : nothing}
      <input type="file" hidden accept="image/*" capture="environment" tabindex="-1" @change=${this.onFilesChosen} />
      <input type="file" hidden multiple accept=${this.fileTypePolicy.accept} tabindex="-1" @change=${this.onFilesChosen} />
    </div>`;
  }

}

/**
 * Photos leave the device scaled down and without metadata (EXIF, GPS) where the browser can re-encode them.
 * This starts as soon as a file is attached: the browser encodes in idle time, which can take a moment,
 * and by the time the agent presses Send the file is usually ready.
 */
function preparedForUpload(attachment: Omit<PendingAttachment, 'upload'>): Promise<OutgoingFile> {
  const upload = prepare(attachment);
  upload.catch(() => undefined); // an attachment removed before sending may fail unseen; a sent one reports through send()
  return upload;
}

async function prepare(attachment: Omit<PendingAttachment, 'upload'>): Promise<OutgoingFile> {
  const prepared = await preparePhotoForUpload(attachment.file);
  const mimeType = prepared.reencoded ? prepared.file.type : attachment.mimeType;
  return {
    // A plain Blob: the store names it itself, and a File's name cannot be reassigned.
    blob: prepared.file.slice(0, prepared.file.size, mimeType),
    name: attachment.file.name,
    mimeType,
    width: prepared.width ?? attachment.width,
    height: prepared.height ?? attachment.height,
  };
}

if (!customElements.get('conv-composer')) customElements.define('conv-composer', ConvComposer);

declare global {
  interface HTMLElementTagNameMap {
    'conv-composer': ConvComposer;
  }
  interface HTMLElementEventMap {
    'conv-message-send': CustomEvent<ConvMessageSendDetail>;
  }
}
