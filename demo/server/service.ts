/**
 * The reference server's rules, independent of the transport: who sees which conversation, who may
 * change it, first-pick-wins, once-per-clientId, and the per-agent event log that every change is
 * written to before it is pushed.
 *
 * Changes run one at a time (a queue), so every agent's events are numbered and pushed in the
 * order they happened. Reads run freely. On a storage shared by several processes (PostgreSQL),
 * each change is also one transaction with the events it appends, run again when another process
 * changed the conversation first; every process hears of new events (`watchEvents`) and pushes
 * them from the log, so a connection gets its agent's events in `seq` order whichever process
 * made them (pushes.ts).
 *
 * Who sees what (the same rules as conv-kit's memory adapter):
 * - a conversation is *listed* for an agent (snapshot and pushes) when it is queued, or offered to,
 *   handled by or ended by that agent;
 * - it is *readable* (messages, notes, earlier conversations) when listed, or ended by anyone;
 * - only the assigned agent may write in, upload to or end an active conversation;
 * - only the assigned agent adds notes, while the conversation is active and after it ended.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LogPosition, ProtocolMethods, ServerEvent, ServerSignal } from '../../src/adapters/websocket.js';
import type { OutgoingMessage, OutgoingNote, PageOptions } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import { createFileTypePolicy, type FileTypePolicyOptions } from '../../src/core/file-policy.js';
import { page, pageLimit, readCursor, writeCursor } from '../../src/core/paging.js';
import type {
  Agent,
  Attachment,
  Conversation,
  ConversationStatus,
  Customer,
  GeoLocation,
  Message,
  Note,
  Page,
  PreviousConversation,
} from '../../src/core/model.js';
import { endedNotice, previewOf, unreadCountAfter } from '../../src/adapters/memory.js';
import { checkHandler, checkNoteWriter, checkReader, isListedFor } from '../../src/adapters/memory-backend-state.js';
import { createPushes } from './pushes.js';
import { createTypingRelay } from './typing.js';
import { searchConversations } from './search.js';
import { isRetryable, type Storage, type StoredUpload } from './storage.js';
import { heicRendition, type RenditionOptions } from './heic-rendition.js';

/** One live connection as the service sees it. */
export interface Subscriber {
  readonly agent: Agent;
  /** False once the connection closed: it is not subscribed then. */
  readonly open: boolean;
  deliver(seq: number, event: ServerEvent): void;
  /** An unnumbered signal (typing): handed on at once, never logged. Without it, none is heard. */
  signal?(signal: ServerSignal): void;
}

export interface NewConversation {
  customer: Customer;
  language: string;
  channel: string;
  /** The customer's first message. */
  text: string;
  /** An offer's own wait for the agent's answer, instead of the service's `offerTimeoutMs`. */
  offerTimeoutMs?: number;
}

