/**
 * Messages per conversation: pages loaded from the backend, pushes, and the agent's own messages
 * shown from the outbox until the backend confirms them. Also the customer's earlier conversations.
 */
import type { Attachment, Message } from '../model.js';
import type { OutboxEntry } from '../outbox.js';
import { DELIVERY_ORDER, EMPTY_MESSAGES, EMPTY_PREVIOUS, type StoreContext } from './context.js';
import type { Lists } from './lists.js';
import type { MessagesState } from './types.js';

/** The agent's own message the backend has not confirmed yet: its time is this device's, not the backend's. */
const unconfirmed = (message: Message) => DELIVERY_ORDER[message.status] < DELIVERY_ORDER.sent;

/**
 * What the backend confirmed, by its time (equal times keep the order they arrived in), then the agent's
 * unconfirmed messages in the order written. The two clocks are never compared: a burst of messages keeps
 * its order while each confirmation replaces a local time with the backend's, which is later.
 */
function insertMessage(items: readonly Message[], message: Message): Message[] {
  const next = items.slice();
  let index = next.length;
  // The agent's own unconfirmed messages are shown in the order written: at the end, as each is written.
  if (!unconfirmed(message))
    while (index > 0 && (unconfirmed(next[index - 1]!) || next[index - 1]!.sentAt > message.sentAt)) index--;
  next.splice(index, 0, message);
  return next;
}

/** `items` with the message at `index` replaced; moved when its place changed (confirmed, or a new time). */
function replaceMessage(items: readonly Message[], index: number, message: Message): Message[] {
  const old = items[index]!;
  if (unconfirmed(old) === unconfirmed(message) && old.sentAt === message.sentAt)
    return items.map((m, i) => (i === index ? message : m));
  return insertMessage(
    items.filter((_, i) => i !== index),
    message,
  );
}

function mergeMessage(existing: Message, incoming: Message): Message {
  // Delivery only moves forward; a late `sent` push must not undo `read`. A local failure is replaced by the backend's truth.
  const status =
    existing.status !== 'failed' && DELIVERY_ORDER[existing.status] > DELIVERY_ORDER[incoming.status]
      ? existing.status
      : incoming.status;
  const attachments = incoming.attachments.length ? incoming.attachments : existing.attachments;
  return { ...existing, ...incoming, attachments, status };
}

/** What a list item shows of the latest message. */
function previewOf(message: Message): string {
  if (message.text.trim()) return message.text.trim().slice(0, 140);
  if (message.location) return '📍';
  if (message.attachments.length) return '📷';
  return '';
}

export type Messages = ReturnType<typeof createMessages>;

