import type { ConvErrorCode } from '../../core/errors.js';

import type { FirstUseStrings } from './first-use-strings.js';

/** What a catalog may say about a refused file, formatted for its locale. */
export interface FileRefusalFacts {
  /** The file's name, quoted, with hidden characters replaced and isolated from the text around it. */
  name: string;
  size: string;
  /** The admin's size limit. */
  limit: string;
  /** The allowed types as a list in words ("GIF, JPEG und PNG"); empty when the admin allows none. */
  types: string;
  /** The type the file's name claims ("PNG"). */
  type: string;
}

// English has two plural forms (one, other); the other catalogs choose theirs with plural() from src/locales.
const en = (count: number, one: string, other: string) =>
  (count === 1 ? one : other).replace('#', count.toLocaleString('en'));

/**
 * Every word the page shows, in one catalog keyed by meaning. Defaults are English and use the
 * help page's wording; the words of what loads on first use come with it (./first-use-strings.ts); the
 * other languages live in src/locales/ and load when an element's `lang` asks for them, each with all
 * the words. Elements take a partial `strings` object that overrides any of them.
 */
export const defaultStrings = {
  /** The catalog's language (BCP 47), its own name for itself, and its writing direction. */
  $code: 'en',
  $name: 'English',
  $dir: 'ltr' as 'ltr' | 'rtl',

  // Lists
  conversations: 'Conversations',
  picklist: 'Picklist',
  history: 'History',
  offered: 'Offered to you',
  listLabel: 'Conversation lists',
  pick: 'Pick',
  accept: 'Accept',
  reject: 'Reject',
  more: 'More',
  moreActions: 'More actions',
  emptyConversations: 'No conversations yet. Pick one from the Picklist.',
  emptyPicklist: 'Nobody is waiting.',
  emptyHistory: 'No ended conversations.',
  unread: (count: number) => en(count, '# unread', '# unread'),
  /** An offer's time left, as `m:ss`, ticking each second (not read out). */
  offerTimeLeft: (time: string) => `${time} left`,
  /** Read out once with the offer instead: when it goes back to the Picklist. */
  offerExpiresAt: (time: string) => `Offer expires at ${time}`,
  pickConflict: 'Another agent picked this conversation first.',
  unknownCustomer: 'Customer',
  /** The customer is typing: in the chat's header (announced once) and on their list item. */
  customerTyping: 'typing…',
  channelChat: 'Chat',
  channelSms: 'SMS',
  channelWhatsapp: 'WhatsApp',
  channelMessenger: 'Messenger',
  channelEmail: 'Email',
  search: 'Search',
  sortBy: 'Sort',

  // Notifications
  notifications: 'Notifications',

  // Chat
  actionMenu: 'Conversation actions',
  internalNotes: 'Internal notes',
  endChat: 'End chat',
  previousConversations: 'Previous conversations',
  loadPreviousConversations: 'Show previous conversations',
  noPreviousConversations: 'No earlier conversations with this customer.',
  /** `day` is "today", "yesterday", a weekday or a full date, as the locale writes it (see formatDay). */
  conversationOn: (day: string) => `Conversation from ${day}`,
  newMessages: 'New messages',
  messagesLabel: 'Messages',
  you: 'You',
  customer: 'Customer',
  system: 'System',
  /** System notices the backend marks with `notice` (Message.notice), worded here rather than in the backend's language. */
  noticeCustomerLeft: 'The customer left the chat',
  noticeAgentEnded: (agent: string) => `${agent} ended the chat`,
  chatEnded: 'This chat has ended.',
  notYours: 'Pick or accept this conversation to write.',
  selectConversation: 'Select a conversation.',
  loadingMessages: 'Loading messages…',
  messagesNotLoaded: 'The messages could not be loaded.',
  previousNotLoaded: 'The previous conversations could not be loaded.',
  openImage: (name: string) => `Open image ${name}`,
  close: 'Close',

  // Workspace
  backToConversations: 'Back to Conversations',
  backToChat: 'Back to the chat',
  closeNotes: 'Close internal notes',

  // Delivery
  pending: 'Waiting to send',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
  retry: 'Retry',
  delete: 'Delete',
  cancelUpload: 'Cancel upload',
  uploading: (percent: number) => `Uploading ${percent}%`,

  // Composer
  messageInput: 'Message',
  messagePlaceholder: 'Write a message',
  standardResponses: 'Standard responses',
  send: 'Send',
  emoji: 'Emoji',
  addAttachment: 'Add',
  camera: 'Camera',
  gallery: 'Gallery',
  location: 'Location',
  cancel: 'Cancel',
  openMap: 'Open in OpenStreetMap',
  sharedLocation: 'Shared location',
  pasteTooLong: (limit: number) =>
    en(limit, 'The pasted text was cut to # character.', 'The pasted text was cut to # characters.'),
  emojiUnavailable: 'The emoji could not be loaded. Try again later.',

  // Notes
  notesEmpty: 'No internal notes yet.',
  newNote: 'New note',
  save: 'Save',
  saving: 'Saving…',
  notesHint: 'Only agents see internal notes.',
  notesNotYours: 'Only the agent handling this conversation adds notes to it.',
  noteNotSaved: 'The note was not saved. Your text is kept; try again.',
  notesLoading: 'Loading notes…',
  notesNotLoaded: 'The internal notes could not be loaded.',

  // End chat dialog

  // Errors, by ConvError code
  errorNetwork: 'The connection to the server failed. Try again.',
  errorConflict: 'Someone else changed this first.',
  errorForbidden: 'You are not allowed to do that.',
  errorInvalid: 'That could not be done.',
  offline: 'Offline — messages are kept and sent when the connection returns.',
  reconnecting: 'Reconnecting…',
};

/** The words of what loads with the page. */
export type PageStrings = typeof defaultStrings;
/** Every word conv-kit shows: the page's, and those of what loads on first use (./first-use-strings.ts). */
export type ConvStrings = PageStrings & FirstUseStrings;

const ERROR_KEYS = {
  network: 'errorNetwork',
  conflict: 'errorConflict',
  forbidden: 'errorForbidden',
  invalid: 'errorInvalid',
} as const;

/**
 * The words for a failed action, by error code; an element may say something more specific for some codes.
 * The code can come from a backend: only the four codes have words of their own (own properties, so
 * `constructor` is no code), anything else reads as `invalid`.
 */
export function describeError(
  strings: PageStrings,
  code: ConvErrorCode,
  specific: Partial<Record<ConvErrorCode, string>> = {},
): string {
  return (
    (Object.hasOwn(specific, code) && specific[code]) ||
    strings[ERROR_KEYS[Object.hasOwn(ERROR_KEYS, code) ? code : 'invalid']]
  );
}

/**
 * A channel's name in the catalog's language (`sms` → `channelSms`); a channel conv-kit does not know
 * shows as the backend wrote it, also one called `constructor` or `__proto__`.
 */
export function channelName(strings: PageStrings, channel: string): string {
  const key = `channel${channel.charAt(0).toUpperCase()}${channel.slice(1)}`;
  const word = Object.hasOwn(strings, key) && (strings as unknown as Record<string, unknown>)[key];
  return typeof word === 'string' ? word : channel;
}

export function withStrings(overrides: Partial<ConvStrings> | undefined): PageStrings {
  return overrides ? { ...defaultStrings, ...overrides } : defaultStrings;
}
