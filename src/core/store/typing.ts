/**
 * Who is typing: the customer's `typing` pushes, shown until they stop, write, or go quiet for
 * {@link TYPING_SHOWN_MS}; and the agent's typing, told to the backend (optional `adapter.sendTyping`)
 * at most once every {@link TYPING_SENT_EVERY_MS} per conversation.
 */
import type { StoreContext } from './context.js';

export const TYPING_SHOWN_MS = 6000;
export const TYPING_SENT_EVERY_MS = 3000;

export function createTyping(context: StoreContext) {
  const shown = new Map<string, ReturnType<typeof setTimeout>>();
  const lastSent = new Map<string, number>();

  const show = (conversationId: string, typing: boolean) => {
    const before = shown.has(conversationId);
    clearTimeout(shown.get(conversationId));
    shown.delete(conversationId);
    if (typing)
      shown.set(
        conversationId,
        setTimeout(() => show(conversationId, false), TYPING_SHOWN_MS),
      );
    if (before !== typing) context.emit('typing', conversationId);
  };

  return {
    isTyping: (conversationId: string) => shown.has(conversationId),
    /** A push about a conversation this agent cannot see shows nothing. */
    receive: (conversationId: string, typing: boolean) =>
      void (context.conversations.has(conversationId) && show(conversationId, typing)),
    agentTypes(conversationId: string) {
      const { adapter } = context;
      const now = context.now();
      if (!adapter.sendTyping || context.conversations.get(conversationId)?.status !== 'active') return;
      if (now - (lastSent.get(conversationId) ?? -Infinity) < TYPING_SENT_EVERY_MS) return;
      lastSent.set(conversationId, now);
      // Typing is a hint: a lost one is made good by the next keystroke.
      context.call(adapter.sendTyping(conversationId)).catch(() => {});
    },
  };
}
