/**
 * The conversation store: the one object every element on a page shares.
 * It holds normalized state, derives the agent's lists, runs actions against the adapter
 * (optimistically where the agent expects instant feedback) and applies the backend's pushes,
 * so any number of elements and devices agree. No DOM, no Lit.
 *
 * The parts live in `store/`: lists, messages and paging, notes, drafts, sending (outbox and tab
 * sync) and the connection; this module puts them behind the {@link ConversationStore} interface.
 */
import { createConnection } from './store/connection.js';
import { createStoreContext, EMPTY_MESSAGES, EMPTY_NOTES, EMPTY_PREVIOUS } from './store/context.js';
import { createDrafts } from './store/drafts.js';
import { createLists } from './store/lists.js';
import { createMessages } from './store/messages.js';
import { createNotes } from './store/notes.js';
import { createResponses } from './store/responses.js';
import { createSearch } from './store/search.js';
import { createSending } from './store/sending.js';
import { createTyping } from './store/typing.js';
import type { PreparedPhoto } from './ports.js';
import type { Conversation } from './model.js';
import type { ConversationStore, ConversationStoreOptions, StoreAction } from './store/types.js';

export type * from './store/types.js';

/** Without a photo preparer, photos go as chosen. */
const asChosen = async (file: File): Promise<PreparedPhoto> => ({ file, reencoded: false });

export function createConversationStore(options: ConversationStoreOptions): ConversationStore {
  const context = createStoreContext(options);
  const { adapter, conversations, viewing } = context;
  const lists = createLists(context);
  const messages = createMessages(context, lists);
  const notes = createNotes(context, lists);
  const drafts = createDrafts(context);
  const sending = createSending(context, lists, messages, drafts);
  const typing = createTyping(context);
  const connection = createConnection(context, { lists, messages, notes, drafts, sending, typing });

  /** The conversation an action resolved with; a wrong answer leaves the change the agent made showing. */
  const settle = async (action: StoreAction, conversationId: string, answer: Promise<Conversation>) => {
    const conversation = context.check('conversation', await context.call(answer), action, conversationId);
    if (conversation) lists.receive(conversation);
  };

  /** Pick and accept: the conversation becomes this agent's at once, and goes back if the backend refuses. */
  const takeOn = async (action: 'pick' | 'accept', conversationId: string): Promise<void> => {
    const rollback = lists.optimistic(conversationId, { status: 'active', assigneeId: context.agent?.id });
    try {
      await settle(action, conversationId, adapter[action](conversationId));
    } catch (raw) {
      rollback();
      throw context.fail(action, raw, conversationId);
    }
  };

  return {
    get agent() {
      return context.agent;
    },
    get connection() {
      return context.connection;
    },
    get lastEventAt() {
      return context.lastEventAt;
    },
    fileTypePolicy: options.fileTypePolicy,
    conversation: (id) => conversations.get(id),
    list: lists.list,
    messages: (conversationId) => context.messages.get(conversationId) ?? EMPTY_MESSAGES,
    notes: (conversationId) => context.notes.get(conversationId) ?? EMPTY_NOTES,
    previousConversations: (conversationId) => context.previous.get(conversationId) ?? EMPTY_PREVIOUS,
    draft: drafts.get,
    uploadProgress: (clientId) => context.uploadProgress.get(clientId),
    pendingMessages: sending.pending,
    isCustomerTyping: typing.isCustomerTyping,

    on: context.on as ConversationStore['on'],
    onError: (listener) => context.on('error', listener as (payload?: unknown) => void),

    connect: connection.connect,
    disconnect: connection.disconnect,
    pick: (conversationId) => takeOn('pick', conversationId),
    accept: (conversationId) => takeOn('accept', conversationId),

    async reject(conversationId) {
      const before = lists.require(conversationId);
      lists.remove(conversationId);
      try {
        await context.call(adapter.reject(conversationId));
      } catch (raw) {
        if (!conversations.has(conversationId)) lists.put(before);
        throw context.fail('reject', raw, conversationId);
      }
    },

    async endChat(conversationId) {
      const conversation = lists.require(conversationId);
      if (conversation.status === 'ended') return;
      const rollback = lists.optimistic(conversationId, { status: 'ended', endedAt: context.now() });
      try {
        await settle('endChat', conversationId, adapter.endChat(conversationId));
      } catch (raw) {
        rollback();
        throw context.fail('endChat', raw, conversationId);
      }
    },

    sendMessage(conversationId, input) {
      typing.agentStopped(conversationId);
      return sending.send(conversationId, input);
    },
    retryMessage: sending.retry,
    deleteMessage: sending.remove,
    loadMessages: messages.load,
    loadPreviousConversations: messages.loadPrevious,
    loadNotes: notes.load,
    addNote: notes.add,
    setDraft(conversationId, draft) {
      typing.agentWrote(conversationId, drafts.get(conversationId).text, draft.text);
      drafts.set(conversationId, draft);
    },
    preparePhoto: options.preparePhoto ?? asChosen,
    supports: (method) => typeof adapter[method] == 'function',
    searchConversations: createSearch(context, lists),
    standardResponses: createResponses(context),

    view(conversationId) {
      viewing.set(conversationId, (viewing.get(conversationId) ?? 0) + 1);
      lists.clearUnread(conversationId);
      return () => {
        const count = (viewing.get(conversationId) ?? 1) - 1;
        if (count > 0) viewing.set(conversationId, count);
        else viewing.delete(conversationId);
      };
    },
  };
}
