/**
 * Conversations and the four lists derived from them (Conversations, Picklist, History, offered),
 * and the copy of them kept in persistence for a page opened while the backend is unreachable.
 */
import { ConvError } from '../errors.js';
import { listOf, type Conversation, type ConversationListName } from '../model.js';
import type { StoreContext } from './context.js';
import { createReads } from './reads.js';

export const LIST_NAMES: readonly ConversationListName[] = ['conversations', 'picklist', 'history', 'offered'];
const CACHED_CONVERSATIONS = 'cache:conversations';

const byNewestActivity = (a: Conversation, b: Conversation) =>
  (b.lastMessage?.at ?? b.updatedAt) - (a.lastMessage?.at ?? a.updatedAt);
const LIST_ORDER: Record<ConversationListName, (a: Conversation, b: Conversation) => number> = {
  conversations: byNewestActivity,
  // The customer who has waited longest comes first.
  picklist: (a, b) => a.createdAt - b.createdAt,
  offered: (a, b) => a.createdAt - b.createdAt,
  history: (a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt),
};

export type Lists = ReturnType<typeof createLists>;

export function createLists(context: StoreContext) {
  const { conversations } = context;
  const listCache = new Map<ConversationListName, readonly Conversation[]>();
  /** Conversations shown from the cache; the first snapshot removes those the backend no longer has. */
  const cachedOnly = new Set<string>();
  let cacheWrite: ReturnType<typeof setTimeout> | undefined;
  const read = createReads(context);

  const listNameOf = (conversation: Conversation | undefined) =>
    conversation && listOf(conversation, context.agent?.id);

  const touchLists = (...names: Array<ConversationListName | undefined>) => {
    for (const name of new Set(names)) {
      if (!name) continue;
      listCache.delete(name);
      context.emit(`list:${name}`);
    }
  };

  const persistSoon = () => {
    if (!context.options.persistence || cacheWrite) return;
    cacheWrite = setTimeout(() => {
      cacheWrite = undefined;
      void context.storage.set(CACHED_CONVERSATIONS, [...conversations.values()]);
    }, 1000);
  };

  /** Replaces a conversation record and tells exactly the views that show it. */
  const put = (next: Conversation) => {
    const before = conversations.get(next.id);
    conversations.set(next.id, next);
    cachedOnly.delete(next.id);
    context.emit(`conversation:${next.id}`);
    persistSoon();
    touchLists(listNameOf(before), listNameOf(next));
  };

  const remove = (id: string) => {
    const before = conversations.get(id);
    if (!before) return;
    conversations.delete(id);
    context.emit(`conversation:${id}`);
    persistSoon();
    touchLists(listNameOf(before));
  };

  return {
    list(name: ConversationListName): readonly Conversation[] {
      let cached = listCache.get(name);
      if (!cached) {
        cached = Object.freeze(
          [...conversations.values()].filter((c) => listNameOf(c) === name).sort(LIST_ORDER[name]),
        );
        listCache.set(name, cached);
      }
      return cached;
    },
    put,
    remove,
    touchAll: () => touchLists(...LIST_NAMES),

    /**
     * Backend truth wins unless it is older than what the store already has (pushes can arrive out of order).
     * A conversation the agent is viewing counts nothing unread; the backend hears so.
     */
    receive(incoming: Conversation) {
      const current = conversations.get(incoming.id);
      if (current && current.updatedAt > incoming.updatedAt) return;
      const viewed = context.viewing.has(incoming.id);
      if (viewed && incoming.unreadCount > 0) read(incoming);
      put({ ...incoming, unreadCount: viewed ? 0 : incoming.unreadCount });
    },

    /** A view shows the conversation: nothing in it is unread any more, here and on the agent's other devices. */
    clearUnread(id: string) {
      const conversation = conversations.get(id);
      if (!conversation || conversation.unreadCount === 0) return;
      put({ ...conversation, unreadCount: 0 });
      read(conversation);
    },

    require(id: string): Conversation {
      const conversation = conversations.get(id);
      if (!conversation) throw new ConvError('invalid', 'Unknown conversation', { conversationId: id });
      return conversation;
    },

    /** Applies a change at once and returns a rollback that only undoes it if nothing newer arrived since. */
    optimistic(id: string, change: Partial<Conversation>) {
      const before = conversations.get(id);
      if (!before) throw new ConvError('invalid', 'Unknown conversation', { conversationId: id });
      const applied = { ...before, ...change };
      put(applied);
      return () => {
        if (conversations.get(id) === applied) put(before);
      };
    },

    /** The backend's snapshot replaces what the cache showed. */
    receiveSnapshot(snapshot: readonly Conversation[]) {
      const current = new Set(snapshot.map((conversation) => conversation.id));
      for (const id of cachedOnly) if (!current.has(id)) remove(id);
      cachedOnly.clear();
      for (const conversation of snapshot) conversations.set(conversation.id, conversation);
      touchLists(...LIST_NAMES);
      persistSoon();
    },

    /** What a previous page kept: shown until the first snapshot. */
    async restoreCached() {
      const cached = await context.storage.get<unknown>(CACHED_CONVERSATIONS);
      if (!Array.isArray(cached)) return;
      for (const conversation of cached as Conversation[]) {
        if (typeof conversation?.id !== 'string' || conversations.has(conversation.id)) continue;
        conversations.set(conversation.id, conversation);
        cachedOnly.add(conversation.id);
      }
      touchLists(...LIST_NAMES);
    },

    forgetAll() {
      for (const id of [...conversations.keys()]) remove(id);
      cachedOnly.clear();
    },
  };
}
