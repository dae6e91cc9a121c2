/**
 * Telling the backend what the agent has read (`adapter.markRead`, when the adapter has it), so the
 * agent's other devices clear their unread badge too. At most one call per conversation every
 * {@link READ_EVERY_MS}: new messages arriving while the agent reads make one more call, not one each.
 * A failed call changes nothing here; the count stays on the other devices.
 */
import type { Conversation } from '../model.js';
import type { StoreContext } from './context.js';

export const READ_EVERY_MS = 2000;

export function createReads(context: StoreContext) {
  /** Conversations told less than READ_EVERY_MS ago: `true` when there is more to tell once that is over. */
  const resting = new Map<string, boolean>();

  const tell = (id: string) => {
    resting.set(id, false);
    Promise.resolve()
      .then(() => context.adapter.markRead!(id))
      .catch(() => {});
    setTimeout(() => (resting.get(id) ? tell(id) : resting.delete(id)), READ_EVERY_MS);
  };

  /** The agent sees `conversation`, which counts unread messages: when it is theirs, the backend hears it is read. */
  return ({ id, assigneeId }: Conversation) => {
    if (!context.adapter.markRead || assigneeId !== context.agent?.id) return;
    if (resting.has(id)) resting.set(id, true);
    else tell(id);
  };
}
