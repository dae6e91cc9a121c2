import { html, nothing, svg, type PropertyValues } from 'lit';
import { customerLabel, type Conversation, type Message } from '../../core/model.js';
import type { ConversationStore, MessagesState, PreviousConversationsState } from '../../core/store.js';
import { MenuButtonController } from '../../controllers/menu-button-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvElement } from '../shared/conv-element.js';
import { formatDay, isolate } from '../shared/format.js';
import { channelName, type PageStrings } from '../shared/strings.js';
import { convChatStyles } from './conv-chat.styles.js';
import type { ConvMessageList, MessageListRow, MessageRow } from '../conv-message-list/conv-message-list.js';
import type { ConvMessageActionDetail } from '../../events/index.js';
import '../conv-message-list/conv-message-list.js';
import '../conv-composer/conv-composer.js';

/** @deprecated The events' own detail types: `ConvOpenNotesDetail`, `ConvRequestEndDetail`. */
export type { ConvConversationDetail as ConvChatActionDetail } from '../../events/index.js';

const MENU_ICON = svg`<circle cx="12" cy="5" r="2" fill="currentColor"/><circle cx="12" cy="12" r="2" fill="currentColor"/><circle cx="12" cy="19" r="2" fill="currentColor"/>`;

/**
 * One conversation: the customer's name (else phone number) at the top with the channel and the
 * three-dots action menu, the messages with the customer's previous conversations above them, and the
 * composer at the bottom. Long histories stay instant: only the messages near the viewport are in the page.
 *
 * @summary A conversation with its header, action menu, message history and composer.
 *
 * @slot header-actions - At the start of the header, for the host's own controls (a back button on a phone layout).
 *
 * @event {CustomEvent<ConvOpenNotesDetail>} conv-open-notes - Internal notes was chosen in the action menu.
 * @event {CustomEvent<ConvRequestEndDetail>} conv-request-end - End chat was chosen in the action menu (active chats only). Cancelable; the host confirms with `<end-chat-dialog>`.
 *
 * @csspart header - The bar at the top.
 * @csspart title - The customer's name, phone number or the neutral label.
 * @csspart typing - "typing…" beside the channel while the customer types (a polite live region).
 * @csspart menu-button - The three-dots button.
 * @csspart menu - The action menu.
 * @csspart messages - The scrolling message list.
 * @csspart message - A message bubble.
 * @csspart attachment - An image thumbnail in a message.
 * @csspart location - A shared location card in a message.
 * @csspart separator - The dated heading above each conversation in the history.
 * @csspart new-messages - The "New messages" button.
 * @csspart composer - The message composer.
 * @csspart composer-input - The composer's message text box.
 * @csspart composer-send - The composer's Send button.
 * @csspart composer-add - The composer's plus button (Camera, Gallery, Location).
 * @csspart composer-menu - The plus button's menu.
 * @csspart composer-emoji - The composer's emoji button.
 * @csspart composer-tray - The attachments waiting to be sent.
 * @csspart composer-attachment - One waiting attachment.
 * @csspart composer-thumbnail - A waiting attachment's preview image.
 * @csspart composer-remove - A waiting attachment's remove button.
 * @csspart composer-location - The location about to be shared.
 * @csspart composer-error - Why a file was refused, a location not found or a message not sent.
 * @csspart composer-hint - Why the composer is disabled.
 * @csspart empty - The "Select a conversation." state.
 *
 * @cssproperty --conv-accent - Buttons, links and the "New messages" button.
 * @cssproperty --conv-on-accent - Text on accent backgrounds.
 * @cssproperty --conv-surface - Background.
 * @cssproperty --conv-surface-raised - Header and menu background.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - Channel, times, delivery states and separators.
 * @cssproperty --conv-border - Lines between header, messages and composer.
 * @cssproperty --conv-agent-bubble - The agent's bubbles.
 * @cssproperty --conv-on-agent-bubble - Text in the agent's bubbles.
 * @cssproperty --conv-customer-bubble - The customer's bubbles.
 * @cssproperty --conv-on-customer-bubble - Text in the customer's bubbles.
 * @cssproperty --conv-danger - A message that was not sent.
 * @cssproperty --conv-radius - Corner radius of bubbles, buttons and the menu.
 * @cssproperty --conv-focus-ring - The keyboard focus outline.
 * @cssproperty --conv-font-family - Font.
 * @cssproperty --conv-font-size - Base font size.
 * @cssproperty --conv-touch-target - Minimum size of every button (default 44px).
 */
