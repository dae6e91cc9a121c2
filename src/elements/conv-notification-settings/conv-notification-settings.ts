import { html, type PropertyValues } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvElement } from '../shared/conv-element.js';
import { loadOnFirstUse } from '../shared/load-on-first-use.js';
import { convNotificationSettingsStyles } from './conv-notification-settings.styles.js';
import type { NotificationSettingsView } from './notification-settings-view.js';

export type { ConvNotificationClickDetail } from '../../events/index.js';

/** The agent's notification choices, per agent in localStorage (as the lists' sort). */
export const notificationChoicesKey = (agentId: string) => `conv-kit:notifications:${agentId}`;

/**
 * Whether the agent turned notifications or the sound on before this page loaded: the saved choices
 * (notification-settings-view.ts) hold `true` only for those two.
 */
const choseNotifications = (agentId: string) => {
  try {
    return !!localStorage.getItem(notificationChoicesKey(agentId))?.includes('true');
  } catch {
    return false; // storage blocked: nothing was chosen
  }
};

/**
 * The agent's notifications, opt-in: a Notifications button that opens the choices. Turning
 * notifications on asks the browser's permission, only then, from the agent's click or key; while the page
 * is hidden, a new offer, a new customer in the Picklist or a customer's message raises a system
 * notification (showing the message, only the customer's name, or nothing identifying, as the agent
 * chose), and a click on it focuses the window and opens the conversation (`conv-notification-click`,
 * which `<conv-workspace>` follows). An optional short sound comes with them. With `title-count`, the
 * page's title shows how many messages are unread, "(3) Title", and returns to the page's own title at
 * none. Choices are kept per agent; everything but the button loads once needed.
 *
 * @summary Opt-in system notifications, a sound and the unread count in the page title.
 *
 * @event {CustomEvent<ConvNotificationClickDetail>} conv-notification-click - The agent clicked a notification: the host opens that conversation.
 *
 * @csspart button - The Notifications button that opens and closes the choices.
 * @csspart panel - The choices: notifications on or off, what they show, the sound.
 * @csspart switch - The on/off switches (notifications, sound).
 * @csspart reason - Why notifications cannot be turned on (blocked, not supported, not a secure page).
 *
 * @cssproperty --conv-accent - A switch that is on.
 * @cssproperty --conv-on-accent - The knob of a switch that is on.
 * @cssproperty --conv-surface-raised - The panel's background.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - The reason.
 * @cssproperty --conv-border - Lines and a switch that is off.
 * @cssproperty --conv-focus-ring - Keyboard focus outline.
 * @cssproperty --conv-touch-target - Minimum size of the button and the switches (default 44px).
 */
export class ConvNotificationSettings extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    titleCount: { attribute: 'title-count', type: Boolean, reflect: true },
    open: { type: Boolean, reflect: true },
  };
  static override styles = convNotificationSettingsStyles;

  /** The page's title shows the unread count: the page's own decision, as the title is the page's. */
  declare titleCount: boolean;
  /** The choices show. */
  declare open: boolean;

  readonly #storeController = new StoreController(this, () => ['connection']);
  #view?: NotificationSettingsView;
  #agentSeen?: string;

  constructor() {
    super();
    this.titleCount = false;
    this.open = false;
  }

  /** Loads the choices and what raises notifications (once); opens the choices when asked. */
  async load({ open = false }: { open?: boolean } = {}): Promise<void> {
    const chunk = await loadOnFirstUse();
    this.#view ??= new chunk.NotificationSettingsViewImpl(this, {
      store: () => this.#storeController.store,
      text: () => this.text,
      titleCount: () => this.titleCount,
      clicked: (conversationId, reason) => this.emit('conv-notification-click', { conversationId, reason }),
    });
    if (open) {
      this.open = true;
      this.#view.opened();
    }
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const agentId = this.#storeController.store?.agent?.id;
    if (agentId !== this.#agentSeen) {
      this.#agentSeen = agentId;
      if (agentId && choseNotifications(agentId)) void this.load();
    }
    // Shown by the host (`open`) or counting in the title: the choices and the notifier load.
    if ((changed.has('titleCount') && this.titleCount) || (changed.has('open') && this.open)) void this.load();
  }

  protected override render() {
    return html`<button
        type="button"
        part="button"
        class="open"
        aria-expanded=${String(this.open)}
        aria-controls="panel"
        @click=${() => (this.open ? (this.open = false) : this.load({ open: true }))}
      >
        ${this.text.notifications}
      </button>
      ${this.#view?.render(this.open)}`;
  }
}

if (!customElements.get('conv-notification-settings'))
  customElements.define('conv-notification-settings', ConvNotificationSettings);

declare global {
  interface HTMLElementTagNameMap {
    'conv-notification-settings': ConvNotificationSettings;
  }
}
