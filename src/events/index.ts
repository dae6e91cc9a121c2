/**
 * Every public event conv-kit's elements dispatch: one declaration each, name → detail.
 * All bubble and are composed (they leave shadow roots), so a host can listen on the element, on
 * `<conv-provider>`, on `document` or on `window`, typed:
 *
 *     document.addEventListener('conv-select', (event) => open(event.detail.conversationId));
 */
import type { ConversationListName, Note } from '../core/model.js';

/** Names one conversation. */
export interface ConvConversationDetail {
  conversationId: string;
}

/** `conv-select`: the agent selected a conversation in `<conv-list>` (click, Enter or Space, or by accepting an offer). */
export interface ConvSelectDetail extends ConvConversationDetail {
  /** Set when the selection comes from accepting an offer: the agent is about to write in it. */
  accepted?: true;
}
/** `conv-open-notes`: the agent chose Internal notes (in `<conv-list>`'s item menu or `<conv-chat>`'s action menu). */
export type ConvOpenNotesDetail = ConvConversationDetail;
/** `conv-request-end`, cancelable: the agent asked to end a chat; the host confirms, e.g. with `<end-chat-dialog>`. */
export type ConvRequestEndDetail = ConvConversationDetail;
/** `conv-chat-ended` and `conv-end-cancel` from `<end-chat-dialog>`. */
export type ConvEndChatDetail = ConvConversationDetail;

/** `conv-list-change`: the agent switched `<conv-list>`'s tab. */
export interface ConvListChangeDetail {
  /** Offered conversations show within Conversations; they have no tab of their own. */
  list: Exclude<ConversationListName, 'offered'>;
}

/** `conv-message-send`: a message was handed to the store (shown at once as pending, kept until the backend confirms it). */
export interface ConvMessageSendDetail {
  conversationId: string;
  clientId: string;
}

/** `conv-message-retry` and `conv-message-delete`: Retry, Delete or Cancel upload on one of the agent's messages. */
export interface ConvMessageActionDetail {
  conversationId: string;
  clientId: string;
}

/** `conv-emoji-pick`: an emoji was chosen in `<conv-emoji-picker>`. */
export interface ConvEmojiPickDetail {
  emoji: string;
}

/** `conv-note-added`: `<conv-notes>` saved an internal note. */
export interface ConvNoteAddedDetail {
  conversationId: string;
  note: Note;
}

/**
 * `conv-notification-click`: the agent clicked a system notification `<conv-notification-settings>` raised
 * (the window is focused already); the host opens that conversation, as `<conv-workspace>` does.
 */
export interface ConvNotificationClickDetail extends ConvConversationDetail {
  /** What the notification told of: a customer's message, an offer to this agent, or a new customer in the Picklist. */
  reason: 'message' | 'offer' | 'waiting';
}

/** The vocabulary: each event's name and the type of its `detail`. */
export interface ConvEventDetails {
  'conv-select': ConvSelectDetail;
  'conv-open-notes': ConvOpenNotesDetail;
  'conv-request-end': ConvRequestEndDetail;
  'conv-list-change': ConvListChangeDetail;
  'conv-message-send': ConvMessageSendDetail;
  'conv-message-retry': ConvMessageActionDetail;
  'conv-message-delete': ConvMessageActionDetail;
  /** The agent scrolled or pulled to the top of `<conv-message-list>`: show earlier history. */
  'conv-load-earlier': null;
  'conv-emoji-pick': ConvEmojiPickDetail;
  'conv-note-added': ConvNoteAddedDetail;
  'conv-chat-ended': ConvEndChatDetail;
  'conv-end-cancel': ConvEndChatDetail;
  'conv-notification-click': ConvNotificationClickDetail;
}

export type ConvEventName = keyof ConvEventDetails;

/** Each event as listeners receive it. */
export type ConvEventMap = { [Name in ConvEventName]: CustomEvent<ConvEventDetails[Name]> };

declare global {
  /* eslint-disable @typescript-eslint/no-empty-object-type -- merging the vocabulary into the DOM's own maps */
  interface HTMLElementEventMap extends ConvEventMap {}
  interface DocumentEventMap extends ConvEventMap {}
  interface WindowEventMap extends ConvEventMap {}
  interface ShadowRootEventMap extends ConvEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}

/** A conv-kit event as the elements dispatch it: bubbling and composed. */
export function createConvEvent<Name extends ConvEventName>(
  name: Name,
  detail: ConvEventDetails[Name],
  { cancelable = false }: { cancelable?: boolean } = {},
): ConvEventMap[Name] {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }) as ConvEventMap[Name];
}
