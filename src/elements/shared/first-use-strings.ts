import type { FileRefusalReason } from '../../core/file-policy.js';
import type { ConvStrings, FileRefusalFacts, PageStrings } from './strings.js';

// English has two plural forms (one, other), as in ./strings.ts.
const en = (count: number, one: string, other: string) =>
  (count === 1 ? one : other).replace('#', count.toLocaleString('en'));

/**
 * The English words of what no first paint shows: the list's search and sort, the notification settings,
 * a photo full size, the standard responses, the location, the emoji picker, the attachment tray, the End
 * chat confirmation. They come with that code, in the first-use chunk (./on-first-use.ts), so the page
 * carries only the words it shows (`defaultStrings` in ./strings.ts). Every other catalog holds both.
 */
export const firstUseStrings = {
  searchLabel: 'Search by name, phone or message',
  closeSearch: 'Close search',
  searchFound: (count: number) => (count ? en(count, '# match', '# matches') : 'No matches.'),
  searching: 'Searching older conversations…',
  moreResults: 'More results',
  sortNewest: 'Newest activity',
  sortWaiting: 'Longest waiting',
  sortUnread: 'Unread first',
  sortName: 'Customer name',
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
  openInNewTab: 'Open in new tab',
  findResponse: 'Find a standard response',
  noResponses: 'No standard response matches.',
  shareLocation: 'Share location',
  locationPreview: (coordinates: string) => `Your location: ${coordinates}`,
  locationLocating: 'Finding your location…',
  locationDenied: 'Location is blocked for this page. Allow it in the browser’s site settings to share it.',
  locationUnavailable: 'Your location could not be found. Try again in a moment.',
  locationUnsupported: 'This browser cannot share a location.',
  locationAccuracy: (metres: string) => `Accurate to about ${metres} m`,
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
  attachments: 'Attachments',
  removeAttachment: (name: string) => `Remove ${name}`,
  attachmentDetails: (type: string, size: string) => `${type}, ${size}`,
  /**
   * A file the admin's policy refuses, in words; `name` comes quoted and isolated, sizes and the list of
   * types formatted for the locale. English answers undefined: the policy's own sentence is English already.
   */
  fileRefused: (_reason: FileRefusalReason, _facts: FileRefusalFacts): string | undefined => undefined,
  endChatQuestion: (name: string) => `End chat with ${name}?`,
  endChatExplanation: 'The conversation moves to History.',
  endingChat: 'Ending chat…',
  chatNotEnded: 'The chat was not ended.',
};

export type FirstUseStrings = typeof firstUseStrings;

const completed = new WeakMap<PageStrings, ConvStrings>();

/**
 * An element's words with the English of what loads on first use under them: a catalog in another
 * language, or a host's own words, already has them and keeps them.
 */
export function withFirstUseWords(text: PageStrings): ConvStrings {
  let whole = completed.get(text);
  if (!whole) completed.set(text, (whole = { ...firstUseStrings, ...text }));
  return whole;
}