export interface IncomingFile {
  conversationId: string;
  clientId: string;
  name: string;
  /** The declared Content-Type. */
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface ServiceHooks {
  /** An agent's message was stored (not a repeat): the simulated customer may answer. */
  agentWrote?(conversation: Conversation): void;
}

export interface ServiceSettings {
  /** How long an offer waits for the agent's answer before it goes back to the Picklist; 0: for ever. Default 60 s. */
  offerTimeoutMs?: number;
  /** Bounds of the JPEG rendition made for each HEIC stored (time, longest side); the pixel limit is the file-type policy's. */
  heicRendition?: Omit<RenditionOptions, 'maxPixels'>;
}

export const MAX_TEXT_LENGTH = 10_000;
/** Checked tokens remembered per process; the oldest is forgotten first. */
const MAX_SIGNED_IN = 1000;
const DEFAULT_MESSAGE_PAGE = 50;
const DEFAULT_PREVIOUS_PAGE = 5;
const MAX_PAGE = 200;
/** A change raced by other processes this often in a row gives up, as a retryable `network` error. */
const MAX_CHANGE_ATTEMPTS = 10;
/** How often a process sharing its database looks for offers other processes made, to expire them on time. */
const OFFER_SWEEP_MS = 5000;

export type ConversationService = Awaited<ReturnType<typeof createConversationService>>;

export async function createConversationService(
  storage: Storage,
  hooks: ServiceHooks = {},
  settings: ServiceSettings = {},
) {
  const agents = await storage.agents();
  const offerTimeoutMs = settings.offerTimeoutMs ?? 60_000;
  const renditionOptions = settings.heicRendition ?? {};
  const offerTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Offers with a timer, as `id expiresAt`, so an offer seen again is not timed twice. */
  const expiring = new Set<string>();
  const shared = storage.transaction !== undefined;
  const pushes = await createPushes(storage);
  const typing = createTypingRelay({ agents, requireConversation, signal: pushes.signal });
  /**
   * Tokens this process has checked already, by their SHA-256 (held in memory only, never stored), so the
   * slow hash runs once per token rather than on every hello and upload.
   */
  const signedIn = new Map<string, Agent>();
  const checkingTokens = new Map<string, Promise<Agent | undefined>>();
  let lastTime = await storage.latestTime();
  let filePolicyOptions = await storage.fileTypePolicy();
  let filePolicy = createFileTypePolicy(filePolicyOptions);

  /** Now, but never earlier than the last time handed out: `updatedAt` only grows, which clients rely on. */
  const tick = () => (lastTime = Math.max(Date.now(), lastTime + 1));
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

  // ── one change at a time ──

  let queue: Promise<unknown> = Promise.resolve();
  function serialize<T>(change: () => Promise<T>): Promise<T> {
    const result = queue.then(() => atomically(change));
    queue = result.catch(() => undefined);
    return result;
  }

  /** The events the running change appended: pushed once it is committed, forgotten when it is rolled back. */
  let pushesOfChange: Array<{ agentId: string; seq: number; event: ServerEvent }> = [];

  /** One transaction where the storage has them, run again (from a fresh read) when another process was first. */
  async function atomically<T>(change: () => Promise<T>): Promise<T> {
    if (!storage.transaction)
      try {
        return await change();
      } finally {
        pushCommitted();
      }
    for (let attempt = 1; ; attempt++) {
      pushesOfChange = [];
      try {
        const result = await storage.transaction(change);
        pushCommitted();
        return result;
      } catch (error) {
        pushesOfChange = [];
        if (!isRetryable(error)) throw error;
        if (attempt >= MAX_CHANGE_ATTEMPTS)
          throw new ConvError('network', 'The server is busy just now; try again', { reason: 'contended' });
      }
    }
  }

  /** Another process changed the conversation since it was read: the change runs again (see `atomically`). */
  const changedMeanwhile = () => Object.assign(new Error('The conversation changed meanwhile'), { retryable: true });

  // ── lookups and permissions ──

  async function requireConversation(id: string): Promise<Conversation> {
    const stored = await storage.conversation(id);
    if (!stored) throw new ConvError('invalid', 'There is no such conversation', { conversationId: id });
    return stored.conversation;
  }
  async function requireReadable(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    checkReader(conversation, agent.id);
    return conversation;
  }
  async function requireHandling(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    checkHandler(conversation, agent.id);
    return conversation;
  }

  // ── the event log and pushes ──

  type Entry = { agentId: string; event: ServerEvent };

  /** Writes the events to each agent's log; they are pushed to that agent's live connections once the change is committed. */
  async function publish(entries: Entry[]) {
    if (entries.length === 0) return;
    const seqs = await storage.appendEvents(entries);
    entries.forEach(({ agentId, event }, index) => pushesOfChange.push({ agentId, seq: seqs[index]!, event }));
  }

  function pushCommitted() {
    const committed = pushesOfChange;
    pushesOfChange = [];
    for (const { agentId, seq, event } of committed) pushes.push(agentId, seq, event);
  }

  /** `conversation` to every agent who lists it now; `conversation-removed` to those who listed it before only. */
  const conversationEntries = (before: Conversation | undefined, after: Conversation): Entry[] =>
    agents.flatMap((agent): Entry[] => {
      if (isListedFor(after, agent.id))
        return [{ agentId: agent.id, event: { type: 'conversation', conversation: after } }];
      if (before && isListedFor(before, agent.id))
        return [{ agentId: agent.id, event: { type: 'conversation-removed', conversationId: after.id } }];
      return [];
    });
  const entriesFor = (conversation: Conversation, event: ServerEvent): Entry[] =>
    agents.filter((agent) => isListedFor(conversation, agent.id)).map((agent) => ({ agentId: agent.id, event }));

  /**
   * Writes a change if nobody changed the conversation meanwhile; `undefined` when someone was first.
   * A field the change sets to `undefined` is removed.
   */
  async function change(before: Conversation, fields: Partial<Conversation>): Promise<Conversation | undefined> {
    // Another process's clock may be ahead of this one's: `updatedAt` still grows.
    const updatedAt = (lastTime = Math.max(tick(), before.updatedAt + 1));
    const after: Conversation = { ...before, ...fields, updatedAt };
    for (const key of Object.keys(fields) as (keyof Conversation)[]) if (fields[key] === undefined) delete after[key];
    if (await storage.replaceConversation(after, before.updatedAt)) return after;
    if (shared) throw changedMeanwhile();
    return undefined;
  }

  /**
   * Stores a message and moves its conversation on (preview, unread count, plus `fields`). The message
   * is pushed before the conversation, so a client that counts unread messages itself ends up with the server's count.
   */
  async function appendMessage(
    conversation: Conversation,
    message: Message,
    fields: Partial<Conversation> = {},
    senderId?: string,
  ): Promise<{ message: Message; conversation: Conversation; inserted: boolean }> {
    const { stored, inserted } = await storage.insertMessage(message, senderId);
    if (!inserted) return { message: stored.message, conversation, inserted };
    const after = await change(conversation, {
      ...fields,
      unreadCount: unreadCountAfter(conversation, message),
      lastMessage: previewOf(message),
    });
    if (!after)
      throw new ConvError('conflict', 'The conversation changed while the message was stored', {
        conversationId: conversation.id,
      });
    await publish([
      ...entriesFor(conversation, { type: 'message', message }),
      ...conversationEntries(conversation, after),
    ]);
    return { message, conversation: after, inserted };
  }

  // ── what agents do ──

  async function pick(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    // The agent's other device picked it a moment ago: the same outcome, not a conflict.
    if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
    if (conversation.status !== 'queued')
      throw new ConvError('conflict', 'Another agent picked this conversation first', { conversationId: id });
    const after = await change(conversation, { status: 'active', assigneeId: agent.id });
    if (!after) throw new ConvError('conflict', 'Another agent picked this conversation first', { conversationId: id });
    await publish(conversationEntries(conversation, after));
    return after;
  }

  async function accept(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    if (conversation.status === 'active' && conversation.assigneeId === agent.id) return conversation;
    if (conversation.status !== 'offered')
      throw new ConvError('conflict', 'The offer was withdrawn', { conversationId: id });
    if (conversation.assigneeId !== agent.id)
      throw new ConvError('forbidden', 'This conversation was offered to another agent', { conversationId: id });
    const after = await change(conversation, { status: 'active', offerExpiresAt: undefined });
    if (!after) throw new ConvError('conflict', 'The offer was withdrawn', { conversationId: id });
    await publish(conversationEntries(conversation, after));
    return after;
  }

  async function reject(agent: Agent, id: string): Promise<null> {
    const conversation = await requireConversation(id);
    if (conversation.status !== 'offered' || conversation.assigneeId !== agent.id)
      throw new ConvError('conflict', 'This conversation is no longer offered to you', { conversationId: id });
    // Declined offers go back to the Picklist, where any agent may pick them.
    const after = await change(conversation, { status: 'queued', assigneeId: undefined, offerExpiresAt: undefined });
    if (!after)
      throw new ConvError('conflict', 'This conversation is no longer offered to you', { conversationId: id });
    await publish(conversationEntries(conversation, after));
    return null;
  }

  /** An offer still unanswered at its `offerExpiresAt` goes back to the Picklist, and its agent hears so. */
  function expireOffer({ id, status, offerExpiresAt }: Conversation) {
    if (status !== 'offered' || offerExpiresAt === undefined) return;
    const key = `${id} ${offerExpiresAt}`;
    if (expiring.has(key)) return;
    expiring.add(key);
    const timer = setTimeout(
      () => {
        offerTimers.delete(timer);
        expiring.delete(key);
        serialize(async () => {
          const conversation = await requireConversation(id);
          if (conversation.status !== 'offered' || conversation.offerExpiresAt !== offerExpiresAt) return;
          const after = await change(conversation, {
            status: 'queued',
            assigneeId: undefined,
            offerExpiresAt: undefined,
          });
          if (after) await publish(conversationEntries(conversation, after));
        }).catch((error: unknown) => console.error('conv-kit reference server: an offer could not expire:', error));
      },
      Math.max(0, offerExpiresAt - Date.now()),
    );
    timer.unref();
    offerTimers.add(timer);
  }

  /** The agent has read the conversation: its count goes to 0 and the agent's devices hear so. */
  async function markRead(agent: Agent, id: string): Promise<null> {
    const conversation = await requireConversation(id);
    if (conversation.assigneeId !== agent.id)
      throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
    // Already read: nothing changes, nothing is pushed, so devices reading together do not echo.
    if (conversation.unreadCount === 0) return null;
    const after = await change(conversation, { unreadCount: 0 });
    if (!after) throw new ConvError('conflict', 'The conversation changed meanwhile', { conversationId: id });
    await publish(conversationEntries(conversation, after));
    return null;
  }

  async function sendMessage(agent: Agent, outgoing: OutgoingMessage): Promise<Message> {
    // A repeat (a retry after a lost answer, a resend after a restart) gets the stored message, even if the chat ended since.
    const repeat = await storage.messageByClientId(outgoing.clientId);
    if (repeat) {
      if (repeat.senderId !== agent.id || repeat.message.conversationId !== outgoing.conversationId)
        throw new ConvError('invalid', 'This clientId belongs to another message', { clientId: outgoing.clientId });
      return repeat.message;
    }
    const conversation = await requireHandling(agent, outgoing.conversationId);
    if (!outgoing.text.trim() && outgoing.attachments.length === 0 && !outgoing.location)
      throw new ConvError('invalid', 'The message is empty');
    const attachments = await Promise.all(
      outgoing.attachments.map((attachment) => uploadedBy(agent, outgoing.conversationId, attachment)),
    );
    const message: Message = {
      id: newId('msg'),
      clientId: outgoing.clientId,
      conversationId: conversation.id,
      author: 'agent',
      authorName: agent.name,
      text: outgoing.text,
      attachments,
      ...(outgoing.location && { location: outgoing.location }),
      sentAt: tick(),
      status: 'sent',
    };
    const result = await appendMessage(conversation, message, {}, agent.id);
    if (result.inserted) {
      typing.agentSent(result.conversation.id);
      hooks.agentWrote?.(result.conversation);
    }
    return result.message;
  }

  /** An attachment is only ever a file this agent uploaded to this conversation: the server fills in the rest. */
  async function uploadedBy(agent: Agent, conversationId: string, attachment: Attachment): Promise<Attachment> {
    const upload = attachment.id === undefined ? undefined : await storage.upload(attachment.id);
    if (!upload || upload.agentId !== agent.id || upload.conversationId !== conversationId)
      throw new ConvError('invalid', 'Attach files by uploading them first', { attachmentId: attachment.id });
    return describeUpload(upload, await storage.upload(renditionId(upload.id)));
  }

  async function storeUpload(agent: Agent, file: IncomingFile): Promise<Attachment> {
    await requireHandling(agent, file.conversationId);
    // The client checked the file already; this check is the one that counts.
    const verdict = await filePolicy.check(
      Object.assign(new Blob([file.bytes], { type: file.type }), { name: file.name }),
    );
    if (!verdict.ok) throw new ConvError('invalid', verdict.message, { reason: verdict.reason, fileName: file.name });
    const upload: StoredUpload = {
      id: newId('file'),
      agentId: agent.id,
      conversationId: file.conversationId,
      clientId: file.clientId,
      name: file.name,
      mimeType: verdict.mimeType,
      size: file.bytes.byteLength,
      ...(verdict.width !== undefined && { width: verdict.width }),
      ...(verdict.height !== undefined && { height: verdict.height }),
      bytes: file.bytes,
      createdAt: Date.now(),
    };
    await storage.insertUpload(upload);
    return describeUpload(upload, await storeRendition(upload));
  }

  /** A HEIC gets a JPEG rendition beside it (an upload of its own), which every browser can show; none when it cannot be made. */
  async function storeRendition(upload: StoredUpload): Promise<StoredUpload | undefined> {
    if (!/^image\/hei[cf]$/.test(upload.mimeType)) return undefined;
    const made = await heicRendition(upload.bytes, { maxPixels: filePolicy.maxPixels, ...renditionOptions });
    if (!made.ok) return undefined;
    const rendition: StoredUpload = {
      ...upload,
      id: renditionId(upload.id),
      name: upload.name.replace(/\.[^.]*$/, '') + '.jpg',
      mimeType: 'image/jpeg',
      size: made.jpeg.byteLength,
      width: made.width,
      height: made.height,
      bytes: made.jpeg,
    };
    await storage.insertUpload(rendition);
    return rendition;
  }

  async function listMessages(agent: Agent, id: string, options: PageOptions = {}): Promise<Page<Message>> {
    await requireReadable(agent, id);
    const limit = pageLimit(options.limit, DEFAULT_MESSAGE_PAGE, MAX_PAGE);
    const before = options.cursor === undefined ? undefined : readCursor(options.cursor, id, 'messages');
    const slice = await storage.messageSlice(id, limit, before);
    return page(slice.items, slice.hasOlder ? writeCursor(id, 'messages', slice.oldestPosition!) : undefined);
  }

  async function listPreviousConversations(
    agent: Agent,
    id: string,
    options: PageOptions = {},
  ): Promise<Page<PreviousConversation>> {
    const current = await requireReadable(agent, id);
    const earlier = (await storage.conversationsOfCustomer(current.customer.id))
      .filter((other) => other.id !== id && other.status === 'ended' && other.createdAt < current.createdAt)
      .sort((x, y) => (y.endedAt ?? 0) - (x.endedAt ?? 0) || y.createdAt - x.createdAt);
    const limit = pageLimit(options.limit, DEFAULT_PREVIOUS_PAGE, MAX_PAGE);
    // Only conversations begun before this one count, so new chats never shift what a cursor points at.
    const start = options.cursor === undefined ? 0 : readCursor(options.cursor, id, 'previous');
    const items = await Promise.all(
      earlier
        .slice(start, start + limit)
        .map(async (conversation) => ({ conversation, messages: await storage.allMessages(conversation.id) })),
    );
    return page(items, start + limit < earlier.length ? writeCursor(id, 'previous', start + limit) : undefined);
  }

  async function listNotes(agent: Agent, id: string): Promise<Note[]> {
    await requireReadable(agent, id);
    return storage.notes(id);
  }

  /** The note stored under a repeated clientId, if it is this agent's note in this conversation. */
  function ownNote(agent: Agent, { clientId, conversationId }: OutgoingNote, stored: Note): Note {
    if (stored.author.id !== agent.id || stored.conversationId !== conversationId)
      throw new ConvError('invalid', 'This clientId belongs to another note', { clientId });
    return stored;
  }

  /** Notes are the handling agent's, as in conv-kit's memory backend (`checkNoteWriter`). */
  async function requireNoteWriter(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    checkNoteWriter(conversation, agent.id);
    return conversation;
  }

  async function addNote(agent: Agent, outgoing: OutgoingNote): Promise<Note> {
    // A repeat (a retry after a lost answer or a timeout) gets the stored note, and nobody hears of it again.
    const repeat = await storage.noteByClientId(outgoing.clientId);
    if (repeat) return ownNote(agent, outgoing, repeat);
    const conversation = await requireNoteWriter(agent, outgoing.conversationId);
    if (!outgoing.text.trim()) throw new ConvError('invalid', 'The note is empty');
    const note: Note = {
      id: newId('note'),
      conversationId: conversation.id,
      author: { id: agent.id, name: agent.name },
      text: outgoing.text.trim(),
      createdAt: tick(),
    };
    // The unique clientId decides a race with another process: only the note actually stored is pushed.
    const { stored, inserted } = await storage.insertNote(note, outgoing.clientId);
    if (!inserted) return ownNote(agent, outgoing, stored);
    await publish(entriesFor(conversation, { type: 'note', note }));
    return note;
  }

  async function end(conversation: Conversation, by: Agent | 'customer'): Promise<Conversation> {
    if (conversation.status === 'ended') return conversation;
    const at = tick();
    const notice: Message = {
      id: newId('msg'),
      clientId: newId('msg'),
      conversationId: conversation.id,
      author: 'system',
      ...endedNotice(by),
      attachments: [],
      sentAt: at,
      status: 'delivered',
    };
    return (await appendMessage(conversation, notice, { status: 'ended', endedAt: at })).conversation;
  }

  async function endChat(agent: Agent, id: string): Promise<Conversation> {
    const conversation = await requireConversation(id);
    if (conversation.assigneeId !== agent.id)
      throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
    if (conversation.status === 'offered')
      throw new ConvError('invalid', 'Accept the conversation first', { conversationId: id });
    return end(conversation, agent);
  }

  // ── what customers do (the simulation and the demo's controls) ──

  /**
   * The demo's controls act for a customer in a conversation nobody handles yet or in the caller's own:
   * never in another agent's.
   */
  async function requireDemoTarget(id: string, caller: Agent | undefined): Promise<Conversation> {
    const conversation = await requireConversation(id);
    if (caller && conversation.assigneeId !== undefined && conversation.assigneeId !== caller.id)
      throw new ConvError('forbidden', 'This conversation is not yours', { conversationId: id });
    return conversation;
  }

  async function customerSays(id: string, text: string, caller?: Agent): Promise<Message> {
    const conversation = await requireDemoTarget(id, caller);
    if (conversation.status === 'ended') throw new ConvError('invalid', 'The chat has ended', { conversationId: id });
    const messageId = newId('msg');
    const message: Message = {
      id: messageId,
      clientId: messageId,
      conversationId: id,
      author: 'customer',
      text,
      attachments: [],
      sentAt: tick(),
      status: 'delivered',
    };
    if (conversation.customer.name) message.authorName = conversation.customer.name;
    return (await appendMessage(conversation, message)).message;
  }

  /** The customer's device reports the agent's messages read. */
  async function customerReads(id: string): Promise<void> {
    const conversation = await requireConversation(id);
    const unread = (await storage.messageSlice(id, MAX_PAGE)).items.filter(
      (message) => message.author === 'agent' && message.status !== 'read',
    );
    const entries: Entry[] = [];
    for (const message of unread) {
      const read: Message = { ...message, status: 'read' };
      await storage.updateMessage(read);
      entries.push(...entriesFor(conversation, { type: 'message', message: read }));
    }
    await publish(entries);
  }

  async function openConversation(
    status: ConversationStatus,
    assigneeId: string | undefined,
    wanted: NewConversation,
  ): Promise<Conversation> {
    if (assigneeId !== undefined && !agents.some((agent) => agent.id === assigneeId))
      throw new ConvError('invalid', 'There is no such agent', { agentId: assigneeId });
    const createdAt = tick();
    const conversation: Conversation = {
      id: newId('conv'),
      customer: wanted.customer,
      channel: wanted.channel,
      status,
      createdAt,
      updatedAt: createdAt,
      unreadCount: 0,
    };
    if (assigneeId !== undefined) conversation.assigneeId = assigneeId;
    const timeout = wanted.offerTimeoutMs ?? offerTimeoutMs;
    if (status === 'offered' && timeout) conversation.offerExpiresAt = createdAt + timeout;
    await storage.insertConversation(conversation, wanted.language);
    await publish(conversationEntries(undefined, conversation));
    await customerSays(conversation.id, wanted.text);
    expireOffer(conversation);
    return requireConversation(conversation.id);
  }

  /** Every conversation some agent lists: the Picklist, and what is offered to, handled or ended by each. */
  const listedConversations = async () => {
    const lists = await Promise.all(agents.map((agent) => storage.conversationsListedFor(agent.id)));
    return [...new Map(lists.flat().map((conversation) => [conversation.id, conversation])).values()];
  };
  // Offers made before a restart still expire, at the moment they said.
  (await listedConversations()).forEach(expireOffer);
  // With several processes, the one that made an offer may be gone: each looks for offers now and then, and
  // the first to expire one wins (a conditional update), so an offer expires once and on time.
  const offerSweep = shared
    ? setInterval(
        () =>
          void (storage.offeredConversations?.() ?? listedConversations())
            .then((conversations) => conversations.forEach(expireOffer))
            .catch(() => undefined),
        OFFER_SWEEP_MS,
      )
    : undefined;
  offerSweep?.unref();

  return {
    agents: () => agents.slice(),
    /** The agent a token belongs to; each token is checked against the slow stored hash once per process. */
    async agentByToken(token: string): Promise<Agent | undefined> {
      const key = createHash('sha256').update(token).digest('base64');
      const known = signedIn.get(key);
      if (known) return known;
      // Many connections with one token at once (an agent's devices coming back, a process's agents
      // moving to this one after it died) share one check rather than queueing one slow hash each.
      let check = checkingTokens.get(key);
      if (!check) {
        check = storage.agentByToken(token).finally(() => checkingTokens.delete(key));
        checkingTokens.set(key, check);
      }
      const agent = await check;
      if (agent) {
        if (signedIn.size >= MAX_SIGNED_IN) signedIn.delete(signedIn.keys().next().value!);
        signedIn.set(key, agent);
      }
      return agent;
    },
    /** The agents with at least one live connection. */
    onlineAgents: pushes.onlineAgents,

    /**
     * Answers with the agent's snapshot and starts pushing to `subscriber` from the very next event:
     * the read and the subscription happen inside the queue, so no change falls between them.
     */
    subscribeWithSnapshot: (subscriber: Subscriber, answer: (result: ProtocolMethods['snapshot']['result']) => void) =>
      serialize(async () => {
        const position: LogPosition = {
          logId: await storage.logId(),
          seq: await storage.latestSeq(subscriber.agent.id),
        };
        const conversations = await storage.conversationsListedFor(subscriber.agent.id);
        answer({ agent: subscriber.agent, conversations, ...position });
        if (!subscriber.open) return;
        pushes.subscribe(subscriber, position.seq);
      }),

    /** Answers with the events missed since `from` (or asks for a new snapshot) and starts pushing after them. */
    subscribeFrom: (
      subscriber: Subscriber,
      from: LogPosition,
      answer: (result: ProtocolMethods['resume']['result']) => void,
    ) =>
      serialize(async () => {
        const events =
          from.logId === (await storage.logId()) ? await storage.eventsAfter(subscriber.agent.id, from.seq) : undefined;
        if (!events) return answer({ snapshotRequired: true });
        answer({ events });
        if (!subscriber.open) return;
        pushes.subscribe(subscriber, events.at(-1)?.seq ?? from.seq);
      }),

    unsubscribe: pushes.unsubscribe,

    pick: (agent: Agent, id: string) => serialize(() => pick(agent, id)),
    accept: (agent: Agent, id: string) => serialize(() => accept(agent, id)),
    reject: (agent: Agent, id: string) => serialize(() => reject(agent, id)),
    sendMessage: (agent: Agent, message: OutgoingMessage) => serialize(() => sendMessage(agent, message)),
    addNote: (agent: Agent, note: OutgoingNote) => serialize(() => addNote(agent, note)),
    endChat: (agent: Agent, id: string) => serialize(() => endChat(agent, id)),
    markRead: (agent: Agent, id: string) => serialize(() => markRead(agent, id)),
    /** Typing is relayed, not stored: outside the queue of changes (typing.ts). */
    sendTyping: typing.sendTyping,
    customerSeesAgentTyping: typing.customerSeesAgentTyping,
    /** The customer types or stopped; with `caller`, only in a conversation that is not another agent's. */
    customerTyping: async (id: string, typed: boolean, caller?: Agent) =>
      typing.customerTyping(await requireDemoTarget(id, caller), typed),
    storeUpload,
    upload: (id: string) => storage.upload(id),
    listMessages,
    listPreviousConversations,
    listNotes,
    searchConversations: (agent: Agent, query: string, options?: PageOptions) =>
      searchConversations(storage, agent, query, options),
    fileTypePolicy: (): FileTypePolicyOptions => ({
      ...filePolicyOptions,
      allowed: [...filePolicy.allowed],
      maxBytes: filePolicy.maxBytes,
      maxPixels: filePolicy.maxPixels,
    }),
    /** Largest upload the policy allows: the HTTP layer stops reading beyond it. */
    maxUploadBytes: () => filePolicy.maxBytes,

    /** The customer writes; with `caller` (the demo's controls), only in a conversation that is not another agent's. */
    customerSays: (id: string, text: string, caller?: Agent) => serialize(() => customerSays(id, text, caller)),
    customerReads: (id: string) => serialize(() => customerReads(id)),
    /** The customer leaves; with `caller`, only a conversation that is not another agent's. */
    endByCustomer: (id: string, caller?: Agent) =>
      serialize(async () => end(await requireDemoTarget(id, caller), 'customer')),
    queueConversation: (wanted: NewConversation) => serialize(() => openConversation('queued', undefined, wanted)),
    offerConversation: (agentId: string, wanted: NewConversation) =>
      serialize(() => openConversation('offered', agentId, wanted)),
    queuedCount: () => storage.queuedCount(),
    /** The names customers in the agents' lists have, so a new simulated customer gets another. */
    customerNames: async () =>
      new Set((await listedConversations()).flatMap(({ customer }) => (customer.name ? [customer.name] : []))),
    /** No offer expires and nothing is pushed any more: the server is closing. */
    async dispose() {
      for (const timer of offerTimers) clearTimeout(timer);
      offerTimers.clear();
      clearInterval(offerSweep);
      typing.dispose();
      await pushes.dispose();
    },
    conversation: async (id: string) => (await storage.conversation(id))?.conversation,
    languageOf: async (id: string) => (await storage.conversation(id))?.language,
    /** Reloads the admin's file types after a change. */
    async reloadFileTypePolicy() {
      filePolicyOptions = await storage.fileTypePolicy();
      filePolicy = createFileTypePolicy(filePolicyOptions);
    },
  };
}

/** Where a file is served: relative to the upload endpoint, so the same record works behind any host or proxy. */
export const fileUrl = (uploadId: string) => `uploads/${encodeURIComponent(uploadId)}`;

/** The id of an upload's JPEG rendition (see storeRendition). */
const renditionId = (uploadId: string) => `${uploadId}-jpeg`;

function describeUpload(upload: StoredUpload, rendition?: StoredUpload): Attachment {
  const attachment: Attachment = {
    id: upload.id,
    name: upload.name,
    mimeType: upload.mimeType,
    size: upload.size,
    url: fileUrl(upload.id),
  };
  if (upload.width !== undefined) attachment.width = upload.width;
  if (upload.height !== undefined) attachment.height = upload.height;
  if (rendition) attachment.thumbnailUrl = fileUrl(rendition.id);
  return attachment;
}

/** Checks what a client may put in a location: numbers in range and a short label. */
export function isLocation(value: unknown): value is GeoLocation {
  if (typeof value !== 'object' || value === null) return false;
  const { latitude, longitude, accuracy, label } = value as Record<string, unknown>;
  return (
    typeof latitude === 'number' &&
    Math.abs(latitude) <= 90 &&
    typeof longitude === 'number' &&
    Math.abs(longitude) <= 180 &&
    (accuracy === undefined || (typeof accuracy === 'number' && accuracy >= 0)) &&
    (label === undefined || (typeof label === 'string' && label.length <= 200))
  );
}
