/**
 * Typing, both ways. The customer's comes in as `typing` pushes and shows until they stop, their message
 * arrives, or {@link TYPING_EXPIRES_MS} pass without a repeat. The agent's goes out through the optional
 * `adapter.sendTyping`, throttled: `true` when the draft's text starts changing and at most once every
 * {@link TYPING_REPEAT_MS} after that, `false` once when the agent goes idle, empties the box or sends.
 * Notes have their own path (`addNote`) and never pass here.
 */
import { TYPING_EXPIRES_MS, TYPING_REPEAT_MS, type TypingEvent } from '../adapter.js';
import { listOf } from '../model.js';
import type { StoreContext } from './context.js';

/** The agent has typed nothing for this long: the customer hears they stopped. */
export const TYPING_IDLE_MS = 5000;

export type Typing = ReturnType<typeof createTyping>;

type Timer = ReturnType<typeof setTimeout>;

export function createTyping(context: StoreContext) {
  const timings = context.options.typingTimings ?? {};
  /** Conversations whose customer is shown typing, with the timer that ends it. */
  const customers = new Map<string, Timer>();
  /** Conversations where the customer was told the agent types: when, and the idle timer. */
  const agent = new Map<string, { toldAt: number; idle: Timer }>();

  /** The chat shows it under the name (`typing:<id>`); its list shows it on the item. */
  const changed = (conversationId: string) => {
    context.emit(`typing:${conversationId}`);
    const conversation = context.conversations.get(conversationId);
    const list = conversation && listOf(conversation, context.agent?.id);
    if (list) context.emit(`list:${list}`);
  };

  const showCustomer = (conversationId: string, typing: boolean) => {
    const was = customers.has(conversationId);
    clearTimeout(customers.get(conversationId));
    if (typing)
      customers.set(
        conversationId,
        setTimeout(() => showCustomer(conversationId, false), timings.expiresMs ?? TYPING_EXPIRES_MS),
      );
    else customers.delete(conversationId);
    if (was !== typing) changed(conversationId);
  };

  // A lost signal is harmless (the next one or the customer's expiry puts it right): nothing to retry or report.
  const tell = (conversationId: string, typing: boolean) =>
    Promise.resolve()
      .then(() => context.adapter.sendTyping!(conversationId, typing))
      .catch(() => {});

  const agentStopped = (conversationId: string) => {
    const told = agent.get(conversationId);
    if (!told) return;
    clearTimeout(told.idle);
    agent.delete(conversationId);
    tell(conversationId, false);
  };

  return {
    isCustomerTyping: (conversationId: string) => customers.has(conversationId),

    /** A checked `typing` push: shown for a conversation this agent sees that has not ended, else dropped. */
    receive({ conversationId, typing }: TypingEvent) {
      const conversation = context.conversations.get(conversationId);
      if (conversation && conversation.status !== 'ended') showCustomer(conversationId, typing);
    },

    /** The customer's message (or the conversation leaving this agent) ends their typing. */
    customerStopped: (conversationId: string) => showCustomer(conversationId, false),

    /** The draft's text went from `before` to `text` in the agent's message box. */
    agentWrote(conversationId: string, before: string, text: string) {
      if (!context.adapter.sendTyping || text === before) return;
      const conversation = context.conversations.get(conversationId);
      const handling = conversation?.status === 'active' && conversation.assigneeId === context.agent?.id;
      if (!text.trim() || !handling) return agentStopped(conversationId);
      const told = agent.get(conversationId);
      clearTimeout(told?.idle);
      const now = context.now();
      const repeat = !told || now - told.toldAt >= (timings.repeatMs ?? TYPING_REPEAT_MS);
      if (repeat) tell(conversationId, true);
      agent.set(conversationId, {
        toldAt: repeat ? now : told.toldAt,
        idle: setTimeout(() => agentStopped(conversationId), timings.idleMs ?? TYPING_IDLE_MS),
      });
    },

    agentStopped,

    /** Disconnected: nothing shown stays, and no timer sends later. */
    clear() {
      for (const [conversationId, timer] of customers) {
        clearTimeout(timer);
        customers.delete(conversationId);
        changed(conversationId);
      }
      for (const { idle } of agent.values()) clearTimeout(idle);
      agent.clear();
    },
  };
}
