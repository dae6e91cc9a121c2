/**
 * The memory backend: one in-page "server" for the memory adapter (memory.ts). It starts with the
 * conversations its `data` option makes (none by default), keeps every change, re-checks uploads with
 * the admin's file-type policy, and can play customers who answer and walk in (`customers`).
 */
import type { AdapterEvent } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import { createFileTypePolicy } from '../core/file-policy.js';
import { page, pageLimit, readCursor, writeCursor } from '../core/paging.js';
import type { Agent, Attachment, Conversation, ConversationStatus, Message, Note } from '../core/model.js';

import {
  abortError,
  createRandom,
  endedNotice,
  pickDelay,
  previewOf,
  type Connection,
  type CustomerMessageExtras,
  type NewConversation,
  type MemoryBackend,
  type MemoryBackendOptions,
  type MemoryCustomers,
  type Random,
  type Server,
} from './memory-backend-types.js';

export * from './memory-backend-types.js';

const DEFAULT_MESSAGE_PAGE = 50;
const DEFAULT_PREVIOUS_PAGE = 5;
/** Live traffic stops adding to the Picklist beyond this, so a demo left open stays usable. */
const MAX_QUEUED = 30;

/** Without `customers`: people the backend knows nothing about, who say little. */
const QUIET_CUSTOMERS: MemoryCustomers = {
  walkIn: (id) => ({ customer: { id }, channel: 'chat' }),
  opening: () => 'Hello, can you help me?',
  reply: () => 'Thank you.',
};

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

// Keeps the server side out of the public object: only the memory adapter can reach it.
const servers = new WeakMap<MemoryBackend, Server>();

/** The server side of a backend made by `createMemoryBackend`, for the memory adapter. */
export const serverOf = (backend: MemoryBackend): Server | undefined => servers.get(backend);

const isListedFor = (conversation: Conversation, agentId: string) =>
  conversation.status === 'queued' || conversation.assigneeId === agentId;
