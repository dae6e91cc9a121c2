/**
 * The memory adapter: conv-kit's embedded backend, for the demo and for tests.
 *
 * `createMemoryBackend()` is one "server": seeded conversations (memory-seed.ts), scripted customers
 * who answer, and optional live traffic. `createMemoryAdapter({ backend, agent })` is one connection
 * of one agent to it and implements the whole `ConversationAdapter` contract. Two adapters of the
 * same agent are that agent's desktop and phone: what one does is pushed to the other. Adapters of
 * different agents compete: the first pick wins, the second gets `conflict`.
 *
 * Who sees what:
 * - a conversation is *listed* for an agent (in the snapshot, and pushed) when it is queued, or
 *   offered to, handled by or ended by that agent;
 * - it is *readable* (messages, notes, earlier conversations) when listed, or ended by anyone:
 *   notes belong to the conversation, not to the agent who wrote them;
 * - only the assigned agent may write in, upload to or end an active conversation.
 */
import type { AdapterEvent, AdapterEventSink, ConnectResult, ConversationAdapter, OutgoingMessage, PageOptions, UploadOptions } from '../core/adapter.js';
import { ConvError, type ConvErrorCode } from '../core/errors.js';
import { createFileTypePolicy, type FileTypePolicyOptions } from '../core/file-policy.js';
import { page, pageLimit, readCursor, writeCursor } from '../core/paging.js';
import type { Agent, Attachment, Conversation, ConversationStatus, Customer, GeoLocation, Message, Note, Page, PreviousConversation } from '../core/model.js';
import { createRandom, createSeedWorld, customerReply, DEFAULT_AGENT, endedNotice, openingLine, previewOf, walkInCustomer, type Language, type Random, type SeedWorld } from './memory-seed.js';

export { COLLEAGUE_AGENT, DEFAULT_AGENT } from './memory-seed.js';

// ── public types ────────────────────────────────────────────────────────────

/** A number of milliseconds, or a `[min, max]` range to pick from each time. */
export type MemoryDelay = number | readonly [number, number];

export interface MemoryBackendOptions {
  /** Seeds the data and every random choice. Default 1. */
  seed?: number;
  /** The moment the seeded timestamps are relative to. Default: `Date.now()`. */
  now?: number;
  /** How long a scripted customer takes to answer an agent; `0` or `false`: customers stay quiet. Default 1500. */
  replyDelayMs?: number | false;
  /** New customers arrive now and then, queued or offered to a connected agent. Default false. */
  liveTraffic?: boolean;
  /** Time between two new customers when `liveTraffic` is on. Default 8–20 s. */
  trafficEveryMs?: MemoryDelay;
  /** The admin's file types: served by `getFileTypePolicy` and enforced on upload with conv-kit's own file-type policy. Default: the policy's defaults. */
  fileTypePolicy?: FileTypePolicyOptions;
}

/** What a test or the demo may say about a new conversation; everything else is made up. */
export interface NewConversation {
  id?: string;
  customer?: Customer;
  channel?: string;
  /** The customer's first message. Default: a typical opening in the customer's language. */
  text?: string;
}

export interface CustomerMessageExtras {
  attachments?: Attachment[];
  location?: GeoLocation;
}

/** The backend's controls for tests and the demo. Every read returns a copy. */
export interface MemoryBackend {
  /** A customer writes in a conversation that has not ended. */
  customerSays(conversationId: string, text: string, extras?: CustomerMessageExtras): Message;
  /** A new customer waits in the Picklist. */
  queueConversation(conversation?: NewConversation): Conversation;
  /** A new customer is offered to one agent. */
  offerConversation(agentId: string, conversation?: NewConversation): Conversation;
  /** The customer leaves; ending an ended conversation changes nothing. */
  endByCustomer(conversationId: string): Conversation;
  /** Every conversation of every agent. */
  conversations(): Conversation[];
  /** Oldest first. */
  messages(conversationId: string): Message[];
  /** Oldest first. */
  notes(conversationId: string): Note[];
  /** Every message agents sent (not the seeded ones), in the order the backend stored them. */
  sentMessages(): Message[];
  /** Every finished upload. */
  uploads(): Attachment[];
  /** Back to the seeded data. Connections stay open; they see the seeded data after reconnecting. */
  reset(): void;
  /** Stops scripted replies and live traffic. */
  dispose(): void;
}

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
  getFileTypePolicy(): Promise<FileTypePolicyOptions>;
}

