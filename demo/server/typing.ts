/**
 * Typing, both ways, relayed and never stored: no event log entry, no sequence number, nothing a
 * reconnect replays. The customer's typing goes to the live connections of the agents who list the
 * conversation; the agent's is what the customer's side shows, until it stops or no repeat comes.
 * With several processes, each relays to its own connections only (docs/protocol.md).
 */
import { TYPING_EXPIRES_MS } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import type { Agent, Conversation } from '../../src/core/model.js';
import { checkHandler, isListedFor } from '../../src/adapters/memory-backend-state.js';
import type { ServerSignal } from '../../src/adapters/websocket.js';

export interface TypingRelayParts {
  agents: readonly Agent[];
  requireConversation(id: string): Promise<Conversation>;
  /** Hands a signal to the live connections of these agents on this process. */
  signal(agentIds: readonly string[], signal: ServerSignal): void;
}

export function createTypingRelay({ agents, requireConversation, signal }: TypingRelayParts) {
  /** Conversations whose customer sees the agent typing, with the timer that ends it. */
  const agentTyping = new Map<string, ReturnType<typeof setTimeout>>();

  const showAgentTyping = (conversationId: string, typing: boolean) => {
    clearTimeout(agentTyping.get(conversationId));
    if (typing) {
      const timer = setTimeout(() => agentTyping.delete(conversationId), TYPING_EXPIRES_MS);
      timer.unref?.();
      agentTyping.set(conversationId, timer);
    } else agentTyping.delete(conversationId);
  };

  return {
    /** The agent handling an active conversation types, or stopped (the protocol's `sendTyping`). */
    async sendTyping(agent: Agent, conversationId: string, typing: boolean): Promise<null> {
      checkHandler(await requireConversation(conversationId), agent.id);
      showAgentTyping(conversationId, typing);
      return null;
    },

    /** The agent's message ends their typing, as the customer sees it. */
    agentSent: (conversationId: string) => showAgentTyping(conversationId, false),

    /** What the customer's side shows now. */
    customerSeesAgentTyping: (conversationId: string) => agentTyping.has(conversationId),

    /** The customer starts or stops typing: the agents who list the conversation hear it now, and nobody later. */
    customerTyping(conversation: Conversation, typing: boolean): void {
      if (conversation.status === 'ended')
        throw new ConvError('invalid', 'The chat has ended', { conversationId: conversation.id });
      const listing = agents.filter((agent) => isListedFor(conversation, agent.id)).map((agent) => agent.id);
      signal(listing, { type: 'typing', conversationId: conversation.id, typing });
    },

    dispose() {
      for (const timer of agentTyping.values()) clearTimeout(timer);
      agentTyping.clear();
    },
  };
}
