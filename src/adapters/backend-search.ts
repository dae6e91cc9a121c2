/**
 * The contract's optional search as TypeScript backends keep it: the memory backend and the reference
 * server (demo/server) use these functions, so both answer alike.
 */
import type { PageOptions } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Conversation, Page } from '../core/model.js';
import { page, pageLimit, readCursor, writeCursor } from '../core/paging.js';
import { conversationMatcher, MAX_QUERY_LENGTH } from '../core/search-text.js';

export const SEARCH_PAGE_SIZE = 20;
const MAX_SEARCH_PAGE = 200;

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