export class ConvChat extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    conversationId: { attribute: 'conversation-id', reflect: true },
    emojiDataUrl: { attribute: 'emoji-data-url' },
  };
  static override styles = convChatStyles;

  /** The conversation shown; without one the chat says "Select a conversation." */
  declare conversationId?: string;
  /** URL of emoji data the host serves itself (emoji-picker-element-data's format) for the composer's emoji picker; default: conv-kit's own, in the agent's language. */
  declare emojiDataUrl?: string;
  /** The history button had focus before this update. */
  #historyButtonFocused = false;

  readonly #storeController = new StoreController(this, () => {
    const id = this.conversationId;
    return id ? [`conversation:${id}`, `messages:${id}`, `previous:${id}`, `typing:${id}`] : [];
  });
  /** Which conversation this element is showing to the store (keeps its unread count at zero). */
  #viewing?: { store: ConversationStore; conversationId: string; stop: () => void };
  readonly #rows = new RowBuilder();
  readonly #actionMenu = new MenuButtonController(this, {
    menu: () => this.renderRoot.querySelector<HTMLElement>('[part~="menu"]'),
    opener: () => this.renderRoot.querySelector<HTMLElement>('[part~="menu-button"]'),
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopViewing();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('conversationId')) this.#actionMenu.close({ returnFocus: false });
    // Before rendering, so the store's synchronous "loading" and "unread 0" changes join this update.
    this.#showConversation();
    this.#historyButtonFocused = this.shadowRoot?.activeElement?.classList.contains('history-button') ?? false;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) this.#list?.scrollToEnd();
    // At the end of the history its button goes away; a keyboard user stays in the messages, not on the page's body.
    if (this.#historyButtonFocused && !this.shadowRoot?.activeElement) this.#list?.focusMessages();
  }

  get #list(): ConvMessageList | null {
    return this.renderRoot.querySelector('conv-message-list');
  }

  /** Puts the caret in the message box, or, where the agent cannot write, focus on the messages. */
  override focus(options?: FocusOptions): void {
    const composer = this.renderRoot.querySelector('conv-composer');
    const input = composer?.shadowRoot?.querySelector('textarea');
    if (input && !input.disabled) composer!.focus(options);
    else this.#list?.focusMessages();
  }

  /** Loads the conversation and tells the store it is on screen, once per store and conversation. */
  #showConversation(): void {
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (this.#viewing && this.#viewing.store === store && this.#viewing.conversationId === conversationId) return;
    this.#stopViewing();
    if (!store || !conversationId || !this.isConnected) return;
    this.#viewing = { store, conversationId, stop: store.view(conversationId) };
    // A failure is recorded in the store's state (status `error`), which this element shows with a retry.
    store.loadMessages(conversationId).catch(() => undefined);
  }

  #stopViewing(): void {
    this.#viewing?.stop();
    this.#viewing = undefined;
  }

  protected override render() {
    const t = this.text;
    const store = this.#storeController.store;
    const conversationId = this.conversationId;
    if (!conversationId) return html`<p class="empty" part="empty">${t.selectConversation}</p>`;
    const conversation = store?.conversation(conversationId);
    const messages = store?.messages(conversationId);
    const previous = store?.previousConversations(conversationId);
    const items = store && messages && previous ? this.#rows.build(store, conversation, messages, previous, t) : [];
    return html`
      ${this.#renderHeader(conversationId, conversation)}
      <conv-message-list
        part="messages"
        exportparts="message, attachment, location, separator, new-messages"
        .items=${items}
        .strings=${this.strings}
        theme=${this.theme ?? nothing}
        @conv-load-earlier=${this.#earlierRequested}
        @conv-message-retry=${this.#retryMessage}
        @conv-message-delete=${this.#deleteMessage}
      >
        <div slot="start" class="history">
          ${messages && previous ? this.#renderHistoryControl(messages, previous) : nothing}
        </div>
      </conv-message-list>
      <conv-composer
        part="composer"
        exportparts="input: composer-input, send: composer-send, add: composer-add, menu: composer-menu, emoji: composer-emoji, tray: composer-tray, attachment: composer-attachment, thumbnail: composer-thumbnail, remove: composer-remove, location: composer-location, error: composer-error, hint: composer-hint"
        conversation-id=${conversationId}
        .store=${store}
        .strings=${this.strings}
        .emojiDataUrl=${this.emojiDataUrl}
        theme=${this.theme ?? nothing}
      ></conv-composer>
    `;
  }

  #renderHeader(conversationId: string, conversation: Conversation | undefined) {
    const t = this.text;
    const label = conversation ? customerLabel(conversation.customer) : undefined;
    const canEnd = conversation?.status === 'active';
    const menu = this.#actionMenu;
    return html`
      <header part="header">
        <slot name="header-actions"></slot>
        <div class="heading">
          <h2 part="title">${label ? isolate(label) : t.unknownCustomer}</h2>
          ${
            conversation
              ? html`<span class="channel"
                  >${isolate(channelName(t, conversation.channel))}<span part="typing" role="status"
                    >${
                      // Polite, and changed only when typing starts or stops: announced once per start.
                      this.#storeController.store?.isCustomerTyping(conversationId)
                        ? html`<span aria-hidden="true"> · </span>${t.customerTyping}`
                        : nothing
                    }</span
                  ></span
                >`
              : nothing
          }
        </div>
        <div class="menu-anchor">
          <button
            part="menu-button"
            class="menu-button"
            aria-label=${t.actionMenu}
            aria-haspopup="menu"
            aria-expanded=${menu.isOpen ? 'true' : 'false'}
            aria-controls="actions"
            @click=${() => menu.toggle()}
            @keydown=${(event: KeyboardEvent) => menu.onOpenerKeydown(event)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${MENU_ICON}</svg>
          </button>
          <div
            part="menu"
            class="menu"
            id="actions"
            role="menu"
            aria-label=${t.actionMenu}
            ?hidden=${!menu.isOpen}
            @keydown=${menu.onMenuKeydown}
          >
            <button
              role="menuitem"
              tabindex="-1"
              @click=${() => menu.choose(() => this.emit('conv-open-notes', { conversationId }))}
            >
              ${t.internalNotes}
            </button>
            ${
              canEnd
                ? html`<button
                    role="menuitem"
                    tabindex="-1"
                    class="danger"
                    @click=${() => menu.choose(() => this.emit('conv-request-end', { conversationId }, { cancelable: true }))}
                  >
                    ${t.endChat}
                  </button>`
                : nothing
            }
          </div>
        </div>
      </header>
    `;
  }

  /** What sits above the oldest row: the way to earlier history, its progress, or the end of it. */
  #renderHistoryControl(messages: MessagesState, previous: PreviousConversationsState) {
    const t = this.text;
    if (messages.status === 'error')
      return html`<p>${t.messagesNotLoaded}</p>
        <button class="history-button" @click=${this.#loadEarlier}>${t.retry}</button>`;
    if (messages.status !== 'loaded' && !messages.items.length) return html`<p role="status">${t.loadingMessages}</p>`;
    if (previous.complete && !messages.olderCursor)
      return previous.items.length ? nothing : html`<p>${t.noPreviousConversations}</p>`;
    const loading = messages.status === 'loading' || previous.status === 'loading';
    return html`
      ${previous.status === 'error' ? html`<p>${t.previousNotLoaded}</p>` : nothing}
      <button class="history-button" aria-disabled=${loading ? 'true' : 'false'} @click=${this.#loadEarlier}>
        ${t.loadPreviousConversations}
      </button>
      ${loading ? html`<p role="status">${t.loadingMessages}</p>` : nothing}
    `;
  }

  // ── history ─────────────────────────────────────────────────────────────

  readonly #earlierRequested = (event: Event) => {
    event.stopPropagation();
    this.#loadEarlier();
  };

  /** Earlier pages of this conversation first, then the customer's previous conversations, one page at a time. */
  readonly #loadEarlier = () => {
    const store = this.#storeController.store;
    const id = this.conversationId;
    if (!store || !id) return;
    const messages = store.messages(id);
    const previous = store.previousConversations(id);
    if (messages.status === 'loading' || previous.status === 'loading') return;
    // Failures land in the store's state (status `error`) and are shown above the messages.
    if (messages.status === 'error') store.loadMessages(id).catch(() => undefined);
    else if (messages.olderCursor) store.loadMessages(id, { older: true }).catch(() => undefined);
    else if (!previous.complete) store.loadPreviousConversations(id).catch(() => undefined);
  };

  // ── message actions ─────────────────────────────────────────────────────

  readonly #retryMessage = (event: CustomEvent<ConvMessageActionDetail>) => {
    event.stopPropagation();
    void this.#storeController.store?.retryMessage(event.detail.clientId);
  };

  readonly #deleteMessage = (event: CustomEvent<ConvMessageActionDetail>) => {
    event.stopPropagation();
    void this.#storeController.store?.deleteMessage(event.detail.conversationId, event.detail.clientId);
  };
}

