/**
 * Searching the backend beyond what the snapshot loaded (optional `adapter.searchConversations`).
 * Each page is checked where it enters; what it finds joins the store like any conversation, so
 * opening a result works as opening any item.
 */
import { ConvError } from '../errors.js';
import type { StoreContext } from './context.js';
import type { Lists } from './lists.js';
import type { ConversationSearchPage } from './types.js';

export function createSearch(context: StoreContext, lists: Lists) {
  return async (query: string, cursor?: string): Promise<ConversationSearchPage> => {
    const { adapter } = context;
    try {
      if (!adapter.searchConversations) throw new ConvError('invalid', 'This backend cannot search conversations');
      const answer = await context.call(adapter.searchConversations(query, cursor ? { cursor } : {}));
      const page = context.check('page', answer, 'searchConversations', undefined, true)!;
      const found = context.checkAll('conversation', page.items, 'searchConversations');
      for (const conversation of found) lists.receive(conversation);
      return { conversationIds: found.map(({ id }) => id), nextCursor: page.nextCursor ?? undefined };
    } catch (raw) {
      throw context.fail('searchConversations', raw);
    }
  };
}
