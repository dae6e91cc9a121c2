/**
 * What raises the agent's notifications, loaded on first use: it follows the store's lists and, while the
 * page is hidden, turns a new offer, a new customer in the Picklist or a customer's message into a system
 * notification (and the chime), one per message, replacing the conversation's previous one. It also keeps
 * the unread count in the page's title.
 */
import { customerLabel, type Conversation, type ConversationListName } from '../../core/model.js';
import type { ConversationStore } from '../../core/store.js';
import type { ConvNotificationClickDetail } from '../../events/index.js';
import type { PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { playChime } from './chime.js';
import { UnreadTitle } from './unread-title.js';

/** What a notification shows: the customer's name and message, only the name, or nothing identifying. */
export type NotificationPrivacy = 'text' | 'name' | 'none';
/** Whether this page can show notifications: the browser's permission, or why it cannot ask for one. */
export type NotificationsAvailability = NotificationPermission | 'unsupported' | 'insecure';
type Reason = ConvNotificationClickDetail['reason'];

export function notificationsAvailable(): NotificationsAvailability {
  if (!window.isSecureContext) return 'insecure';
  if (typeof Notification !== 'function') return 'unsupported';
  return Notification.permission;
}

export interface NotifierChoices {
  text(): PageStrings;
  /** Notifications are on and allowed. */
  notify(): boolean;
  sound(): boolean;
  privacy(): NotificationPrivacy;
  titleCount(): boolean;
  clicked(conversationId: string, reason: Reason): void;
}

/** Offers first: a conversation offered with its first message is an offer, not a message. */
const WATCHED: readonly ConversationListName[] = ['offered', 'conversations', 'picklist'];

/** What the agent has already been told of a conversation: its latest message's time, and whether it was offered. */
interface Seen {
  at: number;
  offered: boolean;
}

/** The messages waiting for the agent: in their chats and in what is offered to them. */
const unreadOf = (store: ConversationStore) =>
  [...store.list('conversations'), ...store.list('offered')].reduce((sum, c) => sum + c.unreadCount, 0);

export class Notifier {
  readonly store: ConversationStore;
  readonly #choices: NotifierChoices;
  readonly #seen = new Map<string, Seen>();
  readonly #shown = new Map<string, Notification>();
  readonly #title = new UnreadTitle();
  readonly #off: Array<() => void>;
  #wasOnline: boolean;
  /** The connection has just come back: what arrives in the same task is what it missed while away. */
  #catchingUp = false;

  constructor(store: ConversationStore, choices: NotifierChoices) {
    this.store = store;
    this.#choices = choices;
    this.#wasOnline = store.connection === 'online';
    // What the lists hold now was there before the agent could be told: it raises nothing.
    for (const name of WATCHED) this.#look(name, false);
    this.#off = [
      ...WATCHED.map((name) => store.on(`list:${name}`, () => this.#look(name, true))),
      store.on('connection', this.#onConnection),
    ];
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  /** The title follows the count; a store that was disconnected counts nothing. */
  update(): void {
    const counting = this.#choices.titleCount() && this.store.connection !== 'idle';
    this.#title.show(counting ? unreadOf(this.store) : 0);
  }

  stop(): void {
    for (const off of this.#off) off();
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#title.show(0);
  }

  readonly #onConnection = (): void => {
    const online = this.store.connection === 'online';
    if (online && !this.#wasOnline) {
      this.#catchingUp = true;
      setTimeout(() => (this.#catchingUp = false));
    }
    this.#wasOnline = online;
    this.update();
  };

  /**
   * Compares a list with what was seen of it. Only a live change while the page is hidden raises anything:
   * not a snapshot, nor what a reconnect catches up on (both arrive while the store is not `online`, or
   * with the connection's return, as the memory adapter delivers what it held), nor history loaded later
   * (it never changes a conversation's latest message).
   */
  #look(name: ConversationListName, live: boolean): void {
    const raising =
      live && !this.#catchingUp && this.store.connection === 'online' && document.visibilityState === 'hidden';
    for (const conversation of this.store.list(name)) {
      const seen = this.#seen.get(conversation.id);
      const last = conversation.lastMessage;
      const at = last?.at ?? 0;
      if (raising) {
        if (name === 'offered' && !seen?.offered) this.#raise(conversation, 'offer');
        else if (name === 'picklist' && !seen) this.#raise(conversation, 'waiting');
        // The agent's own messages, system notices and notes never raise one; nor does the first message of a
        // conversation that came without one (an offer's opening words belong to the offer's notification).
        else if (name !== 'picklist' && seen && seen.at > 0 && at > seen.at && last?.author === 'customer')
          this.#raise(conversation, 'message');
      }
      this.#seen.set(conversation.id, {
        at: Math.max(at, seen?.at ?? 0),
        offered: name === 'offered' || !!seen?.offered,
      });
    }
    this.update();
  }

  #raise(conversation: Conversation, reason: Reason): void {
    if (this.#choices.sound()) playChime();
    if (!this.#choices.notify()) return;
    const t = withFirstUseWords(this.#choices.text());
    const privacy = this.#choices.privacy();
    const name = privacy === 'none' ? undefined : customerLabel(conversation.customer) || t.unknownCustomer;
    const title =
      reason === 'offer' ? t.notifyOffer(name) : reason === 'waiting' ? t.notifyWaiting(name) : t.notifyMessage(name);
    try {
      const notification = new Notification(title, {
        body: privacy === 'text' ? (conversation.lastMessage?.text ?? '') : '',
        // One per conversation: the next message replaces it (and alerts again) instead of piling up.
        tag: `conv-kit:${conversation.id}`,
        renotify: true,
        lang: t.$code,
        dir: t.$dir,
      } as NotificationOptions);
      notification.addEventListener('click', () => {
        window.focus();
        notification.close();
        this.#shown.delete(conversation.id);
        this.#choices.clicked(conversation.id, reason);
      });
      this.#shown.set(conversation.id, notification);
    } catch {
      // A browser that shows notifications only through a service worker (Chrome on Android): the sound and the title still tell.
    }
  }

  /** Back on the page, the agent sees what the notifications told: they go. */
  readonly #onVisibilityChange = (): void => {
    if (document.visibilityState !== 'visible') return;
    for (const notification of this.#shown.values()) notification.close();
    this.#shown.clear();
  };
}
