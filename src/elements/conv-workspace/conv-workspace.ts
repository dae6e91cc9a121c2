import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { storeContext } from '../../controllers/store-context.js';
import { StoreController } from '../../controllers/store-controller.js';
import { customerLabel } from '../../core/model.js';
import type { ConvEventMap } from '../../events/index.js';
import { ConvElement } from '../shared/conv-element.js';
import { deepActiveElement } from '../shared/focus.js';
import { isolate } from '../shared/format.js';
import '../conv-chat/conv-chat.js';
import '../conv-list/conv-list.js';
import '../conv-notes/conv-notes.js';
import '../conv-notification-settings/conv-notification-settings.js';
import '../end-chat-dialog/end-chat-dialog.js';
import { convWorkspaceStyles } from './conv-workspace.styles.js';

/** How the workspace lays out its panes, chosen by its own width. */
export type WorkspaceLayout = 'wide' | 'medium' | 'narrow';
/** The pane a narrow workspace shows, as the mobile app's screens: the lists, a chat, its notes. */
export type WorkspaceScreen = 'list' | 'chat' | 'notes';
type Pane = 'list' | 'chat' | 'notes' | 'dialog';

/** From this width (CSS pixels of the workspace itself) the chat sits beside the list. */
export const MEDIUM_MIN_WIDTH = 600;
/** From this width the notes get a column of their own. */
export const WIDE_MIN_WIDTH = 1000;

export function layoutForWidth(width: number): WorkspaceLayout {
  return width >= WIDE_MIN_WIDTH ? 'wide' : width >= MEDIUM_MIN_WIDTH ? 'medium' : 'narrow';
}

const BACK_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z" />
</svg>`;
const CLOSE_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M18.3 7.1 16.9 5.7 12 10.6 7.1 5.7 5.7 7.1l4.9 4.9-4.9 4.9 1.4 1.4 4.9-4.9 4.9 4.9 1.4-1.4-4.9-4.9z" />
</svg>`;

/**
 * The whole agent workspace in one element: `<conv-list>`, `<conv-chat>`, `<conv-notes>` and
 * `<end-chat-dialog>`, wired together and laid out by the workspace's own width (not the window's):
 *
 * - wide: list | chat | notes, the notes closable and reopened from the chat's menu;
 * - medium: list | chat, the notes a side sheet over the chat;
 * - narrow (a phone): one screen at a time as in the mobile app, list → chat → notes, each with back.
 *
 * Give it a store (or put it in a `<conv-provider>`). Any pane can be replaced through its slot; the
 * elements' events still reach the page, and a page that calls `preventDefault()` on
 * `conv-request-end` confirms ending itself. With `browser-history`, the browser's back button
 * steps back through the narrow screens too.
 *
 * @summary The list, chat, notes and end-chat dialog, wired and laid out for desktop and phone.
 *
 * @slot list - Replaces the default `<conv-list tabs>`.
 * @slot settings - Replaces the default `<conv-notification-settings>` under the lists (e.g. with one that has `title-count`).
 * @slot chat - Replaces the default `<conv-chat>`; it receives `conversationId`.
 * @slot notes - Replaces the default `<conv-notes>`; it receives `conversationId`.
 * @slot dialog - Replaces the default `<end-chat-dialog>`; it receives `conversationId` and `open`.
 *
 * @csspart list-pane - The pane holding the lists.
 * @csspart chat-pane - The pane holding the chat.
 * @csspart notes-pane - The pane (column, side sheet or screen) holding the notes.
 * @csspart notes-bar - The bar above the notes with Back or Close and the customer's name.
 * @csspart back - The Back buttons of the narrow layout.
 * @csspart close-notes - The button that closes the notes column or sheet.
 *
 * @cssproperty --conv-workspace-list-width - Width of the list column (default 22rem).
 * @cssproperty --conv-workspace-notes-width - Width of the notes column or sheet (default 20rem).
 * @cssproperty --conv-surface - Pane backgrounds.
 * @cssproperty --conv-surface-raised - The notes bar.
 * @cssproperty --conv-border - Lines between the panes.
 * @cssproperty --conv-text - Text colour.
 */
