/**
 * The memory backend's optional parts of the contract: searching conversations, with the rules every
 * TypeScript backend keeps (backend-search.ts).
 */
import type { PageOptions } from '../core/adapter.js';
import type { Agent, Conversation, Page } from '../core/model.js';
import { searchPage } from './backend-search.js';
import { isReadableBy, type BackendState } from './memory-backend-state.js';

export function createContactParts(state: BackendState) {
  return {
    searchConversations: (agent: Agent, query: string, pageOptions?: PageOptions): Page<Conversation> =>
      searchPage(
        [...state.conversations.values()].filter((conversation) => isReadableBy(conversation, agent.id)),
        // A copy: the backend appends to its lists, and matches are remembered per list.
        (id) => state.messagesOf(id).slice(),
        query,
        pageOptions,
      ),
  };
}
