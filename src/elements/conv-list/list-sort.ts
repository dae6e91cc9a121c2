/**
 * The orders an agent can give Conversations. Offers always stay on top (they wait for an answer);
 * the agent's chats below them follow the chosen order. Loaded on first use.
 */
import { customerLabel, type Conversation } from '../../core/model.js';

export type ListSortName = 'newest' | 'waiting' | 'unread' | 'name';
export const LIST_SORTS: readonly ListSortName[] = ['newest', 'waiting', 'unread', 'name'];
export const SORT_TEXT = {
  newest: 'sortNewest',
  waiting: 'sortWaiting',
  unread: 'sortUnread',
  name: 'sortName',
} as const;

export const isListSort = (value: unknown): value is ListSortName => LIST_SORTS.includes(value as ListSortName);

/** Since when the customer has waited for an answer: their last message, if it is the last one. */
const waitingSince = ({ lastMessage }: Conversation) =>
  lastMessage?.author === 'customer' ? lastMessage.at : Number.POSITIVE_INFINITY;

/** `rows` (the store's order: newest activity first) in the order `sort` names; equal ones keep the store's order. */
export function sortConversations(
  rows: readonly Conversation[],
  sort: ListSortName,
  locale: string,
): readonly Conversation[] {
  if (sort === 'newest') return rows;
  const offers = rows.filter((conversation) => conversation.status === 'offered');
  const chats = rows.filter((conversation) => conversation.status !== 'offered');
  let compare: (a: Conversation, b: Conversation) => number;
  if (sort === 'waiting') compare = (a, b) => waitingSince(a) - waitingSince(b) || 0;
  else if (sort === 'unread') compare = (a, b) => Number(b.unreadCount > 0) - Number(a.unreadCount > 0);
  else {
    // Locale-aware: "Émile" sorts with E in French, "Ö" after "Z" in Swedish; "Customer 10" after "Customer 9".
    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    const name = (conversation: Conversation) => customerLabel(conversation.customer) ?? '\uffff';
    compare = (a, b) => collator.compare(name(a), name(b));
  }
  return Object.freeze([...offers, ...chats.sort(compare)]);
}