const isReadableBy = (conversation: Conversation, agentId: string) =>
  isListedFor(conversation, agentId) || conversation.status === 'ended';

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const seed = options.seed ?? 1;
  const seededAt = options.now ?? Date.now();
  const replyDelayMs = options.replyDelayMs === undefined ? 1500 : options.replyDelayMs;
  const people = options.customers ?? QUIET_CUSTOMERS;
  // The server re-checks every upload, as the adapter contract asks of real backends.
  const filePolicy = createFileTypePolicy(options.fileTypePolicy);

  const connections = new Set<Connection>();
  const replyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let trafficTimer: ReturnType<typeof setTimeout> | undefined;
  let connectionCount = 0;

  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}-${++idCounter}`;
  let random: Random;
  let conversations: Map<string, Conversation>;
  let messages: Map<string, Message[]>;
  let notes: Map<string, Note[]>;
  let sent: Message[];
  let byClientId: Map<string, Message>;
  let uploads: Attachment[];
  let lastTime: number;

  const loadSeed = () => {
    idCounter = 0;
    random = createRandom(seed);
    const data = options.data?.({ seed, now: seededAt, nextId }) ?? { conversations: [] };
    conversations = new Map(data.conversations.map((conversation) => [conversation.id, conversation]));
    messages = groupedByConversation(data.messages ?? []);
    notes = groupedByConversation(data.notes ?? []);
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
    if (!isReadableBy(conversation, agent.id))
      throw new ConvError('forbidden', 'Another agent is handling this conversation', { conversationId: id });
    return conversation;
  };
  const requireHandling = (agent: Agent, id: string): Conversation => {
    const conversation = requireConversation(id);
    if (conversation.assigneeId !== agent.id)
      throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
    if (conversation.status !== 'active')
      throw new ConvError(
        'invalid',
        conversation.status === 'ended' ? 'The chat has ended' : 'Accept the conversation first',
        { conversationId: id },
      );
    return conversation;
  };
  const messagesOf = (id: string): Message[] => {
    let list = messages.get(id);
    if (!list) messages.set(id, (list = []));
    return list;
  };

  // ── pushes ──

  const recipients = (origin?: Connection) =>
    [...connections].filter((connection) => connection !== origin || connection.hearsOwnChanges);

  /** Tells every connection that lists the conversation now, and `conversation-removed` to those that listed it before only. */
  const announceConversation = (before: Conversation | undefined, after: Conversation, origin?: Connection) => {
    for (const connection of recipients(origin)) {
      const agentId = connection.agent.id;
      if (isListedFor(after, agentId)) connection.push({ type: 'conversation', conversation: after });
      else if (before && isListedFor(before, agentId))
        connection.push({ type: 'conversation-removed', conversationId: after.id });
    }
  };
  const announceTo = (conversation: Conversation, event: AdapterEvent, origin?: Connection) => {
    for (const connection of recipients(origin))
      if (isListedFor(conversation, connection.agent.id)) connection.push(event);
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
  const appendMessage = (
    fields: Omit<Message, 'id' | 'clientId' | 'sentAt'> & { clientId?: string },
    change: Partial<Conversation> = {},
    origin?: Connection,
  ): Message => {
    const conversation = requireConversation(fields.conversationId);
    const id = nextId('msg');
    const message: Message = { ...fields, id, clientId: fields.clientId ?? id, sentAt: tick() };
    messagesOf(conversation.id).push(message);
    announceTo(conversation, { type: 'message', message }, origin);
    const unreadCount =
      message.author === 'customer'
        ? conversation.unreadCount + 1
        : message.author === 'agent'
          ? 0
          : conversation.unreadCount;
    updateConversation(conversation.id, { ...change, unreadCount, lastMessage: previewOf(message) }, origin);
    return message;
  };

  const customerSays = (conversationId: string, text: string, extras: CustomerMessageExtras = {}): Message => {
    const conversation = requireConversation(conversationId);
    if (conversation.status === 'ended') throw new ConvError('invalid', 'The chat has ended', { conversationId });
    return appendMessage({
      conversationId,
      author: 'customer',
      authorName: conversation.customer.name,
      text,
      attachments: extras.attachments ?? [],
      location: extras.location,
      status: 'delivered',
    });
  };

  const end = (conversationId: string, by: Agent | 'customer', origin?: Connection): Conversation => {
    const conversation = requireConversation(conversationId);
    if (conversation.status === 'ended') return conversation;
    cancelReply(conversationId);
    const endedAt = tick();
    appendMessage(
      { conversationId, author: 'system', text: endedNotice(by), attachments: [], status: 'delivered' },
      { status: 'ended', endedAt },
      origin,
    );
    return requireConversation(conversationId);
  };

  const openConversation = (
    status: ConversationStatus,
    assigneeId: string | undefined,
    wanted: NewConversation,
  ): Conversation => {
    const id = wanted.id ?? nextId('conv');
    if (conversations.has(id))
      throw new ConvError('invalid', 'That conversation already exists', { conversationId: id });
    const walkIn = wanted.customer ? undefined : people.walkIn(nextId('cust'), random);
    const customer = wanted.customer ?? walkIn!.customer;
    const createdAt = tick();
    const conversation: Conversation = {
      id,
      customer,
      channel: wanted.channel ?? walkIn?.channel ?? 'chat',
      status,
      assigneeId,
      createdAt,
      updatedAt: createdAt,
      unreadCount: 0,
    };
    conversations.set(id, conversation);
    announceConversation(undefined, conversation);
    customerSays(id, wanted.text ?? people.opening(customer, random));
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
        customerSays(conversationId, people.reply(conversation.customer, random));
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
    trafficTimer = setTimeout(
      () => {
        newCustomerArrives();
        scheduleTraffic();
      },
      pickDelay(random, options.trafficEveryMs ?? [8000, 20000]),
    );
  };

  /** Mostly the Picklist; sometimes a direct offer to an agent who is online. */
  const newCustomerArrives = () => {
    const online = [...new Set([...connections].map((connection) => connection.agent.id))];
    if (online.length && random.next() < 0.3) openConversation('offered', random.pick(online), {});
    else if ([...conversations.values()].filter((conversation) => conversation.status === 'queued').length < MAX_QUEUED)
      openConversation('queued', undefined, {});
  };

  if (options.liveTraffic) scheduleTraffic();

  // ── the connection side ──

  const server: Server = {
    attach: (connection) => void connections.add(connection),
    detach: (connection) => void connections.delete(connection),
    nextConnectionSeed: () => seed * 7919 + ++connectionCount,
    fileTypePolicy: () => ({
      allowed: [...filePolicy.allowed],
      maxBytes: filePolicy.maxBytes,
      maxPixels: filePolicy.maxPixels,
    }),

    snapshot: (agent) => [...conversations.values()].filter((conversation) => isListedFor(conversation, agent.id)),

    pick(agent, id, origin) {
      const conversation = requireConversation(id);
      // The agent's other device picked it a moment ago: the same outcome, not a conflict.
      if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
      if (conversation.status !== 'queued')
        throw new ConvError('conflict', 'Another agent picked this conversation first', { conversationId: id });
      return updateConversation(id, { status: 'active', assigneeId: agent.id }, origin);
    },

    accept(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
      if (conversation.status !== 'offered')
        throw new ConvError('conflict', 'The offer was withdrawn', { conversationId: id });
      if (conversation.assigneeId !== agent.id)
        throw new ConvError('forbidden', 'This conversation was offered to another agent', { conversationId: id });
      return updateConversation(id, { status: 'active' }, origin);
    },

    reject(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.status !== 'offered' || conversation.assigneeId !== agent.id)
        throw new ConvError('conflict', 'This conversation is no longer offered to you', { conversationId: id });
      // Declined offers go back to the Picklist, where any agent may pick them.
      updateConversation(id, { status: 'queued', assigneeId: undefined }, origin);
    },

    send(agent, outgoing, origin) {
      const repeated = byClientId.get(outgoing.clientId);
      if (repeated) return repeated;
      requireHandling(agent, outgoing.conversationId);
      if (!outgoing.text.trim() && outgoing.attachments.length === 0 && !outgoing.location)
        throw new ConvError('invalid', 'The message is empty');
      const message = appendMessage(
        {
          clientId: outgoing.clientId,
          conversationId: outgoing.conversationId,
          author: 'agent',
          authorName: agent.name,
          text: outgoing.text,
          attachments: outgoing.attachments,
          location: outgoing.location,
          status: 'sent',
        },
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
      const attachment: Attachment = {
        id: nextId('file'),
        name,
        mimeType: verdict.mimeType,
        size: file.size,
        url,
        width: verdict.width,
        height: verdict.height,
      };
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
        .filter(
          (other) =>
            other.customer.id === current.customer.id &&
            other.id !== id &&
            other.status === 'ended' &&
            other.createdAt < current.createdAt,
        )
        .sort((x, y) => y.endedAt! - x.endedAt! || y.createdAt - x.createdAt);
      const limit = pageLimit(pageOptions.limit, DEFAULT_PREVIOUS_PAGE);
      // Only conversations begun before this one count, so new chats never shift what a cursor points at.
      const start = pageOptions.cursor === undefined ? 0 : readCursor(pageOptions.cursor, id, 'previous');
      const items = earlier
        .slice(start, start + limit)
        .map((conversation) => ({ conversation, messages: messagesOf(conversation.id) }));
      return page(items, start + limit < earlier.length ? writeCursor(id, 'previous', start + limit) : undefined);
    },

    listNotes(agent, id) {
      requireReadable(agent, id);
      return notes.get(id) ?? [];
    },

    addNote(agent, id, text, origin) {
      const conversation = requireReadable(agent, id);
      if (!text.trim()) throw new ConvError('invalid', 'The note is empty');
      const note: Note = {
        id: nextId('note'),
        conversationId: id,
        author: { id: agent.id, name: agent.name },
        text: text.trim(),
        createdAt: tick(),
      };
      notes.set(id, [...(notes.get(id) ?? []), note]);
      announceTo(conversation, { type: 'note', note }, origin);
      return note;
    },

    endChat(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.assigneeId !== agent.id)
        throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
      if (conversation.status === 'offered')
        throw new ConvError('invalid', 'Accept the conversation first', { conversationId: id });
      return end(id, agent, origin);
    },
  };

  const backend: MemoryBackend = {
    customerSays: (conversationId, text, extras) => structuredClone(customerSays(conversationId, text, extras)),
    queueConversation: (conversation = {}) => structuredClone(openConversation('queued', undefined, conversation)),
    offerConversation: (agentId, conversation = {}) =>
      structuredClone(openConversation('offered', agentId, conversation)),
    endByCustomer: (conversationId) => structuredClone(end(conversationId, 'customer')),
    conversations: () => structuredClone([...conversations.values()]),
    messages: (conversationId) => structuredClone(messagesOf(requireConversation(conversationId).id)),
    notes: (conversationId) => structuredClone(notes.get(requireConversation(conversationId).id) ?? []),
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

function groupedByConversation<T extends { conversationId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.conversationId);
    if (group) group.push(item);
    else groups.set(item.conversationId, [item]);
  }
  return groups;
}