export class ConvWorkspace extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    conversationId: { attribute: 'conversation-id', reflect: true },
    layout: { reflect: true },
    screen: { reflect: true },
    notesOpen: { attribute: 'notes-open', type: Boolean, reflect: true },
    browserHistory: { attribute: 'browser-history', type: Boolean },
    emojiDataUrl: { attribute: 'emoji-data-url' },
  };
  static override styles = convWorkspaceStyles;

  /** The conversation shown in the chat and notes; set by the agent's selection or by the host. */
  declare conversationId?: string;
  /** The current layout, from the workspace's width; reflected so page styles can follow it. */
  declare layout: WorkspaceLayout;
  /** The screen a narrow workspace shows. */
  declare screen: WorkspaceScreen;
  /** Whether the notes show beside (wide) or over (medium) the chat. */
  declare notesOpen: boolean;
  /** The browser's back button steps back from notes to chat to list (narrow layout). */
  declare browserHistory: boolean;
  /** Emoji data the host serves itself, for the default chat's emoji picker (see `<conv-chat emoji-data-url>`). */
  declare emojiDataUrl?: string;

  readonly #storeController = new StoreController(this, () =>
    this.conversationId ? [`conversation:${this.conversationId}`] : [],
  );
  readonly #provider = new ContextProvider(this, { context: storeContext });
  readonly #resizeObserver = new ResizeObserver(([entry]) => {
    if (entry) this.layout = layoutForWidth(entry.contentRect.width);
  });
  /** Screens this workspace pushed onto the browser's history, so Back pops exactly those. */
  #pushedScreens = 0;

  constructor() {
    super();
    this.layout = 'wide';
    this.screen = 'list';
    this.notesOpen = true;
    this.browserHistory = false;
    this.addEventListener('conv-select', this.#onSelect);
    this.addEventListener('conv-open-notes', this.#onOpenNotes);
    this.addEventListener('conv-request-end', this.#onRequestEnd);
    this.addEventListener('conv-chat-ended', this.#onChatEnded);
    this.addEventListener('conv-notification-click', this.#onNotificationClick);
    this.addEventListener('keydown', this.#onKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver.observe(this);
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** Shows `screen` (narrow layout) and moves focus into it. */
  async showScreen(screen: WorkspaceScreen): Promise<void> {
    const depth = SCREEN_DEPTH[screen];
    if (this.browserHistory && this.layout === 'narrow' && depth > SCREEN_DEPTH[this.screen]) {
      for (let level = SCREEN_DEPTH[this.screen]; level < depth; level++) {
        history.pushState({ convWorkspaceScreen: SCREENS[level + 1] }, '');
        this.#pushedScreens++;
      }
    }
    this.screen = screen;
    await this.#focusPane(screen);
  }

  /** One step back: notes → chat → list, through the browser's history where the workspace pushed it. */
  back(): void {
    if (this.screen === 'list') return;
    if (this.browserHistory && this.#pushedScreens > 0) history.back();
    else void this.showScreen(this.screen === 'notes' ? 'chat' : 'list');
  }

  /** Closes the notes column (wide) or sheet (medium) and gives focus to the chat. */
  async closeNotes(): Promise<void> {
    if (this.layout === 'narrow') return this.back();
    this.notesOpen = false;
    await this.#focusPane('chat');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#provider.setValue(this.#storeController.store);
    // A medium sheet covers the chat: it opens only when asked for, and a new layout starts without it.
    if (changed.has('layout') && changed.get('layout') !== undefined && this.layout === 'medium')
      this.notesOpen = false;
  }

  protected override updated(): void {
    const conversationId = this.conversationId;
    Object.assign(this.#pane('list') ?? {}, { selectedId: conversationId });
    for (const name of ['chat', 'notes'] as const) Object.assign(this.#pane(name) ?? {}, { conversationId });
  }

  #pane(name: Pane): HTMLElement | undefined {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>(`slot[name="${name}"]`);
    return (slot?.assignedElements()[0] ?? slot?.firstElementChild ?? undefined) as HTMLElement | undefined;
  }

  async #focusPane(name: Pane): Promise<void> {
    await this.updateComplete;
    const pane = this.#pane(name);
    if (pane && 'updateComplete' in pane) await (pane as ConvElement).updateComplete;
    pane?.focus();
  }

  readonly #onSelect = ({ detail }: ConvEventMap['conv-select']): void => {
    this.conversationId = detail.conversationId;
    // A phone shows the chat in place of the list; an accepted offer is one the agent is about to answer.
    if (this.layout === 'narrow') void this.showScreen('chat');
    else if (detail.accepted) void this.#focusPane('chat');
  };

  /** A notification the agent clicked opens its conversation, as a selection would, ready to answer. */
  readonly #onNotificationClick = ({ detail }: ConvEventMap['conv-notification-click']): void => {
    this.conversationId = detail.conversationId;
    void (this.layout === 'narrow' ? this.showScreen('chat') : this.#focusPane('chat'));
  };

  readonly #onOpenNotes = ({ detail }: ConvEventMap['conv-open-notes']): void => {
    this.conversationId = detail.conversationId;
    this.notesOpen = true;
    if (this.layout === 'narrow') void this.showScreen('notes');
    else void this.#focusPane('notes');
  };

  /** Checked once the event has reached the page too: a page that prevented it confirms ending itself. */
  readonly #onRequestEnd = (event: ConvEventMap['conv-request-end']): void => {
    queueMicrotask(() => {
      if (event.defaultPrevented) return;
      const dialog = this.#pane('dialog');
      if (dialog) Object.assign(dialog, { conversationId: event.detail.conversationId, open: true });
    });
  };

  /** An ended chat leaves the agent's Conversations: a phone goes back to the lists, focus never lost. */
  readonly #onChatEnded = async (): Promise<void> => {
    if (this.layout === 'narrow' && this.screen !== 'list') {
      if (this.browserHistory && this.#pushedScreens > 0) history.go(-this.#pushedScreens);
      else await this.showScreen('list');
      return;
    }
    await this.updateComplete;
    const focused = deepActiveElement();
    if (!focused || focused === document.body) await this.#focusPane('chat');
  };

  readonly #onPopState = (event: PopStateEvent): void => {
    if (!this.browserHistory || this.#pushedScreens === 0) return;
    this.#pushedScreens--;
    const state = event.state as { convWorkspaceScreen?: WorkspaceScreen } | null;
    const screen = state?.convWorkspaceScreen ?? 'list';
    this.screen = SCREENS.includes(screen) ? screen : 'list';
    void this.#focusPane(this.screen);
  };

  /** Escape closes the notes sheet over the chat (medium), as it would any sheet. */
  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || this.layout !== 'medium' || !this.notesOpen) return;
    const path = event.composedPath();
    const notesPane = this.renderRoot.querySelector('[part="notes-pane"]');
    if (!notesPane || !path.includes(notesPane)) return;
    event.preventDefault();
    void this.closeNotes();
  };

  #customerName(): string {
    const customer = this.conversationId
      ? this.#storeController.store?.conversation(this.conversationId)?.customer
      : undefined;
    return isolate((customer && customerLabel(customer)) || this.text.unknownCustomer);
  }

  protected override render() {
    const t = this.text;
    const { layout, screen } = this;
    const narrow = layout === 'narrow';
    const chosen = !!this.conversationId;
    const shows = (pane: WorkspaceScreen) => !narrow || screen === pane;
    const notesShown = chosen && (narrow ? screen === 'notes' : this.notesOpen);
    return html`
      <div part="list-pane" class="pane list-pane" ?hidden=${!shows('list')}>
        <slot name="list"><conv-list tabs .strings=${this.strings} theme=${this.theme ?? nothing}></conv-list></slot>
        <slot name="settings"
          ><conv-notification-settings
            .strings=${this.strings}
            theme=${this.theme ?? nothing}
          ></conv-notification-settings
        ></slot>
      </div>
      <div part="chat-pane" class="pane chat-pane" ?hidden=${!shows('chat')}>
        <slot name="chat">
          <conv-chat
            .strings=${this.strings}
            theme=${this.theme ?? nothing}
            emoji-data-url=${this.emojiDataUrl ?? nothing}
          >
            ${narrow ? this.#renderBack(t.backToConversations, 'header-actions') : nothing}
          </conv-chat>
        </slot>
      </div>
      <div part="notes-pane" class="pane notes-pane" ?hidden=${!notesShown}>
        <div part="notes-bar" class="notes-bar">
          ${
            narrow
              ? this.#renderBack(t.backToChat)
              : html`<button
                  type="button"
                  part="close-notes"
                  class="icon-button"
                  aria-label=${t.closeNotes}
                  @click=${() => this.closeNotes()}
                >
                  ${CLOSE_ICON}
                </button>`
          }
          <p class="notes-customer">${this.#customerName()}</p>
        </div>
        <slot name="notes"><conv-notes .strings=${this.strings} theme=${this.theme ?? nothing}></conv-notes></slot>
      </div>
      <slot name="dialog"
        ><end-chat-dialog .strings=${this.strings} theme=${this.theme ?? nothing}></end-chat-dialog
      ></slot>
    `;
  }

  #renderBack(label: string, slot?: string) {
    return html`<button
      type="button"
      part="back"
      class="icon-button"
      slot=${slot ?? nothing}
      aria-label=${label}
      @click=${() => this.back()}
    >
      ${BACK_ICON}
    </button>`;
  }
}

const SCREENS: readonly WorkspaceScreen[] = ['list', 'chat', 'notes'];
const SCREEN_DEPTH: Record<WorkspaceScreen, number> = { list: 0, chat: 1, notes: 2 };

if (!customElements.get('conv-workspace')) customElements.define('conv-workspace', ConvWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'conv-workspace': ConvWorkspace;
  }
}
