import type { ConvErrorCode } from '../../core/errors.js';
import type { FileRefusalReason } from '../../core/file-policy.js';

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
 * Every word conv-kit shows, in one catalog keyed by meaning. Defaults are English and use the
 * help page's wording; the other languages live in src/locales/ and load when an element's `lang`
 * asks for them. Elements take a partial `strings` object that overrides any of them.
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
  searchLabel: 'Search by name, phone or message',
  closeSearch: 'Close search',
  searchFound: (count: number) => (count ? en(count, '# match', '# matches') : 'No matches.'),
  searching: 'Searching older conversations…',
  moreResults: 'More results',
  sortBy: 'Sort',
  sortNewest: 'Newest activity',
  sortWaiting: 'Longest waiting',
  sortUnread: 'Unread first',
  sortName: 'Customer name',

  // Notifications
  notifications: 'Notifications',
  notifyMe: 'Notify me of new messages and offers',
  notifyShows: 'A notification shows',
  notifyShowsText: 'The customer’s name and message',
  notifyShowsName: 'Only the customer’s name',
  notifyShowsNothing: 'Nothing that identifies the customer',
  notifySound: 'Play a sound',
  notificationsBlocked: 'Notifications are blocked in this browser’s site settings.',
  notificationsDismissed: 'Notifications were not allowed. Turn them on to be asked again.',
  notificationsUnsupported: 'This browser cannot show notifications.',
  notificationsInsecure: 'Notifications need a secure (https) page.',
  /** The title of a notification; no name when the agent chose that notifications show nothing identifying. */
  notifyMessage: (name?: string) => (name ? `New message from ${name}` : 'New message'),
  notifyOffer: (name?: string) => (name ? `${name} is offered to you` : 'A conversation is offered to you'),
  notifyWaiting: (name?: string) =>
    name ? `${name} is waiting in the Picklist` : 'A customer is waiting in the Picklist',

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
  openInNewTab: 'Open in new tab',
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
  findResponse: 'Find a standard response',
  noResponses: 'No standard response matches.',
  send: 'Send',
  emoji: 'Emoji',
  addAttachment: 'Add',
  camera: 'Camera',
  gallery: 'Gallery',
  location: 'Location',
  removeAttachment: (name: string) => `Remove ${name}`,
  attachments: 'Attachments',
  shareLocation: 'Share location',
  locationPreview: (coordinates: string) => `Your location: ${coordinates}`,
  locationLocating: 'Finding your location…',
  locationDenied: 'Location is blocked for this page. Allow it in the browser’s site settings to share it.',
  locationUnavailable: 'Your location could not be found. Try again in a moment.',
  locationUnsupported: 'This browser cannot share a location.',
  cancel: 'Cancel',
  openMap: 'Open in OpenStreetMap',
  sharedLocation: 'Shared location',
  pasteTooLong: (limit: number) =>
    en(limit, 'The pasted text was cut to # character.', 'The pasted text was cut to # characters.'),
  locationAccuracy: (metres: string) => `Accurate to about ${metres} m`,
  emojiUnavailable: 'The emoji could not be loaded. Try again later.',
  emojiSearch: 'Search emoji',
  emojiSearchResults: 'Search results',
  emojiFound: (count: number) => (count === 0 ? 'No emoji found.' : en(count, '# emoji found.', '# emoji found.')),
  emojiLoading: 'Loading emoji…',
  emojiCategories: 'Emoji categories',
  emojiFrequentlyUsed: 'Frequently used',
  emojiFrequentlyUsedEmpty: 'The emoji you choose will appear here.',
  emojiSmileysPeople: 'Smileys & people',
  emojiAnimalsNature: 'Animals & nature',
  emojiFoodDrink: 'Food & drink',
  emojiTravelPlaces: 'Travel & places',
  emojiActivities: 'Activities',
  emojiObjects: 'Objects',
  emojiSymbols: 'Symbols',
  emojiFlags: 'Flags',
  emojiSkinTone: 'Skin tone',
  emojiSkinToneName: (tone: number) =>
    ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'][tone] ?? 'Default',
  attachmentDetails: (type: string, size: string) => `${type}, ${size}`,

  /**
   * A file the admin's policy refuses, in words; `name` comes quoted and isolated, sizes and the list of
   * types formatted for the locale. English answers undefined: the policy's own sentence is English already.
   */
  fileRefused: (_reason: FileRefusalReason, _facts: FileRefusalFacts): string | undefined => undefined,

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
  endChatQuestion: (name: string) => `End chat with ${name}?`,
  endChatExplanation: 'The conversation moves to History.',
  endingChat: 'Ending chat…',
  chatNotEnded: 'The chat was not ended.',

  // Errors, by ConvError code
  errorNetwork: 'The connection to the server failed. Try again.',
  errorConflict: 'Someone else changed this first.',
  errorForbidden: 'You are not allowed to do that.',
  errorInvalid: 'That could not be done.',
  offline: 'Offline — messages are kept and sent when the connection returns.',
  reconnecting: 'Reconnecting…',
};

export type ConvStrings = typeof defaultStrings;

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
  strings: ConvStrings,
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
export function channelName(strings: ConvStrings, channel: string): string {
  const key = `channel${channel.charAt(0).toUpperCase()}${channel.slice(1)}`;
  const word = Object.hasOwn(strings, key) && (strings as unknown as Record<string, unknown>)[key];
  return typeof word === 'string' ? word : channel;
}

export function withStrings(overrides: Partial<ConvStrings> | undefined): ConvStrings {
  return overrides ? { ...defaultStrings, ...overrides } : defaultStrings;
}
