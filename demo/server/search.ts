/**
 * The optional `searchConversations` of the contract: the conversations an agent may read whose
 * customer name, phone number or message text hold the query, with the same rules and paging as
 * conv-kit's memory backend (src/adapters/backend-search.ts). It reads every readable conversation
 * and its messages, which suits the reference server's size; a large deployment would index them.
 */
import type { PageOptions } from '../../src/core/adapter.js';
import type { Agent, Conversation, Message, Page } from '../../src/core/model.js';
import { checkSearchQuery, searchPage } from '../../src/adapters/backend-search.js';
import { isReadableBy } from '../../src/adapters/memory-backend-state.js';
import type { Storage } from './storage.js';

export async function searchConversations(
  storage: Storage,
  agent: Agent,
  query: string,
  options?: PageOptions,
): Promise<Page<Conversation>> {
  checkSearchQuery(query);
  const conversations = (
    await (storage.readableConversations?.(agent.id) ?? storage.conversationsListedFor(agent.id))
  ).filter((conversation) => isReadableBy(conversation, agent.id));
  const messages = new Map<string, Message[]>(
    await Promise.all(conversations.map(async ({ id }) => [id, await storage.allMessages(id)] as [string, Message[]])),
  );
  return searchPage(conversations, (id) => messages.get(id) ?? [], query, options);
}