/**
 * Turns store state into the list's flat rows: previous conversations oldest first, each under a
 * dated separator, then this conversation. Unchanged messages keep their row object, so the list
 * re-renders only what changed.
 */
class RowBuilder {
  readonly #messageRows = new WeakMap<Message, MessageRow>();
  readonly #separatorRows = new Map<string, MessageListRow>();
  #previousRows?: { state: PreviousConversationsState; t: PageStrings; rows: MessageListRow[] };
  #last: readonly MessageListRow[] = [];

  build(
    store: ConversationStore,
    conversation: Conversation | undefined,
    messages: MessagesState,
    previous: PreviousConversationsState,
    t: PageStrings,
  ): readonly MessageListRow[] {
    const rows: MessageListRow[] = [...this.#rowsForPrevious(previous, t)];
    if (previous.items.length && conversation) rows.push(this.#separatorRow(conversation, t));
    const last = this.#last;
    const offset = rows.length;
    messages.items.forEach((message, index) => {
      // The usual change (a new message at the end, a status) leaves the others where they were: their rows
      // are taken from there, without a lookup by message.
      const there = last[offset + index] as MessageRow | undefined;
      const progress = store.uploadProgress(message.clientId);
      rows.push(
        there?.message === message && there.progress === progress ? there : this.#messageRow(message, progress),
      );
    });
    // Same rows as last time: hand the list the same array, so it does nothing.
    if (rows.length === last.length && rows.every((row, index) => row === last[index])) return last;
    return (this.#last = rows);
  }

  #rowsForPrevious(previous: PreviousConversationsState, t: PageStrings): MessageListRow[] {
    if (this.#previousRows?.state === previous && this.#previousRows.t === t) return this.#previousRows.rows;
    const rows: MessageListRow[] = [];
    // The store lists them most recent first; the history reads oldest at the top.
    for (const { conversation, messages } of [...previous.items].reverse()) {
      rows.push(this.#separatorRow(conversation, t));
      for (const message of messages) rows.push(this.#messageRow(message, undefined));
    }
    this.#previousRows = { state: previous, t, rows };
    return rows;
  }

  /** The same separator object for the same heading, so an unchanged row never makes the list re-measure. */
  #separatorRow(conversation: Conversation, t: PageStrings): MessageListRow {
    const key = `conversation:${conversation.id}`;
    const label = t.conversationOn(formatDay(conversation.createdAt, undefined, t.$code));
    const cached = this.#separatorRows.get(key);
    if (cached?.kind === 'separator' && cached.label === label) return cached;
    const row: MessageListRow = { kind: 'separator', key, label };
    this.#separatorRows.set(key, row);
    return row;
  }

  #messageRow(message: Message, progress: number | undefined): MessageRow {
    const cached = this.#messageRows.get(message);
    if (cached && cached.progress === progress) return cached;
    const row: MessageRow = { kind: 'message', key: message.clientId, message, progress };
    this.#messageRows.set(message, row);
    return row;
  }
}

if (!customElements.get('conv-chat')) customElements.define('conv-chat', ConvChat);

declare global {
  interface HTMLElementTagNameMap {
    'conv-chat': ConvChat;
  }
}
