/**
 * What the memory backend's modules share: the records its `data` made and every change since, the
 * connections, the checks of who may see and do what, and the pushes that tell connections of a change.
 */
import type { AdapterEvent } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Agent, Attachment, Conversation, Message, Note } from '../core/model.js';

import { createRandom, type Connection, type MemoryBackendOptions, type Random } from './memory-backend-types.js';

/** What the backend holds; `reset()` makes it anew from the seed. */
interface BackendRecords {
  random: Random;
  conversations: Map<string, Conversation>;
  messages: Map<string, Message[]>;
  notes: Map<string, Note[]>;
  /** Every message agents sent, in the order the backend stored them. */
  sent: Message[];
  /** The same messages by client id: a send that is repeated gets the stored message back. */
  byClientId: Map<string, Message>;
  /** Notes agents added, by client id: a note that is added again gets the stored note back. */
  notesByClientId: Map<string, Note>;
  uploads: Attachment[];
}

export interface BackendState extends BackendRecords {
  readonly seed: number;
  readonly connections: Set<Connection>;
  nextId(prefix: string): string;
  /** Now, but never earlier than the last time handed out: `updatedAt` only grows, which the store relies on. */
  tick(): number;
  /** Back to what the seed made. */
  reset(): void;
  requireConversation(id: string): Conversation;
  /** The conversation, if the agent may read it. */
  requireReadable(agent: Agent, id: string): Conversation;
  /** The conversation, if it is active and the agent's. */
  requireHandling(agent: Agent, id: string): Conversation;
  /** The conversation, if the agent may add notes to it: assigned to them, and active or ended. */
  requireNoteWriter(agent: Agent, id: string): Conversation;
  /** The conversation's messages, oldest first: the list the backend keeps, not a copy. */
  messagesOf(id: string): Message[];
  /** Tells every connection that lists the conversation now, and `conversation-removed` to those that listed it before only. */
  announceConversation(before: Conversation | undefined, after: Conversation, origin?: Connection): void;
  /** Tells every connection that lists the conversation. */
  announceTo(conversation: Conversation, event: AdapterEvent, origin?: Connection): void;
}

export const isListedFor = (conversation: Conversation, agentId: string) =>
  conversation.status === 'queued' || conversation.assigneeId === agentId;
export const isReadableBy = (conversation: Conversation, agentId: string) =>
  isListedFor(conversation, agentId) || conversation.status === 'ended';

// The rules below are the contract's: the reference server (demo/server/service.ts) keeps them with these functions.

/** Queued conversations, the agent's own and History are readable; another agent's chat is `forbidden`. */
export function checkReader(conversation: Conversation, agentId: string): void {
  if (!isReadableBy(conversation, agentId))
    throw new ConvError('forbidden', 'Another agent is handling this conversation', {
      conversationId: conversation.id,
    });
}

/** Only the assignee writes in, and ends, an active chat. */
export function checkHandler(conversation: Conversation, agentId: string): void {
  const conversationId = conversation.id;
  if (conversation.assigneeId !== agentId)
    throw new ConvError('forbidden', 'This conversation is not yours', { conversationId });
  if (conversation.status !== 'active')
    throw new ConvError(
      'invalid',
      conversation.status === 'ended' ? 'The chat has ended' : 'Accept the conversation first',
      { conversationId },
    );
}

/**
 * Notes are the handling agent's: while the chat is theirs, and in History after they ended it. A
 * colleague, or anyone on a queued conversation, is `forbidden`; an offer must be accepted first.
 */
export function checkNoteWriter(conversation: Conversation, agentId: string): void {
  if (conversation.assigneeId !== agentId)
    throw new ConvError('forbidden', 'Only the agent handling this conversation adds notes to it', {
      conversationId: conversation.id,
    });
  if (conversation.status === 'offered')
    throw new ConvError('invalid', 'Accept the conversation first', { conversationId: conversation.id });
}

export function createBackendState(options: MemoryBackendOptions): BackendState {
  const seed = options.seed ?? 1;
  const seededAt = options.now ?? Date.now();

  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}-${++idCounter}`;
  let lastTime = seededAt;

  const seededRecords = (): BackendRecords => {
    idCounter = 0;
    const random = createRandom(seed);
    const data = options.data?.({ seed, now: seededAt, nextId }) ?? { conversations: [] };
    lastTime = seededAt;
    return {
      random,
      conversations: new Map(data.conversations.map((conversation) => [conversation.id, conversation])),
      messages: groupedByConversation(data.messages ?? []),
      notes: groupedByConversation(data.notes ?? []),
      sent: [],
      byClientId: new Map(),
      notesByClientId: new Map(),
      uploads: [],
    };
  };

  const requireConversation = (id: string): Conversation => {
    const conversation = state.conversations.get(id);
    if (!conversation) throw new ConvError('invalid', 'There is no such conversation', { conversationId: id });
    return conversation;
  };

  const recipients = (origin?: Connection) =>
    [...state.connections].filter((connection) => connection !== origin || connection.hearsOwnChanges);

  const state: BackendState = {
    ...seededRecords(),
    seed,
    connections: new Set(),
    nextId,
    tick: () => (lastTime = Math.max(Date.now(), lastTime + 1)),
    reset: () => void Object.assign(state, seededRecords()),

    // ── lookups and permissions ──

    requireConversation,
    requireReadable(agent, id) {
      const conversation = requireConversation(id);
      checkReader(conversation, agent.id);
      return conversation;
    },
    requireHandling(agent, id) {
      const conversation = requireConversation(id);
      checkHandler(conversation, agent.id);
      return conversation;
    },
    requireNoteWriter(agent, id) {
      const conversation = requireConversation(id);
      checkNoteWriter(conversation, agent.id);
      return conversation;
    },
    messagesOf(id) {
      let list = state.messages.get(id);
      if (!list) state.messages.set(id, (list = []));
      return list;
    },

    // ── pushes ──

    announceConversation(before, after, origin) {
      for (const connection of recipients(origin)) {
        const agentId = connection.agent.id;
        if (isListedFor(after, agentId)) connection.push({ type: 'conversation', conversation: after });
        else if (before && isListedFor(before, agentId))
          connection.push({ type: 'conversation-removed', conversationId: after.id });
      }
    },
    announceTo(conversation, event, origin) {
      for (const connection of recipients(origin))
        if (isListedFor(conversation, connection.agent.id)) connection.push(event);
    },
  };
  return state;
}

function groupedByConversation<T extends { conversationId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.conversationId);
    if (group) group.push(item);
    else groups.set(item.conversationId, [item]);
  }
  return groups;
}
