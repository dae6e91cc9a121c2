/**
 * Searching the backend beyond what the snapshot loaded (optional `adapter.searchConversations`).
 * Each page is checked where it enters; what it finds joins the store like any conversation, so
 * opening a result works as opening any item. Without the method it rejects with `invalid`.
 */
import { ConvError } from '../errors.js';
import type { StoreContext } from './context.js';
import type { Lists } from './lists.js';
import type { ConversationSearchPage } from './types.js';

export const createSearch =
  (context: StoreContext, lists: Lists) =>
  async (query: string, cursor?: string): Promise<ConversationSearchPage> => {
    try {
      const search = context.adapter.searchConversations;
      if (!search) throw new ConvError('invalid', 'No search');
      const answer = await context.call(search.call(context.adapter, query, { cursor }));
      const page = context.check('page', answer, 'searchConversations', undefined, true)!;
      const found = context.checkAll('conversation', page.items, 'searchConversations');
      found.forEach(lists.receive);
      return { conversationIds: found.map(({ id }) => id), nextCursor: page.nextCursor ?? undefined };
    } catch (raw) {
      throw context.fail('searchConversations', raw);
    }
  };
