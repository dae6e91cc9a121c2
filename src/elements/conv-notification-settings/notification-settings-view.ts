import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import type { ConvNotificationClickDetail } from '../../events/index.js';
import { adoptMoreStyles } from '../shared/adopt-more-styles.js';
import type { PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { playChime } from './chime.js';
import { notificationsAvailable, Notifier, type NotificationPrivacy } from './notifier.js';
import { notificationSettingsStyles } from './notification-settings.styles.js';

/** What the choices need of their element. */
export interface NotificationSettingsParts {
  store(): ConversationStore | undefined;
  text(): PageStrings;
  titleCount(): boolean;
  clicked(conversationId: string, reason: ConvNotificationClickDetail['reason']): void;
}

/** The choices once loaded: drawn under the Notifications button while open. */
export interface NotificationSettingsView {
  render(open: boolean): TemplateResult | typeof nothing;
  /** The choices opened: the first switch takes focus. */
  opened(): void;
}

export interface NotificationChoices {
  notify: boolean;
  sound: boolean;
  privacy: NotificationPrivacy;
}

/** Off until the agent turns them on; a notification names the customer but keeps their words off the screen. */
const DEFAULT_CHOICES: NotificationChoices = { notify: false, sound: false, privacy: 'name' };
const PRIVACY: readonly NotificationPrivacy[] = ['text', 'name', 'none'];
const PRIVACY_TEXT = { text: 'notifyShowsText', name: 'notifyShowsName', none: 'notifyShowsNothing' } as const;

// The same key as conv-notification-settings.ts reads before anything loads (this module may not import it).
const keyOf = (agentId: string) => `conv-kit:notifications:${agentId}`;

function savedChoices(agentId: string | undefined): NotificationChoices {
  try {
    const saved =
      agentId && (JSON.parse(localStorage.getItem(keyOf(agentId)) ?? 'null') as Partial<NotificationChoices>);
    if (!saved || typeof saved !== 'object') return DEFAULT_CHOICES;
    return {
      notify: saved.notify === true,
      sound: saved.sound === true,
      privacy: PRIVACY.includes(saved.privacy!) ? saved.privacy! : DEFAULT_CHOICES.privacy,
    };
  } catch {
    return DEFAULT_CHOICES;
  }
}

/**
 * The notification choices and what follows from them, loaded on first use: the switch that asks the
 * browser's permission (only from the agent's click or key), what a notification shows, the sound, and
 * the {@link Notifier} that runs while any of them (or the host's title count) is on.
 */
export class NotificationSettingsViewImpl implements NotificationSettingsView {
  #choices = DEFAULT_CHOICES;
  #agentId?: string;
  #notifier?: Notifier;
  /** The agent was asked and did not allow notifications (closed the prompt). */
  #dismissed = false;
  #focusFirst = false;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #parts: NotificationSettingsParts;

  constructor(host: ReactiveControllerHost & HTMLElement, parts: NotificationSettingsParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
    // Allowed or blocked in the site settings while the page is open: the switch follows.
    void navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => status.addEventListener('change', () => host.requestUpdate()))
      .catch(() => undefined);
    this.hostUpdate();
  }

  hostUpdate(): void {
    const store = this.#parts.store();
    const agentId = store?.agent?.id;
    if (agentId !== this.#agentId) {
      this.#agentId = agentId;
      this.#choices = savedChoices(agentId);
    }
    this.#run(store);
  }

  hostUpdated(): void {
    adoptMoreStyles(this.#host, [notificationSettingsStyles]);
    if (!this.#focusFirst) return;
    this.#focusFirst = false;
    this.#host.shadowRoot?.querySelector<HTMLElement>('.switch')?.focus();
  }

  hostConnected(): void {
    this.#run(this.#parts.store());
  }

  /** Nothing is raised and the title is the page's own once the element has left the page. */
  hostDisconnected(): void {
    this.#notifier?.stop();
    this.#notifier = undefined;
  }

  /** The notifier runs while notifications (allowed), the sound or the title count is on, for the current store. */
  #run(store: ConversationStore | undefined): void {
    const wanted =
      !!store && this.#host.isConnected && (this.#notifying() || this.#choices.sound || this.#parts.titleCount());
    if (this.#notifier && (!wanted || this.#notifier.store !== store)) {
      this.#notifier.stop();
      this.#notifier = undefined;
    }
    if (wanted && !this.#notifier)
      this.#notifier = new Notifier(store, {
        text: () => this.#parts.text(),
        notify: () => this.#notifying(),
        sound: () => this.#choices.sound,
        privacy: () => this.#choices.privacy,
        titleCount: () => this.#parts.titleCount(),
        clicked: (conversationId, reason) => this.#parts.clicked(conversationId, reason),
      });
    this.#notifier?.update();
  }

  /** Notifications are on and the browser lets them show. */
  #notifying(): boolean {
    return this.#choices.notify && notificationsAvailable() === 'granted';
  }

  #choose(change: Partial<NotificationChoices>): void {
    this.#choices = { ...this.#choices, ...change };
    try {
      if (this.#agentId) localStorage.setItem(keyOf(this.#agentId), JSON.stringify(this.#choices));
    } catch {
      // storage blocked: the choice holds until the page closes
    }
    this.#host.requestUpdate();
  }

  /** From the agent's click, Enter or Space only: the browser asks for its permission right here, in that gesture. */
  readonly #toggleNotify = (): void => {
    if (this.#notifying()) return this.#choose({ notify: false });
    this.#dismissed = false;
    if (notificationsAvailable() !== 'default') return this.#choose({ notify: notificationsAvailable() === 'granted' });
    // Older Safari answers through a callback only, newer browsers through the promise.
    void new Promise<NotificationPermission>((answered) => {
      void Notification.requestPermission(answered)?.then(answered);
    }).then((answer) => {
      this.#dismissed = answer === 'default';
      this.#choose({ notify: answer === 'granted' });
    });
  };

  readonly #toggleSound = (): void => {
    const sound = !this.#choices.sound;
    // Played now, in the agent's gesture: the browser then lets the page play it later, and the agent hears what it is.
    if (sound) playChime();
    this.#choose({ sound });
  };

  /** Why notifications cannot be turned on, if they cannot. */
  #reason(): string {
    const t = withFirstUseWords(this.#parts.text());
    const available = notificationsAvailable();
    if (available === 'insecure') return t.notificationsInsecure;
    if (available === 'unsupported') return t.notificationsUnsupported;
    if (available === 'denied') return t.notificationsBlocked;
    return available === 'default' && this.#dismissed ? t.notificationsDismissed : '';
  }

  render(open: boolean): TemplateResult | typeof nothing {
    if (!open) return nothing;
    const t = withFirstUseWords(this.#parts.text());
    return html`<div
      id="panel"
      part="panel"
      class="panel"
      role="group"
      aria-label=${t.notifications}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        this.#close();
      }}
    >
      <button
        type="button"
        part="switch"
        class="switch notify"
        role="switch"
        aria-checked=${String(this.#notifying())}
        aria-describedby="reason"
        @click=${this.#toggleNotify}
      >
        ${t.notifyMe}
      </button>
      <p id="reason" part="reason" class="reason" role="status">${this.#reason()}</p>
      <fieldset class="privacy">
        <legend>${t.notifyShows}</legend>
        ${PRIVACY.map(
          (privacy) =>
            html`<label
              ><input
                type="radio"
                name="privacy"
                .value=${privacy}
                .checked=${this.#choices.privacy === privacy}
                @change=${() => this.#choose({ privacy })}
              />${t[PRIVACY_TEXT[privacy]]}</label
            >`,
        )}
      </fieldset>
      <button
        type="button"
        part="switch"
        class="switch sound"
        role="switch"
        aria-checked=${String(this.#choices.sound)}
        @click=${this.#toggleSound}
      >
        ${t.notifySound}
      </button>
    </div>`;
  }

  opened(): void {
    this.#focusFirst = true;
    this.#host.requestUpdate();
  }

  #close(): void {
    Object.assign(this.#host, { open: false });
    this.#host.shadowRoot?.querySelector<HTMLElement>('.open')?.focus();
  }
}