export const OUT_OF_ORDER_WINDOW_MS = 50;
const DEFAULT_MESSAGE_PAGE = 50;
const DEFAULT_PREVIOUS_PAGE = 5;
/** Live traffic stops adding to the Picklist beyond this, so a demo left open stays usable. */
const MAX_QUEUED = 30;
const UPLOAD_STEPS = 5;

/**
 * Uploaded files come back as data: URLs: an in-page backend has no http address, and unlike blob:
 * URLs they can be drawn without loading anything (conv-kit draws them under a strict CSP).
 */
async function dataUrlOf(file: Blob, mimeType: string): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mimeType};base64,${btoa(binary)}`;
}

// ── the backend ─────────────────────────────────────────────────────────────

/** One connection as the backend sees it. */
interface Connection {
  readonly agent: Agent;
  /** With `answerTwice`, a connection also hears about its own changes. */
  readonly hearsOwnChanges: boolean;
  push(event: AdapterEvent): void;
}

/** What a connection may ask of the backend: the adapter contract, with who is asking. */
interface Server {
  attach(connection: Connection): void;
  detach(connection: Connection): void;
  snapshot(agent: Agent): Conversation[];
  pick(agent: Agent, conversationId: string, origin: Connection): Conversation;
  accept(agent: Agent, conversationId: string, origin: Connection): Conversation;
  reject(agent: Agent, conversationId: string, origin: Connection): void;
  send(agent: Agent, message: OutgoingMessage, origin: Connection): Message;
  /** Checks the file with the admin's policy and keeps it, unless `signal` aborted meanwhile. */
  storeUpload(agent: Agent, file: Blob, name: string, conversationId: string, signal?: AbortSignal): Promise<Attachment>;
  listMessages(agent: Agent, conversationId: string, options?: PageOptions): Page<Message>;
  listPreviousConversations(agent: Agent, conversationId: string, options?: PageOptions): Page<PreviousConversation>;
  listNotes(agent: Agent, conversationId: string): Note[];
  addNote(agent: Agent, conversationId: string, text: string, origin: Connection): Note;
  endChat(agent: Agent, conversationId: string, origin: Connection): Conversation;
  fileTypePolicy(): FileTypePolicyOptions;
  /** A seed for a new connection's own random choices (latency), so runs repeat. */
  nextConnectionSeed(): number;
}

// Keeps the server side out of the public object: only adapters made here can reach it.
const servers = new WeakMap<MemoryBackend, Server>();

const isListedFor = (conversation: Conversation, agentId: string) => conversation.status === 'queued' || conversation.assigneeId === agentId;
const isReadableBy = (conversation: Conversation, agentId: string) => isListedFor(conversation, agentId) || conversation.status === 'ended';

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const seed = options.seed ?? 1;
  const seededAt = options.now ?? Date.now();
  const replyDelayMs = options.replyDelayMs === undefined ? 1500 : options.replyDelayMs;
  // The server re-checks every upload, as the adapter contract asks of real backends.
  const filePolicy = createFileTypePolicy(options.fileTypePolicy);

  const connections = new Set<Connection>();
  const replyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let trafficTimer: ReturnType<typeof setTimeout> | undefined;
  let connectionCount = 0;

  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}-${++idCounter}`;
  let random: Random;
  let world: SeedWorld;
  let conversations: Map<string, Conversation>;
  let sent: Message[];
  let byClientId: Map<string, Message>;
  let uploads: Attachment[];
  let lastTime: number;

  const loadSeed = () => {
    idCounter = 0;
    random = createRandom(seed);
    world = createSeedWorld({ seed, now: seededAt, nextId });
    conversations = new Map(world.conversations.map((conversation) => [conversation.id, conversation]));
    sent = [];
    byClientId = new Map();
    uploads = [];
    lastTime = seededAt;
  };
  loadSeed();

  /** Now, but never earlier than the last time handed out: `updatedAt` only grows, which the store relies on. */
  const tick = () => (lastTime = Math.max(Date.now(), lastTime + 1));

  // ── lookups and permissions ──

  const requireConversation = (id: string): Conversation => {
    const conversation = conversations.get(id);
    if (!conversation) throw new ConvError('invalid', 'There is no such conversation', { conversationId: id });
    return conversation;
  };
  const requireReadable = (agent: Agent, id: string): Conversation => {
    const conversation = requireConversation(id);
    if (!isReadableBy(conversation, agent.id)) throw new ConvError('forbidden', 'Another agent is handling this conversation', { conversationId: id });
    return conversation;
  };
  const requireHandling = (agent: Agent, id: string): Conversation => {
    const conversation = requireConversation(id);
    if (conversation.assigneeId !== agent.id) throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
    if (conversation.status !== 'active') throw new ConvError('invalid', conversation.status === 'ended' ? 'The chat has ended' : 'Accept the conversation first', { conversationId: id });
    return conversation;
  };
  const messagesOf = (id: string): Message[] => {
    let list = world.messages.get(id);
    if (!list) world.messages.set(id, (list = []));
    return list;
  };
  const languageOf = (customer: Customer): Language => world.languages.get(customer.id) ?? 'en';

  // ── pushes ──

  const recipients = (origin?: Connection) => [...connections].filter((connection) => connection !== origin || connection.hearsOwnChanges);

  /** Tells every connection that lists the conversation now, and `conversation-removed` to those that listed it before only. */
  const announceConversation = (before: Conversation | undefined, after: Conversation, origin?: Connection) => {
    for (const connection of recipients(origin)) {
      const agentId = connection.agent.id;
      if (isListedFor(after, agentId)) connection.push({ type: 'conversation', conversation: after });
      else if (before && isListedFor(before, agentId)) connection.push({ type: 'conversation-removed', conversationId: after.id });
    }
  };
  const announceTo = (conversation: Conversation, event: AdapterEvent, origin?: Connection) => {
    for (const connection of recipients(origin)) if (isListedFor(conversation, connection.agent.id)) connection.push(event);
  };

  // ── changes ──

  const updateConversation = (id: string, change: Partial<Conversation>, origin?: Connection): Conversation => {
    const before = requireConversation(id);
    const after: Conversation = { ...before, ...change, updatedAt: tick() };
    conversations.set(id, after);
    announceConversation(before, after, origin);
    return after;
  };

  /**
   * Stores a message and updates its conversation (preview, unread count, plus `change`).
   * The message is pushed before the conversation, so a store that counts unread messages itself
   * ends up with the backend's count.
   */
  const appendMessage = (fields: Omit<Message, 'id' | 'clientId' | 'sentAt'> & { clientId?: string }, change: Partial<Conversation> = {}, origin?: Connection): Message => {
    const conversation = requireConversation(fields.conversationId);
    const id = nextId('msg');
    const message: Message = { ...fields, id, clientId: fields.clientId ?? id, sentAt: tick() };
    messagesOf(conversation.id).push(message);
    announceTo(conversation, { type: 'message', message }, origin);
    const unreadCount = message.author === 'customer' ? conversation.unreadCount + 1 : message.author === 'agent' ? 0 : conversation.unreadCount;
    updateConversation(conversation.id, { ...change, unreadCount, lastMessage: previewOf(message) }, origin);
    return message;
  };

  const customerSays = (conversationId: string, text: string, extras: CustomerMessageExtras = {}): Message => {
    const conversation = requireConversation(conversationId);
    if (conversation.status === 'ended') throw new ConvError('invalid', 'The chat has ended', { conversationId });
    return appendMessage({ conversationId, author: 'customer', authorName: conversation.customer.name, text, attachments: extras.attachments ?? [], location: extras.location, status: 'delivered' });
  };

  const end = (conversationId: string, by: Agent | 'customer', origin?: Connection): Conversation => {
    const conversation = requireConversation(conversationId);
    if (conversation.status === 'ended') return conversation;
    cancelReply(conversationId);
    const endedAt = tick();
    appendMessage({ conversationId, author: 'system', text: endedNotice(by), attachments: [], status: 'delivered' }, { status: 'ended', endedAt }, origin);
    return requireConversation(conversationId);
  };

  const openConversation = (status: ConversationStatus, assigneeId: string | undefined, wanted: NewConversation): Conversation => {
    const id = wanted.id ?? nextId('conv');
    if (conversations.has(id)) throw new ConvError('invalid', 'That conversation already exists', { conversationId: id });
    const walkIn = wanted.customer ? undefined : walkInCustomer(random, nextId('cust'));
    const customer = wanted.customer ?? walkIn!.customer;
    if (walkIn) world.languages.set(customer.id, walkIn.language);
    const createdAt = tick();
    const conversation: Conversation = { id, customer, channel: wanted.channel ?? walkIn?.channel ?? 'chat', status, assigneeId, createdAt, updatedAt: createdAt, unreadCount: 0 };
    conversations.set(id, conversation);
    announceConversation(undefined, conversation);
    customerSays(id, wanted.text ?? openingLine(languageOf(customer), random));
    return requireConversation(id);
  };

  // ── scripted customers ──

  const cancelReply = (conversationId: string) => {
    clearTimeout(replyTimers.get(conversationId));
    replyTimers.delete(conversationId);
  };

  /** The customer answers once after the agent's last message in a burst, as people do. */
  const scheduleReply = (conversationId: string) => {
    if (!replyDelayMs) return;
    cancelReply(conversationId);
    replyTimers.set(
      conversationId,
      setTimeout(() => {
        replyTimers.delete(conversationId);
        const conversation = conversations.get(conversationId);
        if (conversation?.status !== 'active') return;
        customerReadsEverything(conversation);
        customerSays(conversationId, customerReply(languageOf(conversation.customer), random));
      }, replyDelayMs),
    );
  };

  const customerReadsEverything = (conversation: Conversation) => {
    const list = messagesOf(conversation.id);
    list.forEach((message, index) => {
      if (message.author !== 'agent' || message.status === 'read') return;
      const read: Message = { ...message, status: 'read' };
      list[index] = read;
      if (byClientId.has(read.clientId)) byClientId.set(read.clientId, read);
      announceTo(conversation, { type: 'message', message: read });
    });
  };

  // ── live traffic ──

  const scheduleTraffic = () => {
    trafficTimer = setTimeout(() => {
      newCustomerArrives();
      scheduleTraffic();
    }, pickDelay(random, options.trafficEveryMs ?? [8000, 20000]));
  };

  /** Mostly the Picklist; sometimes a direct offer to an agent who is online. */
  const newCustomerArrives = () => {
    const online = [...new Set([...connections].map((connection) => connection.agent.id))];
    if (online.length && random.next() < 0.3) openConversation('offered', random.pick(online), {});
    else if ([...conversations.values()].filter((conversation) => conversation.status === 'queued').length < MAX_QUEUED) openConversation('queued', undefined, {});
  };

  if (options.liveTraffic) scheduleTraffic();

  // ── the connection side ──

  const server: Server = {
    attach: (connection) => void connections.add(connection),
    detach: (connection) => void connections.delete(connection),
    nextConnectionSeed: () => seed * 7919 + ++connectionCount,
    fileTypePolicy: () => ({ allowed: [...filePolicy.allowed], maxBytes: filePolicy.maxBytes, maxPixels: filePolicy.maxPixels }),

    snapshot: (agent) => [...conversations.values()].filter((conversation) => isListedFor(conversation, agent.id)),

    pick(agent, id, origin) {
      const conversation = requireConversation(id);
      // The agent's other device picked it a moment ago: the same outcome, not a conflict.
      if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
      if (conversation.status !== 'queued') throw new ConvError('conflict', 'Another agent picked this conversation first', { conversationId: id });
      return updateConversation(id, { status: 'active', assigneeId: agent.id }, origin);
    },

    accept(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
      if (conversation.status !== 'offered') throw new ConvError('conflict', 'The offer was withdrawn', { conversationId: id });
      if (conversation.assigneeId !== agent.id) throw new ConvError('forbidden', 'This conversation was offered to another agent', { conversationId: id });
      return updateConversation(id, { status: 'active' }, origin);
    },

    reject(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.status !== 'offered' || conversation.assigneeId !== agent.id) throw new ConvError('conflict', 'This conversation is no longer offered to you', { conversationId: id });
      // Declined offers go back to the Picklist, where any agent may pick them.
      updateConversation(id, { status: 'queued', assigneeId: undefined }, origin);
    },

    send(agent, outgoing, origin) {
      const repeated = byClientId.get(outgoing.clientId);
      if (repeated) return repeated;
      requireHandling(agent, outgoing.conversationId);
      if (!outgoing.text.trim() && outgoing.attachments.length === 0 && !outgoing.location) throw new ConvError('invalid', 'The message is empty');
      const message = appendMessage(
        { clientId: outgoing.clientId, conversationId: outgoing.conversationId, author: 'agent', authorName: agent.name, text: outgoing.text, attachments: outgoing.attachments, location: outgoing.location, status: 'sent' },
        {},
        origin,
      );
      sent.push(message);
      byClientId.set(message.clientId, message);
      scheduleReply(outgoing.conversationId);
      return message;
    },

    async storeUpload(agent, file, name, conversationId, signal) {
      requireHandling(agent, conversationId);
      const verdict = await filePolicy.check(Object.assign(file.slice(0, file.size, file.type), { name }));
      if (!verdict.ok) throw new ConvError('invalid', verdict.message, { reason: verdict.reason, fileName: name });
      const url = await dataUrlOf(file, verdict.mimeType);
      if (signal?.aborted) throw abortError();
      const attachment: Attachment = { id: nextId('file'), name, mimeType: verdict.mimeType, size: file.size, url, width: verdict.width, height: verdict.height };
      uploads.push(attachment);
      return attachment;
    },

    listMessages(agent, id, pageOptions = {}) {
      requireReadable(agent, id);
      const all = messagesOf(id);
      const limit = pageLimit(pageOptions.limit, DEFAULT_MESSAGE_PAGE);
      // Messages are only ever appended, so a position counted from the oldest stays valid.
      const end = pageOptions.cursor === undefined ? all.length : readCursor(pageOptions.cursor, id, 'messages');
      const start = Math.max(0, end - limit);
      return page(all.slice(start, end), start > 0 ? writeCursor(id, 'messages', start) : undefined);
    },

    listPreviousConversations(agent, id, pageOptions = {}) {
      const current = requireReadable(agent, id);
      const earlier = [...conversations.values()]
        .filter((other) => other.customer.id === current.customer.id && other.id !== id && other.status === 'ended' && other.createdAt < current.createdAt)
        .sort((x, y) => y.endedAt! - x.endedAt! || y.createdAt - x.createdAt);
      const limit = pageLimit(pageOptions.limit, DEFAULT_PREVIOUS_PAGE);
      // Only conversations begun before this one count, so new chats never shift what a cursor points at.
      const start = pageOptions.cursor === undefined ? 0 : readCursor(pageOptions.cursor, id, 'previous');
      const items = earlier.slice(start, start + limit).map((conversation) => ({ conversation, messages: messagesOf(conversation.id) }));
      return page(items, start + limit < earlier.length ? writeCursor(id, 'previous', start + limit) : undefined);
    },

    listNotes(agent, id) {
      requireReadable(agent, id);
      return world.notes.get(id) ?? [];
    },

    addNote(agent, id, text, origin) {
      const conversation = requireReadable(agent, id);
      if (!text.trim()) throw new ConvError('invalid', 'The note is empty');
      const note: Note = { id: nextId('note'), conversationId: id, author: { id: agent.id, name: agent.name }, text: text.trim(), createdAt: tick() };
      world.notes.set(id, [...(world.notes.get(id) ?? []), note]);
      announceTo(conversation, { type: 'note', note }, origin);
      return note;
    },

    endChat(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.assigneeId !== agent.id) throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
      if (conversation.status === 'offered') throw new ConvError('invalid', 'Accept the conversation first', { conversationId: id });
      return end(id, agent, origin);
    },
  };

  const backend: MemoryBackend = {
    customerSays: (conversationId, text, extras) => structuredClone(customerSays(conversationId, text, extras)),
    queueConversation: (conversation = {}) => structuredClone(openConversation('queued', undefined, conversation)),
    offerConversation: (agentId, conversation = {}) => structuredClone(openConversation('offered', agentId, conversation)),
    endByCustomer: (conversationId) => structuredClone(end(conversationId, 'customer')),
    conversations: () => structuredClone([...conversations.values()]),
    messages: (conversationId) => structuredClone(messagesOf(requireConversation(conversationId).id)),
    notes: (conversationId) => structuredClone(world.notes.get(requireConversation(conversationId).id) ?? []),
    sentMessages: () => structuredClone(sent),
    uploads: () => structuredClone(uploads),
    reset() {
      for (const conversationId of [...replyTimers.keys()]) cancelReply(conversationId);
      for (const upload of uploads) URL.revokeObjectURL(upload.url);
      loadSeed();
    },
    dispose() {
      for (const conversationId of [...replyTimers.keys()]) cancelReply(conversationId);
      clearTimeout(trafficTimer);
    },
  };
  servers.set(backend, server);
  return backend;
}

