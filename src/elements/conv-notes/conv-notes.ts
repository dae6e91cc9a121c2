import { html, nothing, type PropertyValues } from 'lit';
import { toConvError, type ConvErrorCode } from '../../core/errors.js';
import type { ConversationStore } from '../../core/store.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvElement } from '../shared/conv-element.js';
import { formatTime, isolate, linkifiedText } from '../shared/format.js';
import { describeError, type PageStrings } from '../shared/strings.js';
import { deepActiveElement } from '../shared/focus.js';
import { convNotesStyles } from './conv-notes.styles.js';

export type { ConvNoteAddedDetail } from '../../events/index.js';

/**
 * The internal notes of one conversation: agents read them newest first and add new ones.
 * Notes travel only through the store's note path; nothing here can reach the customer.
 *
 * @summary Internal notes of a conversation, with a New note field and Save.
 *
 * @event {CustomEvent<ConvNoteAddedDetail>} conv-note-added - A note was saved.
 *
 * @csspart header - The heading and the "only agents see them" hint.
 * @csspart form - The New note field with its Save button.
 * @csspart input - The New note text box.
 * @csspart save - The Save button.
 * @csspart list - The notes, newest first.
 * @csspart note - One note: author, time and text.
 *
 * @cssproperty --conv-accent - Save button and links.
 * @cssproperty --conv-surface - Background.
 * @cssproperty --conv-surface-raised - Background of each note.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - Hint and times.
 * @cssproperty --conv-border - Border of the New note field.
 * @cssproperty --conv-danger - Error messages.
 * @cssproperty --conv-radius - Corner radius of the field, button and notes.
 */
