/**
 * The memory backend's optional parts of the contract and what the customer's side does besides
 * writing: searching conversations, with the rules every TypeScript backend keeps (backend-search.ts),
 * and typing both ways, which is relayed and never stored.
 */
import { TYPING_EXPIRES_MS, type PageOptions } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Agent, Conversation, Page } from '../core/model.js';
import { searchPage } from './backend-search.js';
import { isReadableBy, type BackendState } from './memory-backend-state.js';

export function createContactParts(state: BackendState) {
  /** Conversations whose customer sees the agent typing, with the timer that ends it when no repeat comes. */
  const agentTyping = new Map<string, ReturnType<typeof setTimeout>>();

  const showAgentTyping = (conversationId: string, typing: boolean) => {
    clearTimeout(agentTyping.get(conversationId));
    if (typing)
      agentTyping.set(
        conversationId,
        setTimeout(() => agentTyping.delete(conversationId), TYPING_EXPIRES_MS),
      );
    else agentTyping.delete(conversationId);
  };

  return {
    searchConversations: (agent: Agent, query: string, pageOptions?: PageOptions): Page<Conversation> =>
      searchPage(
        [...state.conversations.values()].filter((conversation) => isReadableBy(conversation, agent.id)),
        // A copy: the backend appends to its lists, and matches are remembered per list.
        (id) => state.messagesOf(id).slice(),
        query,
        pageOptions,
      ),

    /** The customer starts or stops typing: the agents who list the conversation hear it now, and nobody later. */
    customerTyping(conversationId: string, typing: boolean): void {
      const conversation = state.requireConversation(conversationId);
      if (conversation.status === 'ended') throw new ConvError('invalid', 'The chat has ended', { conversationId });
      state.announceTo(conversation, { type: 'typing', conversationId, typing });
    },

    /** The agent handling the conversation types (or stopped): the customer's side shows it. */
    sendTyping(agent: Agent, conversationId: string, typing: boolean): void {
      state.requireHandling(agent, conversationId);
      showAgentTyping(conversationId, typing);
    },

    /** The agent's message ends their typing, as the customer sees it. */
    agentSent: (conversationId: string) => showAgentTyping(conversationId, false),

    customerSeesAgentTyping: (conversationId: string) => agentTyping.has(conversationId),

    cancelTimers() {
      for (const timer of agentTyping.values()) clearTimeout(timer);
      agentTyping.clear();
    },
  };
}
