/**
 * The contract's optional parts as TypeScript backends keep them: searching conversations, the
 * standard responses a backend offers, and who hears typing. The memory backend and the reference
 * server (demo/server) use these functions, so both answer alike.
 */
import type { PageOptions } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Conversation, Page, StandardResponse } from '../core/model.js';
import { page, pageLimit, readCursor, writeCursor } from '../core/paging.js';
import { conversationMatcher, MAX_QUERY_LENGTH } from '../core/search-text.js';

export const SEARCH_PAGE_SIZE = 20;
const MAX_SEARCH_PAGE = 100;

/** The query, trimmed; `invalid` when it is no text, empty, or longer than {@link MAX_QUERY_LENGTH}. */
export function checkSearchQuery(query: unknown): string {
  const trimmed = typeof query == 'string' ? query.trim() : '';
  if (!trimmed || trimmed.length > MAX_QUERY_LENGTH)
    throw new ConvError('invalid', `Search for 1 to ${MAX_QUERY_LENGTH} characters`, { query });
  return trimmed;
}

/**
 * One page of the `readable` conversations whose customer name, phone or message text holds `query`,
 * most recently active first. `messagesOf` gives a conversation's messages (oldest first).
 */
export function searchPage(
  readable: Iterable<Conversation>,
  messagesOf: (conversationId: string) => readonly { text: string }[],
  rawQuery: unknown,
  options: PageOptions = {},
): Page<Conversation> {
  const query = checkSearchQuery(rawQuery);
  const limit = pageLimit(options.limit, SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE);
  // A cursor is good for the query it was made for only.
  const start = options.cursor === undefined ? 0 : readCursor(options.cursor, query, 'search');
  const matches = conversationMatcher(query);
  const found = [...readable]
    .filter((conversation) => matches(conversation, messagesOf(conversation.id)))
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
  const next = start + limit;
  return page(found.slice(start, next), next < found.length ? writeCursor(query, 'search', next) : undefined);
}

/** What a backend without its own offers: a few answers agents give every day. */
export const EXAMPLE_STANDARD_RESPONSES: readonly StandardResponse[] = [
  { id: 'greeting', title: 'Greeting', text: 'Hello {customerName}, this is {agentName}. How can I help you today?' },
  {
    id: 'one-moment',
    title: 'One moment',
    text: 'Thank you, {customerName}. One moment please while I check that for you.',
  },
  { id: 'order-number', title: 'Order number', text: 'Could you tell me your order number, please?' },
  { id: 'anything-else', title: 'Anything else', text: 'Is there anything else I can do for you, {customerName}?' },
  {
    id: 'goodbye',
    title: 'Goodbye',
    text: 'Thank you for contacting us, {customerName}. Have a nice day! – {agentName}',
  },
];

/** Typing is told only in a chat the agent is handling; anything else is `forbidden` or `invalid`. */
export { checkHandler as checkTypist } from './memory-backend-state.js';
