/**
 * The memory adapter: conv-kit's embedded backend, for trying conv-kit, for tests and for the demo.
 *
 * `createMemoryBackend()` (memory-backend.ts) is one "server": the conversations its `data` option
 * makes (none by default), scripted customers who answer, and optional live traffic.
 * `createMemoryAdapter({ backend, agent })` is one connection of one agent to it and implements the
 * whole `ConversationAdapter` contract, with faults to inject. Two adapters of the same agent are that
 * agent's desktop and phone: what one does is pushed to the other. Adapters of different agents
 * compete: the first pick wins, the second gets `conflict`.
 *
 * Who sees what:
 * - a conversation is *listed* for an agent (in the snapshot, and pushed) when it is queued, or
 *   offered to, handled by or ended by that agent;
 * - it is *readable* (messages, notes, earlier conversations) when listed, or ended by anyone:
 *   notes belong to the conversation, not to the agent who wrote them;
 * - only the assigned agent may write in, upload to or end an active conversation;
 * - only the assigned agent adds notes, while the conversation is active and after it ended (a
 *   colleague, or anyone on a queued conversation, gets `forbidden`); a repeated clientId is the same note.
 */
import type {
  AdapterEvent,
  AdapterEventSink,
  ConnectResult,
  ConversationAdapter,
  PageOptions,
  UploadOptions,
} from '../core/adapter.js';
import { ConvError, type ConvErrorCode } from '../core/errors.js';
import type { FileTypePolicyOptions } from '../core/file-policy.js';
import type { Agent, Attachment, Conversation, Page, StandardResponse } from '../core/model.js';
import {
  abortError,
  createMemoryBackend,
  createRandom,
  DEFAULT_AGENT,
  pickDelay,
  serverOf,
  type Connection,
  type MemoryBackend,
  type MemoryDelay,
} from './memory-backend.js';

export {
  createMemoryBackend,
  createRandom,
  DEFAULT_AGENT,
  endedNotice,
  previewOf,
  unreadCountAfter,
} from './memory-backend.js';
export { EXAMPLE_STANDARD_RESPONSES } from './standard-responses.js';
export type {
  CustomerMessageExtras,
  MemoryBackend,
  MemoryBackendOptions,
  MemoryCustomers,
  MemoryData,
  MemoryDataContext,
  MemoryDelay,
  NewConversation,
  Random,
} from './memory-backend.js';

export interface MemoryAdapterOptions {
  /** The server this connection talks to. Default: a new backend of its own. */
  backend?: MemoryBackend;
  /** Who is signed in. Default: agent-1, Alex Morgan. */
  agent?: Agent;
  /** Time each call and each push takes. Default 20–80 ms; 0 for tests. */
  latencyMs?: MemoryDelay;
}

/**
 * Failures to inject, one connection at a time. "Calls" are the adapter's methods (connect included);
 * a call failed or hung by a fault never reaches the backend.
 */
export interface MemoryFaults {
  /** The next `count` calls reject with `ConvError(code)`. */
  failNext(count: number, code?: ConvErrorCode): void;
  /** The next `count` calls never settle: for timeouts. */
  hangNext(count: number): void;
  /** Every push arrives twice, and this connection also hears the pushes about its own changes (a sent message comes back as a push). */
  answerTwice(on: boolean): void;
  /** The sink hears `offline` at once; calls reject with `network`; pushes wait until the connection is restored. */
  dropConnection(): void;
  /** The sink hears `online`, then the pushes that waited. */
  restoreConnection(): void;
  /** Pushes arriving within {@link OUT_OF_ORDER_WINDOW_MS} of each other are delivered newest first. */
  outOfOrder(on: boolean): void;
  /** Pushes a customer message for a conversation that does not exist. */
  pushUnknown(): void;
}

export interface MemoryAdapter extends ConversationAdapter {
  readonly agent: Agent;
  readonly backend: MemoryBackend;
  readonly faults: MemoryFaults;
  disconnect(): void;
  markRead(conversationId: string): Promise<void>;
  getFileTypePolicy(): Promise<FileTypePolicyOptions>;
  searchConversations(query: string, options?: PageOptions): Promise<Page<Conversation>>;
  listStandardResponses(): Promise<StandardResponse[]>;
  sendTyping(conversationId: string, typing: boolean): Promise<void>;
}

export const OUT_OF_ORDER_WINDOW_MS = 50;
const UPLOAD_STEPS = 5;

// ── the adapter: one connection of one agent ────────────────────────────────