export function createMessages(context: StoreContext, lists: Lists) {
  const { messages, previous } = context;

  const put = (conversationId: string, state: MessagesState) => {
    messages.set(conversationId, state);
    context.emit(`messages:${conversationId}`);
  };

  return {
    put,

    receive(incoming: Message, fromPush: boolean) {
      const conversation = context.conversations.get(incoming.conversationId);
      if (!conversation) return; // a push for a conversation this agent cannot see: nothing to show
      const state = messages.get(incoming.conversationId) ?? EMPTY_MESSAGES;
      const index = state.items.findIndex(
        (m) => m.clientId === incoming.clientId || (m.id != null && m.id === incoming.id),
      );
      const items =
        index === -1
          ? insertMessage(state.items, incoming)
          : replaceMessage(state.items, index, mergeMessage(state.items[index]!, incoming));
      put(incoming.conversationId, { ...state, items });
      if (index === -1 && fromPush && (!conversation.lastMessage || conversation.lastMessage.at <= incoming.sentAt)) {
        const unread =
          incoming.author === 'customer' && !context.viewing.has(conversation.id)
            ? conversation.unreadCount + 1
            : conversation.unreadCount;
        lists.put({
          ...conversation,
          unreadCount: unread,
          lastMessage: { text: previewOf(incoming), author: incoming.author, at: incoming.sentAt },
        });
      }
    },

    /** Shows an outbox entry as the agent's message: pending, sending or failed. */
    showOutboxEntry(entry: OutboxEntry) {
      const status = entry.state === 'failed' ? 'failed' : entry.state === 'sending' ? 'sending' : 'pending';
      const attachments: Attachment[] = entry.files.map(
        (file) =>
          file.uploaded ?? {
            name: file.name,
            mimeType: file.mimeType,
            size: file.size,
            url: '',
            width: file.width,
            height: file.height,
          },
      );
      const message: Message = {
        clientId: entry.clientId,
        conversationId: entry.conversationId,
        author: 'agent',
        authorName: context.agent?.name,
        text: entry.text,
        attachments,
        location: entry.location,
        sentAt: entry.createdAt,
        status,
        errorCode: entry.errorCode,
      };
      const current = messages.get(entry.conversationId)?.items.find((m) => m.clientId === entry.clientId);
      if (current && DELIVERY_ORDER[current.status] >= DELIVERY_ORDER.sent) return; // the backend already confirmed it
      // Keep the local preview URLs the composer made until uploaded ones replace them.
      if (current)
        message.attachments = attachments.map((a, i) => (a.url ? a : { ...a, url: current.attachments[i]?.url ?? '' }));
      const state = messages.get(entry.conversationId) ?? EMPTY_MESSAGES;
      const at = current ? state.items.indexOf(current) : -1;
      const items = at === -1 ? insertMessage(state.items, message) : replaceMessage(state.items, at, message);
      put(entry.conversationId, { ...state, items });
    },

    /** Removes the agent's unconfirmed message (deleted, here or in another tab). */
    dropLocal(conversationId: string, clientId: string) {
      const state = messages.get(conversationId);
      if (!state) return;
      put(conversationId, {
        ...state,
        items: state.items.filter((m) => m.clientId !== clientId || DELIVERY_ORDER[m.status] >= DELIVERY_ORDER.sent),
      });
    },

    forgetAll() {
      for (const id of [...messages.keys()]) put(id, EMPTY_MESSAGES);
    },

    async load(conversationId: string, { older = false } = {}): Promise<void> {
      const state = messages.get(conversationId) ?? EMPTY_MESSAGES;
      if (state.status === 'loading' || (older ? !state.olderCursor : state.status === 'loaded')) return;
      put(conversationId, { ...state, status: 'loading' });
      try {
        const answer = await context.call(
          context.adapter.listMessages(conversationId, older ? { cursor: state.olderCursor } : {}),
        );
        const page = context.check('page', answer, 'loadMessages', conversationId, true)!;
        const current = messages.get(conversationId) ?? EMPTY_MESSAGES;
        const known = new Set(current.items.map((m) => m.clientId));
        let items = current.items.slice();
        for (const message of context.checkAll('message', page.items, 'loadMessages', conversationId))
          if (!known.has(message.clientId)) items = insertMessage(items, message);
        const olderCursor = older || current.status !== 'loaded' ? page.nextCursor : current.olderCursor;
        put(conversationId, { items, olderCursor, status: 'loaded' });
      } catch (raw) {
        put(conversationId, { ...(messages.get(conversationId) ?? state), status: 'error' });
        throw context.fail('loadMessages', raw, conversationId);
      }
    },

    async loadPrevious(conversationId: string): Promise<void> {
      const state = previous.get(conversationId) ?? EMPTY_PREVIOUS;
      if (state.status === 'loading' || state.complete) return;
      previous.set(conversationId, { ...state, status: 'loading' });
      context.emit(`previous:${conversationId}`);
      try {
        const action = 'loadPreviousConversations';
        const answer = await context.call(
          context.adapter.listPreviousConversations(conversationId, state.cursor ? { cursor: state.cursor } : {}),
        );
        const page = context.check('page', answer, action, conversationId, true)!;
        const known = new Set(state.items.map((p) => p.conversation.id));
        const items = [...state.items];
        for (const earlier of context.checkAll('previous', page.items, action, conversationId)) {
          const conversation = context.check('conversation', earlier.conversation, action, conversationId);
          if (conversation && !known.has(conversation.id))
            items.push({
              conversation,
              messages: context.checkAll('message', earlier.messages, action, conversation.id),
            });
        }
        previous.set(conversationId, { items, cursor: page.nextCursor, status: 'loaded', complete: !page.nextCursor });
      } catch (raw) {
        previous.set(conversationId, { ...state, status: 'error' });
        throw context.fail('loadPreviousConversations', raw, conversationId);
      } finally {
        context.emit(`previous:${conversationId}`);
      }
    },
  };
}
