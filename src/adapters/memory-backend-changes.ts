/**
 * How the memory backend's records change: conversations open, update and end, messages are added,
 * and the scripted customers answer an agent and read what the agent wrote. Every change is pushed
 * to the connections that list the conversation.
 */
import { ConvError } from '../core/errors.js';
import type { Agent, Conversation, ConversationStatus, Message } from '../core/model.js';

import type { BackendState } from './memory-backend-state.js';
import {
  endedNotice,
  previewOf,
  unreadCountAfter,
  type Connection,
  type CustomerMessageExtras,
  type MemoryBackendOptions,
  type MemoryCustomers,
  type NewConversation,
} from './memory-backend-types.js';

/** Without `customers`: people the backend knows nothing about, who say little. */
const QUIET_CUSTOMERS: MemoryCustomers = {
  walkIn: (id) => ({ customer: { id }, channel: 'chat' }),
  opening: () => 'Hello, can you help me?',
  reply: () => 'Thank you.',
};

export type BackendChanges = ReturnType<typeof createBackendChanges>;

export function createBackendChanges(state: BackendState, options: MemoryBackendOptions) {
  const { requireConversation, messagesOf, announceConversation, announceTo, nextId, tick } = state;
  const replyDelayMs = options.replyDelayMs === undefined ? 1500 : options.replyDelayMs;
  const people = options.customers ?? QUIET_CUSTOMERS;
  const replyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const offerTimeoutMs = options.offerTimeoutMs ?? 60_000;
  const offerTimers = new Set<ReturnType<typeof setTimeout>>();

  /** Applies `change`; a field it sets to `undefined` is removed. */
  const updateConversation = (id: string, change: Partial<Conversation>, origin?: Connection): Conversation => {
    const before = requireConversation(id);
    const after: Conversation = { ...before, ...change, updatedAt: tick() };
    for (const key of Object.keys(change) as (keyof Conversation)[]) if (change[key] === undefined) delete after[key];
    state.conversations.set(id, after);
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
    updateConversation(
      conversation.id,
      { ...change, unreadCount: unreadCountAfter(conversation, message), lastMessage: previewOf(message) },
      origin,
    );
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
      { conversationId, author: 'system', ...endedNotice(by), attachments: [], status: 'delivered' },
      { status: 'ended', endedAt },
      origin,
    );
    return requireConversation(conversationId);
  };

  /** An offer still unanswered at its `offerExpiresAt` goes back to the Picklist. */
  const expireOffer = (conversation: Conversation) => {
    const { id, offerExpiresAt } = conversation;
    if (conversation.status !== 'offered' || offerExpiresAt === undefined) return;
    const timer = setTimeout(
      () => {
        offerTimers.delete(timer);
        const current = state.conversations.get(id);
        if (current?.status === 'offered' && current.offerExpiresAt === offerExpiresAt)
          updateConversation(id, { status: 'queued', assigneeId: undefined, offerExpiresAt: undefined });
      },
      Math.max(0, offerExpiresAt - Date.now()),
    );
    offerTimers.add(timer);
  };

  /** The names customers of this backend have: a walk-in gets another. */
  const takenNames = () =>
    new Set([...state.conversations.values()].flatMap(({ customer }) => (customer.name ? [customer.name] : [])));

  const openConversation = (
    status: ConversationStatus,
    assigneeId: string | undefined,
    wanted: NewConversation,
  ): Conversation => {
    const id = wanted.id ?? nextId('conv');
    if (state.conversations.has(id))
      throw new ConvError('invalid', 'That conversation already exists', { conversationId: id });
    const walkIn = wanted.customer ? undefined : people.walkIn(nextId('cust'), state.random, takenNames());
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
    const timeout = wanted.offerTimeoutMs ?? offerTimeoutMs;
    if (status === 'offered' && timeout) conversation.offerExpiresAt = createdAt + timeout;
    state.conversations.set(id, conversation);
    announceConversation(undefined, conversation);
    expireOffer(conversation);
    customerSays(id, wanted.text ?? people.opening(customer, state.random));
    return requireConversation(id);
  };

  // ── scripted customers ──

  const cancelReply = (conversationId: string) => {
    clearTimeout(replyTimers.get(conversationId));
    replyTimers.delete(conversationId);
    clearTimeout(typingTimers.get(conversationId));
    typingTimers.delete(conversationId);
  };

  /** The customer answers once after the agent's last message in a burst, as people do. */
  const scheduleReply = (conversationId: string) => {
    if (!replyDelayMs) return;
    cancelReply(conversationId);
    // The customer reads for a third of the wait and types for the rest; their message ends the typing.
    typingTimers.set(
      conversationId,
      setTimeout(() => {
        typingTimers.delete(conversationId);
        const conversation = state.conversations.get(conversationId);
        if (conversation?.status === 'active')
          announceTo(conversation, { type: 'typing', conversationId, typing: true });
      }, replyDelayMs / 3),
    );
    replyTimers.set(
      conversationId,
      setTimeout(() => {
        replyTimers.delete(conversationId);
        const conversation = state.conversations.get(conversationId);
        if (conversation?.status !== 'active') return;
        customerReadsEverything(conversation);
        customerSays(conversationId, people.reply(conversation.customer, state.random));
      }, replyDelayMs),
    );
  };

  const customerReadsEverything = (conversation: Conversation) => {
    const list = messagesOf(conversation.id);
    list.forEach((message, index) => {
      if (message.author !== 'agent' || message.status === 'read') return;
      const read: Message = { ...message, status: 'read' };
      list[index] = read;
      if (state.byClientId.has(read.clientId)) state.byClientId.set(read.clientId, read);
      announceTo(conversation, { type: 'message', message: read });
    });
  };

  return {
    updateConversation,
    appendMessage,
    customerSays,
    end,
    openConversation,
    scheduleReply,
    expireOffer,
    /** No customer answers what was written before, and no offer made before expires. */
    cancelTimers() {
      for (const conversationId of [...replyTimers.keys()]) cancelReply(conversationId);
      for (const timer of offerTimers) clearTimeout(timer);
      offerTimers.clear();
    },
  };
}