type InjectedFault = { kind: 'fail'; code: ConvErrorCode } | { kind: 'hang' };

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const backend = options.backend ?? createMemoryBackend();
  const server = serverOf(backend);
  if (!server) throw new TypeError('createMemoryAdapter needs a backend made by createMemoryBackend');
  const agent = options.agent ?? DEFAULT_AGENT;
  const latencyRange = options.latencyMs ?? [20, 80];
  const random = createRandom(server.nextConnectionSeed());
  const latency = () => pickDelay(random, latencyRange);

  let sink: AdapterEventSink | undefined;
  let offline = false;
  let answeringTwice = false;
  let deliveringOutOfOrder = false;
  const pendingFaults: InjectedFault[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Pushes that arrived while the connection was down. */
  let held: AdapterEvent[] = [];
  /** Pushes collected for out-of-order delivery. */
  let batch: AdapterEvent[] = [];
  /** When the latest scheduled push arrives: pushes keep their order unless `outOfOrder` is on. */
  let lastArrival = 0;

  const later = (ms: number, task: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, ms);
    timers.add(timer);
  };

  // ── pushes ──

  const connection: Connection = {
    agent,
    get hearsOwnChanges() {
      return answeringTwice;
    },
    push(event) {
      const copies = answeringTwice ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) schedulePush(structuredClone(event));
    },
  };

  const schedulePush = (event: AdapterEvent) => {
    const now = Date.now();
    lastArrival = Math.max(now + latency(), lastArrival);
    later(lastArrival - now, () => arrive(event));
  };

  const arrive = (event: AdapterEvent) => {
    // Typing is a signal of the moment: missed while offline, it is not delivered later.
    if (offline) {
      if (event.type !== 'typing') held.push(event);
    } else if (deliveringOutOfOrder) collectOutOfOrder(event);
    else sink?.(event);
  };

  const collectOutOfOrder = (event: AdapterEvent) => {
    batch.push(event);
    if (batch.length > 1) return;
    later(OUT_OF_ORDER_WINDOW_MS, () => {
      const newestFirst = batch.reverse();
      batch = [];
      for (const late of newestFirst) sink?.(late);
    });
  };

  // ── calls ──

  const pause = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Applies the connection state and injected faults, then runs the call. */
  const guarded = <T>(run: () => Promise<T>): Promise<T> => {
    if (offline) return Promise.reject(new ConvError('network', 'No connection to the backend'));
    const fault = pendingFaults.shift();
    if (fault?.kind === 'hang') return new Promise<T>(() => {});
    if (fault?.kind === 'fail')
      return pause(latency()).then(() => Promise.reject(new ConvError(fault.code, `Injected ${fault.code} failure`)));
    return run();
  };

  /** A call that reaches the backend after the latency and answers with a copy. */
  const request = <T>(operation: () => T): Promise<T> =>
    guarded(async () => {
      await pause(latency());
      return structuredClone(operation());
    });

  const upload = (
    file: Blob,
    name: string,
    { conversationId, signal, onProgress }: UploadOptions,
  ): Promise<Attachment> =>
    guarded(async () => {
      const transfer = Math.max(latency(), 1) * 2;
      for (let step = 1; step <= UPLOAD_STEPS; step++) {
        await pause(transfer / UPLOAD_STEPS, signal);
        onProgress?.(step / UPLOAD_STEPS);
      }
      return structuredClone(await server.storeUpload(agent, file, name, conversationId, signal));
    });

  const faults: MemoryFaults = {
    failNext: (count, code = 'network') =>
      pendingFaults.push(...Array.from({ length: count }, () => ({ kind: 'fail' as const, code }))),
    hangNext: (count) => pendingFaults.push(...Array.from({ length: count }, () => ({ kind: 'hang' as const }))),
    answerTwice: (on) => void (answeringTwice = on),
    outOfOrder: (on) => void (deliveringOutOfOrder = on),
    dropConnection() {
      offline = true;
      sink?.({ type: 'connection', state: 'offline' });
    },
    restoreConnection() {
      offline = false;
      sink?.({ type: 'connection', state: 'online' });
      const waiting = held;
      held = [];
      for (const event of waiting) arrive(event);
    },
    pushUnknown() {
      const id = `unknown-${Date.now()}`;
      schedulePush({
        type: 'message',
        message: {
          id,
          clientId: id,
          conversationId: 'no-such-conversation',
          author: 'customer',
          text: 'Hello?',
          attachments: [],
          sentAt: Date.now(),
          status: 'delivered',
        },
      });
    },
  };

  return {
    agent,
    backend,
    faults,

    connect: (eventSink) =>
      request((): ConnectResult => {
        sink = eventSink;
        server.attach(connection);
        return { agent, conversations: server.snapshot(agent) };
      }),

    disconnect() {
      server.detach(connection);
      sink = undefined;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      held = [];
      batch = [];
    },

    pick: (id) => request(() => server.pick(agent, id, connection)),
    accept: (id) => request(() => server.accept(agent, id, connection)),
    reject: (id) => request(() => server.reject(agent, id, connection)),
    sendMessage: (message) => request(() => server.send(agent, message, connection)),
    uploadAttachment: upload,
    listMessages: (id, pageOptions) => request(() => server.listMessages(agent, id, pageOptions)),
    listPreviousConversations: (id, pageOptions) =>
      request(() => server.listPreviousConversations(agent, id, pageOptions)),
    listNotes: (id) => request(() => server.listNotes(agent, id)),
    addNote: (note) => request(() => server.addNote(agent, note, connection)),
    endChat: (id) => request(() => server.endChat(agent, id, connection)),
    markRead: (id) => request(() => server.markRead(agent, id, connection)),
    getFileTypePolicy: () => request(() => server.fileTypePolicy()),
    searchConversations: (query, pageOptions) => request(() => server.searchConversations(agent, query, pageOptions)),
    listStandardResponses: () => request(() => server.standardResponses()),
    sendTyping: (id, typing) => request(() => server.sendTyping(agent, id, typing)),
  };
}
