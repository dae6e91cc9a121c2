/**
 * The memory backend's connection side: what a memory adapter's connection asks of it, checked
 * against who is asking, as the adapter contract asks of real backends.
 */
import { ConvError } from '../core/errors.js';
import { createFileTypePolicy } from '../core/file-policy.js';
import type { Attachment, Note } from '../core/model.js';
import { page, pageLimit, readCursor, writeCursor } from '../core/paging.js';

import type { BackendChanges } from './memory-backend-changes.js';
import type { createContactParts } from './memory-backend-contact.js';
import { EXAMPLE_STANDARD_RESPONSES } from './standard-responses.js';
import { isListedFor, type BackendState } from './memory-backend-state.js';
import { abortError, type MemoryBackendOptions, type Server } from './memory-backend-types.js';

const DEFAULT_MESSAGE_PAGE = 50;
const DEFAULT_PREVIOUS_PAGE = 5;

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

export function createServer(
  state: BackendState,
  changes: BackendChanges,
  options: MemoryBackendOptions,
  contact: ReturnType<typeof createContactParts>,
): Server {
  const {
    requireConversation,
    requireReadable,
    requireHandling,
    requireNoteWriter,
    messagesOf,
    announceTo,
    nextId,
    tick,
  } = state;
  const { updateConversation, appendMessage, end, scheduleReply } = changes;
  // The server re-checks every upload, as the adapter contract asks of real backends.
  const filePolicy = createFileTypePolicy(options.fileTypePolicy);
  let connectionCount = 0;

  return {
    attach: (connection) => void state.connections.add(connection),
    detach: (connection) => void state.connections.delete(connection),
    nextConnectionSeed: () => state.seed * 7919 + ++connectionCount,
    fileTypePolicy: () => ({
      allowed: [...filePolicy.allowed],
      maxBytes: filePolicy.maxBytes,
      maxPixels: filePolicy.maxPixels,
    }),

    snapshot: (agent) =>
      [...state.conversations.values()].filter((conversation) => isListedFor(conversation, agent.id)),

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
      return updateConversation(id, { status: 'active', offerExpiresAt: undefined }, origin);
    },

    reject(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.status !== 'offered' || conversation.assigneeId !== agent.id)
        throw new ConvError('conflict', 'This conversation is no longer offered to you', { conversationId: id });
      // Declined offers go back to the Picklist, where any agent may pick them.
      updateConversation(id, { status: 'queued', assigneeId: undefined, offerExpiresAt: undefined }, origin);
    },

    send(agent, outgoing, origin) {
      const repeated = state.byClientId.get(outgoing.clientId);
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
      state.sent.push(message);
      state.byClientId.set(message.clientId, message);
      contact.agentSent(outgoing.conversationId);
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
      state.uploads.push(attachment);
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
      const earlier = [...state.conversations.values()]
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
      return state.notes.get(id) ?? [];
    },

    addNote(agent, { clientId, conversationId: id, text }, origin) {
      // A repeat (a retry after a lost answer) gets the stored note, and nobody hears of it again.
      const repeated = state.notesByClientId.get(clientId);
      if (repeated) {
        if (repeated.author.id !== agent.id || repeated.conversationId !== id)
          throw new ConvError('invalid', 'This clientId belongs to another note', { clientId });
        return repeated;
      }
      const conversation = requireNoteWriter(agent, id);
      if (!text.trim()) throw new ConvError('invalid', 'The note is empty');
      const note: Note = {
        id: nextId('note'),
        conversationId: id,
        author: { id: agent.id, name: agent.name },
        text: text.trim(),
        createdAt: tick(),
      };
      state.notes.set(id, [...(state.notes.get(id) ?? []), note]);
      state.notesByClientId.set(clientId, note);
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

    searchConversations: contact.searchConversations,
    sendTyping: contact.sendTyping,
    standardResponses: () => [...(options.standardResponses ?? EXAMPLE_STANDARD_RESPONSES)],

    markRead(agent, id, origin) {
      const conversation = requireConversation(id);
      if (conversation.assigneeId !== agent.id)
        throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
      // Already read: nothing changes, nothing is pushed, so devices reading together do not echo.
      if (conversation.unreadCount > 0) updateConversation(id, { unreadCount: 0 }, origin);
    },
  };
}