// ── helpers of the backend ──

function pickDelay(random: Random, delay: MemoryDelay): number {
  return typeof delay === 'number' ? delay : random.int(delay[0], delay[1]);
}






// ── the adapter: one connection of one agent ────────────────────────────────

type InjectedFault = { kind: 'fail'; code: ConvErrorCode } | { kind: 'hang' };

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const backend = options.backend ?? createMemoryBackend();
  const server = servers.get(backend);
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
    if (offline) held.push(event);
    else if (deliveringOutOfOrder) collectOutOfOrder(event);
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
    if (fault?.kind === 'fail') return pause(latency()).then(() => Promise.reject(new ConvError(fault.code, `Injected ${fault.code} failure`)));
    return run();
  };

  /** A call that reaches the backend after the latency and answers with a copy. */
  const request = <T>(operation: () => T): Promise<T> =>
    guarded(async () => {
      await pause(latency());
      return structuredClone(operation());
    });

  const upload = (file: Blob, name: string, { conversationId, signal, onProgress }: UploadOptions): Promise<Attachment> =>
    guarded(async () => {
      const transfer = Math.max(latency(), 1) * 2;
      for (let step = 1; step <= UPLOAD_STEPS; step++) {
        await pause(transfer / UPLOAD_STEPS, signal);
        onProgress?.(step / UPLOAD_STEPS);
      }
      return structuredClone(await server.storeUpload(agent, file, name, conversationId, signal));
    });

  const faults: MemoryFaults = {
    failNext: (count, code = 'network') => pendingFaults.push(...Array.from({ length: count }, () => ({ kind: 'fail' as const, code }))),
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
      schedulePush({ type: 'message', message: { id, clientId: id, conversationId: 'no-such-conversation', author: 'customer', text: 'Hello?', attachments: [], sentAt: Date.now(), status: 'delivered' } });
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
    listPreviousConversations: (id, pageOptions) => request(() => server.listPreviousConversations(agent, id, pageOptions)),
    listNotes: (id) => request(() => server.listNotes(agent, id)),
    addNote: (id, text) => request(() => server.addNote(agent, id, text, connection)),
    endChat: (id) => request(() => server.endChat(agent, id, connection)),
    getFileTypePolicy: () => request(() => server.fileTypePolicy()),
  };
}

function abortError(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError');
}
