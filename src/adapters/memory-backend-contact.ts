/**
 * The memory backend's optional parts of the contract: searching conversations, standard responses
 * and typing, with the rules every TypeScript backend keeps (backend-search.ts).
 */
import type { PageOptions } from '../core/adapter.js';
import type { Agent, Conversation, Page, StandardResponse } from '../core/model.js';
import { checkTypist, EXAMPLE_STANDARD_RESPONSES, searchPage } from './backend-search.js';
import { isReadableBy, type BackendState } from './memory-backend-state.js';
import type { MemoryBackendOptions, TypingHeard } from './memory-backend-types.js';

export function createContactParts(state: BackendState, options: MemoryBackendOptions) {
  const typingHeard: TypingHeard[] = [];
  return {
    typingHeard,
    searchConversations: (agent: Agent, query: string, pageOptions?: PageOptions): Page<Conversation> =>
      searchPage(
        [...state.conversations.values()].filter((conversation) => isReadableBy(conversation, agent.id)),
        // A copy: the backend appends to its lists, and matches are remembered per list.
        (id) => state.messagesOf(id).slice(),
        query,
        pageOptions,
      ),
    standardResponses: (): StandardResponse[] => [...(options.standardResponses ?? EXAMPLE_STANDARD_RESPONSES)],
    agentTyping(agent: Agent, conversationId: string) {
      checkTypist(state.requireConversation(conversationId), agent.id);
      typingHeard.push({ agentId: agent.id, conversationId, at: Date.now() });
    },
    /** The customer types (or stops): every connection that lists the conversation hears it. */
    customerTypes(conversationId: string, typing: boolean) {
      const conversation = state.requireConversation(conversationId);
      if (conversation.status === 'ended') return;
      state.announceTo(conversation, { type: 'typing', conversationId: conversation.id, typing });
    },
  };
}