export class ConvNotes extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    conversationId: { attribute: 'conversation-id', reflect: true },
    draft: { state: true },
    saving: { state: true },
    saveFailed: { state: true },
    loadErrorCode: { state: true },
  };
  static override styles = convNotesStyles;

  /** The conversation whose notes are shown. */
  declare conversationId?: string;
  declare private draft: string;
  declare private saving: boolean;
  declare private saveFailed: boolean;
  declare private loadErrorCode?: ConvErrorCode;

  readonly #storeController = new StoreController(this, () =>
    this.conversationId ? [`notes:${this.conversationId}`] : [],
  );
  /** Which store and conversation this element has asked to load, so it asks once per conversation. */
  #loadRequested?: { store: ConversationStore; conversationId: string };

  constructor() {
    super();
    this.draft = '';
    this.saving = false;
    this.saveFailed = false;
  }

  /** Puts the caret in the New note field. */
  override focus(options?: FocusOptions): void {
    this.#field?.focus(options);
  }

  get #field(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) {
      // A note typed for one conversation must never be saved into another.
      this.draft = '';
      this.saveFailed = false;
      this.loadErrorCode = undefined;
    }
    this.#loadOnce();
  }

  // Untyped: `draft` is private, so it is not a key of `this`.
  protected override updated(changed: PropertyValues): void {
    if (changed.has('draft')) this.#fitFieldToText();
  }

  #loadOnce(): void {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (!store || !conversationId) return;
    if (this.#loadRequested?.store === store && this.#loadRequested.conversationId === conversationId) return;
    this.#loadRequested = { store, conversationId };
    const status = store.notes(conversationId).status;
    if (status === 'loaded' || status === 'loading') return;
    void this.#load();
  }

  async #load(): Promise<void> {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (!store || !conversationId) return;
    this.loadErrorCode = undefined;
    try {
      await store.loadNotes(conversationId);
    } catch (error) {
      // The store marks the notes as failed; the code picks the words for it.
      if (this.conversationId === conversationId) this.loadErrorCode = toConvError(error).code;
    }
  }

  async #save(): Promise<void> {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (!store || !conversationId || this.saving || !this.draft.trim()) return;
    this.saving = true;
    this.saveFailed = false;
    try {
      const note = await store.addNote(conversationId, this.draft);
      if (this.conversationId === conversationId) this.draft = '';
      this.emit('conv-note-added', { conversationId, note });
    } catch {
      // The store has reported the error; here the agent learns the note is not saved and keeps the text.
      if (this.conversationId === conversationId) this.saveFailed = true;
    } finally {
      this.saving = false;
    }
    await this.updateComplete;
    this.#keepFocusInField();
  }

  /** After a save the agent goes on writing: focus returns to the field unless they have moved elsewhere. */
  #keepFocusInField(): void {
    const focused = deepActiveElement();
    const focusLost = !focused || focused === document.body;
    if (focusLost || this.renderRoot.contains(focused)) this.#field?.focus();
  }

  /** The field grows with its text, up to a limit set in the styles, after which it scrolls. */
  #fitFieldToText(): void {
    const field = this.#field;
    if (!field) return;
    field.style.height = 'auto';
    field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
  }

  #onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#save();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#save();
  }

  /**
   * Only the agent a chat is (or was) assigned to adds notes to it; a conversation the store does not
   * know yet is not held back, the backend still decides.
   */
  get #writable(): boolean {
    const store = this.#storeController.store;
    const conversation = this.conversationId ? store?.conversation(this.conversationId) : undefined;
    if (!conversation) return true;
    const handled = conversation.status === 'active' || conversation.status === 'ended';
    return handled && conversation.assigneeId === store?.agent?.id;
  }

  protected override render() {
    const text = this.text;
    const writable = this.#writable;
    const canSave = writable && this.draft.trim().length > 0;
    return html`
      <section aria-labelledby="heading">
        <header part="header">
          <h2 id="heading">${text.internalNotes}</h2>
          <p class="hint" id="hint">${writable ? text.notesHint : text.notesNotYours}</p>
        </header>
        <form part="form" @submit=${this.#onSubmit} aria-busy=${this.saving ? 'true' : 'false'}>
          <label for="new-note">${text.newNote}</label>
          <textarea
            id="new-note"
            part="input"
            rows="2"
            dir="auto"
            aria-describedby=${this.saveFailed ? 'hint save-error' : 'hint'}
            .value=${this.draft}
            ?readonly=${this.saving}
            ?disabled=${!writable}
            @input=${this.#onInput}
            @keydown=${this.#onKeyDown}
          ></textarea>
          <button part="save" type="submit" ?disabled=${!canSave} aria-disabled=${this.saving ? 'true' : 'false'}>
            ${this.saving ? text.saving : text.save}
          </button>
          <p class="error" id="save-error" role="alert">${this.saveFailed ? text.noteNotSaved : nothing}</p>
        </form>
        ${this.#renderNotes(text)}
      </section>
    `;
  }

  #renderNotes(text: PageStrings) {
    const store = this.#storeController.store;
    if (!store || !this.conversationId) return nothing;
    const { items, status } = store.notes(this.conversationId);
    const loadError =
      status === 'error'
        ? html`
            <p class="load-error" role="alert">
              ${this.loadErrorCode ? `${text.notesNotLoaded} ${describeError(text, this.loadErrorCode)}` : text.notesNotLoaded}
              <button type="button" @click=${() => void this.#load()}>${text.retry}</button>
            </p>
          `
        : nothing;
    if (items.length === 0) {
      if (status === 'error') return loadError;
      if (status === 'loading') return html`<p class="status" role="status">${text.notesLoading}</p>`;
      return html`<p class="status">${text.notesEmpty}</p>`;
    }
    return html`
      ${loadError}
      <ol part="list" aria-labelledby="heading">
        ${items.map(
          (note) => html`
            <li part="note">
              <p class="meta">
                <span class="author">${isolate(note.author.name)}</span>
                <time datetime=${new Date(note.createdAt).toISOString()}
                  >${formatTime(note.createdAt, undefined, text.$code)}</time
                >
              </p>
              <p class="text">${linkifiedText(note.text)}</p>
            </li>
          `,
        )}
      </ol>
    `;
  }
}

if (!customElements.get('conv-notes')) customElements.define('conv-notes', ConvNotes);

declare global {
  interface HTMLElementTagNameMap {
    'conv-notes': ConvNotes;
  }
}
