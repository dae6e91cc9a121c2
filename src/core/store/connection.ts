/**
 * The connection to the backend: the first snapshot (tried again with backoff while the backend
 * cannot be reached), the agent's persistence, the pushes that follow, and the connection state.
 */
import type { AdapterEvent, ConnectResult } from '../adapter.js';
import { ConvError, toConvError } from '../errors.js';
import type { Agent } from '../model.js';
import { retryDelay } from '../outbox.js';
import { createLocalLock } from '../ports.js';
import type { StoreContext } from './context.js';
import type { Drafts } from './drafts.js';
import type { Lists } from './lists.js';
import type { Messages } from './messages.js';
import type { Notes } from './notes.js';
import type { Sending } from './sending.js';
import type { Typing } from './typing.js';
import type { ConnectionState } from './types.js';

export interface StoreParts {
  lists: Lists;
  messages: Messages;
  notes: Notes;
  drafts: Drafts;
  sending: Sending;
  typing: Typing;
}

export function createConnection(
  context: StoreContext,
  { lists, messages, notes, drafts, sending, typing }: StoreParts,
) {
  const { options } = context;
  let persistenceAgentId: string | undefined;
  let connecting: Promise<void> | undefined;
  /** Bumped by `disconnect()`: a connect loop of an older generation gives up. */
  let generation = 0;
  let wakeConnect: (() => void) | undefined;

  const setConnection = (state: ConnectionState) => {
    if (state === context.connection) return;
    context.connection = state;
    sending.setOnline(state === 'online');
    context.emit('connection');
  };

  const receive = (push: AdapterEvent) => {
    context.lastEventAt = context.now();
    const event = context.check('event', push, 'push');
    switch (event?.type) {
      case 'conversation':
        lists.receive(event.conversation);
        if (event.conversation.status === 'ended') typing.customerStopped(event.conversation.id);
        break;
      case 'message':
        if (event.message.author === 'customer') typing.customerStopped(event.message.conversationId);
        messages.receive(event.message, true);
        break;
      case 'note':
        notes.receive(event.note);
        break;
      case 'conversation-removed':
        typing.customerStopped(event.conversationId);
        lists.remove(event.conversationId);
        break;
      case 'typing':
        typing.receive(event);
        break;
      case 'connection':
        setConnection(event.state);
        break;
    }
  };

  /** Opens the agent's persistence: the outbox and the drafts (and, before the first snapshot, the cached lists) come back. */
  const openPersistence = async (agent: Agent, { fromCache }: { fromCache: boolean }) => {
    if (!options.persistence || persistenceAgentId === agent.id) return;
    if (persistenceAgentId !== undefined) {
      // Someone else signed in than the page expected: nothing of the expected agent stays on screen.
      lists.forgetAll();
      messages.forgetAll();
      drafts.forgetAll();
    }
    persistenceAgentId = agent.id;
    const persistence = options.persistence(agent);
    context.storage = persistence.storage;
    if (fromCache) await lists.restoreCached();
    const waiting = await sending.attach(
      persistence.storage,
      persistence.lock ?? createLocalLock(),
      persistence.channel,
    );
    await drafts.restore(waiting);
  };

  const receiveSnapshot = async (result: ConnectResult) => {
    const snapshot = context.check('snapshot', result, 'connect', undefined, true)!;
    context.agent = snapshot.agent;
    await openPersistence(snapshot.agent, { fromCache: false });
    lists.receiveSnapshot(context.checkAll('conversation', snapshot.conversations, 'connect'));
    setConnection('online');
  };

  const waitBeforeRetry = (attempt: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(
        done,
        retryDelay(attempt, Math.random, options.reconnectMinMs ?? 500, options.reconnectMaxMs ?? 15_000),
      );
      function done() {
        clearTimeout(timer);
        wakeConnect = undefined;
        resolve();
      }
      wakeConnect = done;
    });

  const connectUntilDone = async (): Promise<void> => {
    const mine = generation;
    const stillWanted = () => mine === generation;
    setConnection('connecting');
    try {
      if (options.agent && !context.agent) {
        context.agent = options.agent; // until the backend says who signed in
        await openPersistence(options.agent, { fromCache: true });
      }
    } catch (raw) {
      context.fail('connect', raw); // unreadable persistence must not keep the agent from working
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const snapshot = await context.call(context.adapter.connect(receive));
        if (!stillWanted()) throw new ConvError('network', 'Disconnected');
        await receiveSnapshot(snapshot);
        return;
      } catch (raw) {
        const error = toConvError(raw);
        if (!stillWanted()) throw error;
        if (!error.retryable) {
          setConnection('offline');
          throw context.fail('connect', error);
        }
        setConnection('reconnecting');
        await waitBeforeRetry(attempt);
        if (!stillWanted()) throw new ConvError('network', 'Disconnected');
      }
    }
  };

  return {
    connect(): Promise<void> {
      connecting ??= connectUntilDone().finally(() => (connecting = undefined));
      return connecting;
    },

    disconnect(): void {
      generation++;
      wakeConnect?.();
      context.adapter.disconnect?.();
      sending.detach();
      typing.clear();
      persistenceAgentId = undefined; // connecting again opens the agent's persistence afresh
      setConnection('idle');
    },
  };
}
