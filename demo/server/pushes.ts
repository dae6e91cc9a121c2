/**
 * Who hears which event, in order: the live connections of this process, each with the seq of the
 * last event it was handed. A connection is only ever handed the event right after that one; when
 * it missed some (another process appended them in between, or a notice came before the events),
 * it reads them from the log first. So every connection gets its agent's events in `seq` order,
 * each once, whichever process made them.
 */
import type { ServerEvent, ServerSignal } from '../../src/adapters/websocket.js';
import type { Storage } from './storage.js';
import type { Subscriber } from './service.js';

export type Pushes = Awaited<ReturnType<typeof createPushes>>;

export async function createPushes(storage: Storage) {
  const subscribers = new Map<Subscriber, number>();
  /** Agents whose connections are reading the log now; true when another pass is wanted after this one. */
  const catchingUp = new Map<string, boolean>();
  let disposed = false;

  /** Hands an event to each of the agent's connections whose last event was the one before it. */
  function push(agentId: string, seq: number, event: ServerEvent) {
    let behind = false;
    for (const [subscriber, last] of subscribers) {
      if (subscriber.agent.id !== agentId) continue;
      if (last === seq - 1) {
        subscribers.set(subscriber, seq);
        subscriber.deliver(seq, event);
      } else if (last < seq - 1) behind = true;
    }
    if (behind) void catchUp(agentId);
  }

  /** Brings every connection of the agent up to the newest event in the log, in order. */
  async function catchUp(agentId: string): Promise<void> {
    if (catchingUp.has(agentId)) return void catchingUp.set(agentId, true);
    catchingUp.set(agentId, false);
    try {
      do {
        catchingUp.set(agentId, false);
        const lasts = [...subscribers].flatMap(([subscriber, last]) => (subscriber.agent.id === agentId ? [last] : []));
        if (lasts.length === 0 || disposed) break;
        const from = Math.min(...lasts);
        const events = await storage.eventsAfter(agentId, from);
        if (!events) {
          // The log no longer reaches back that far: the connection sees the jump, resumes, and is asked for a snapshot.
          const latest = await storage.latestSeq(agentId);
          for (const [subscriber, last] of subscribers)
            if (subscriber.agent.id === agentId && last <= from) subscribers.set(subscriber, latest);
          catchingUp.set(agentId, true);
          continue;
        }
        for (const { seq, event } of events)
          for (const [subscriber, last] of subscribers)
            if (subscriber.agent.id === agentId && last === seq - 1) {
              subscribers.set(subscriber, seq);
              subscriber.deliver(seq, event);
            }
      } while (catchingUp.get(agentId));
    } catch (error) {
      if (!disposed) console.error('conv-kit reference server: pushes could not be read from the log:', error);
    } finally {
      catchingUp.delete(agentId);
    }
  }

  // Events other processes commit reach this process's connections from the log.
  const stopWatching = await storage.watchEvents?.((agentId, seq) => {
    const behind = new Set<string>();
    for (const [subscriber, last] of subscribers)
      if (agentId === undefined || (subscriber.agent.id === agentId && last < seq)) behind.add(subscriber.agent.id);
    for (const id of behind) void catchUp(id);
  });

  return {
    push,
    /** Pushes to `subscriber` from the event after `seq`, the position it was answered with. */
    subscribe(subscriber: Subscriber, seq: number) {
      subscribers.set(subscriber, seq);
      // With other processes, a notice may have come while the subscriber was being answered: it reads the log once.
      if (stopWatching) void catchUp(subscriber.agent.id);
    },
    unsubscribe: (subscriber: Subscriber) => void subscribers.delete(subscriber),
    /** Hands a signal (typing) to the live connections of these agents here: unnumbered, unlogged, missed by anyone away. */
    signal(agentIds: readonly string[], signal: ServerSignal) {
      for (const subscriber of subscribers.keys())
        if (agentIds.includes(subscriber.agent.id)) subscriber.signal?.(signal);
    },
    /** The agents with at least one live connection here. */
    onlineAgents: () => [...new Set([...subscribers.keys()].map((subscriber) => subscriber.agent.id))],
    async dispose() {
      disposed = true;
      await stopWatching?.();
    },
  };
}
