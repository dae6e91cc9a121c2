/**
 * The conversation store: the one object every element on a page shares.
 * It holds normalized state, derives the agent's lists, runs actions against the adapter
 * (optimistically where the agent expects instant feedback) and applies the backend's pushes,
 * so any number of elements and devices agree. No DOM, no Lit.
 */
import { createNanoEvents } from 'nanoevents';
import type { AdapterEvent, ConversationAdapter } from './adapter.js';
import { ConvError, toConvError } from './errors.js';
import type { FileTypePolicy } from './file-policy.js';
import { listOf } from './model.js';
import type { Agent, Attachment, Conversation, ConversationListName, GeoLocation, Message, Note, PreviousConversation } from './model.js';
import { createOutbox, retryDelay, type OutboxEntry, type OutboxFile } from './outbox.js';
import { createLocalLock, createMemoryStorage, randomId, type ExclusiveLock, type KeyValueStorage, type TabChannel } from './ports.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** What the agent is writing in one conversation; survives a reload when persistence is given. */
export interface Draft {
  text: string;
  /** Files chosen but not sent yet, kept whole (IndexedDB stores Blobs) so they return after a reload. */
  files?: readonly DraftFile[];
}

/** A draft as persistence keeps it: with the time of its last change. */
interface SavedDraft extends Draft {
  changedAt?: number;
}

const isSavedDraft = (value: unknown): value is SavedDraft =>
  typeof value === 'object' && value !== null && typeof (value as Draft).text === 'string' && ((value as Draft).files === undefined || Array.isArray((value as Draft).files));

/** A chosen file as the draft keeps it: the outbox's file before it is uploaded. */
export type DraftFile = Omit<OutboxFile, 'uploaded'>;

/** A file the agent chose, on its way to becoming an attachment. */
export interface OutgoingFile {
  blob: Blob;
  name: string;
  mimeType?: string;
  width?: number;
  height?: number;
}

export interface SendMessageInput {
  text?: string;
  files?: OutgoingFile[];
  location?: GeoLocation;
}

export interface MessagesState {
  items: readonly Message[];
  /** Older messages of this conversation not loaded yet. */
  olderCursor?: string;
  status: 'idle' | 'loading' | 'loaded' | 'error';
}

export interface PreviousConversationsState {
  items: readonly PreviousConversation[];
  cursor?: string;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  /** Every earlier conversation is shown. */
  complete: boolean;
}

export interface NotesState {
  /** Newest first. */
  items: readonly Note[];
  status: 'idle' | 'loading' | 'loaded' | 'error';
}

export type StoreAction = 'connect' | 'pick' | 'accept' | 'reject' | 'sendMessage' | 'loadMessages' | 'loadPreviousConversations' | 'loadNotes' | 'addNote' | 'endChat';

export interface StoreErrorEvent {
  action: StoreAction;
  conversationId?: string;
  error: ConvError;
}

/**
 * Change topics. Views subscribe to exactly the slice they render:
 * `conversation:<id>` (its record), `messages:<id>`, `notes:<id>`, `previous:<id>`, `draft:<id>`,
 * `list:<name>` (membership, order or an item of that list), `connection`, `error`.
 */
export type StoreTopic =
  | `conversation:${string}`
  | `messages:${string}`
  | `notes:${string}`
  | `previous:${string}`
  | `draft:${string}`
  | `list:${ConversationListName}`
  | 'connection'
  | 'error';

interface StoreEvents {
  [topic: string]: (payload?: unknown) => void;
}

export interface StorePersistence {
  storage: KeyValueStorage;
  /** One tab of the agent flushes the outbox at a time. */
  lock?: ExclusiveLock;
  /** The other tabs of the agent show the same outbox state. */
  channel?: TabChannel;
}

/** What tabs of the same agent tell each other about the outbox. */
type TabMessage = { type: 'outbox-entry'; entry: OutboxEntry } | { type: 'outbox-delivered'; entry: OutboxEntry; message: Message } | { type: 'outbox-removed'; conversationId: string; clientId: string };

export interface ConversationStoreOptions {
  adapter: ConversationAdapter;
  /** Checks files before anything is uploaded. Without one, files are not checked on the client. */
  fileTypePolicy?: FileTypePolicy;
  /**
   * Where the outbox and drafts live, per agent, and how tabs of the same agent coordinate
   * (`browserPersistence` keeps them in IndexedDB, with Web Locks and BroadcastChannel).
   * Default: this page's memory only.
   */
  persistence?: (agent: Agent) => StorePersistence;
  /** Any adapter call that takes longer fails as `network` (and a send is retried). Default 20 s. */
  requestTimeoutMs?: number;
  /**
   * The agent signing in, when the host knows it before the backend answers (from its own session).
   * A page opened while the backend is unreachable then shows this agent's outbox, drafts and last
   * known lists from `persistence` at once, instead of an empty workspace.
   */
  agent?: Agent;
  /** Outbox retry backoff. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Backoff between attempts of a first connection that fails: doubles from min to max, with jitter. Default 500 ms / 15 s, as the WebSocket adapter's reconnects. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  now?: () => number;
  createClientId?: () => string;
}

const LIST_NAMES: readonly ConversationListName[] = ['conversations', 'picklist', 'history', 'offered'];
const EMPTY_MESSAGES: MessagesState = Object.freeze({ items: Object.freeze([]) as readonly Message[], status: 'idle' as const });
const EMPTY_NOTES: NotesState = Object.freeze({ items: Object.freeze([]) as readonly Note[], status: 'idle' as const });
const EMPTY_PREVIOUS: PreviousConversationsState = Object.freeze({ items: Object.freeze([]) as readonly PreviousConversation[], status: 'idle' as const, complete: false });
const EMPTY_DRAFT: Draft = Object.freeze({ text: '' });
const CACHED_CONVERSATIONS = 'cache:conversations';
const DELIVERY_ORDER: Record<Message['status'], number> = { pending: 0, sending: 1, failed: 1, sent: 2, delivered: 3, read: 4 };

const byNewestActivity = (a: Conversation, b: Conversation) => (b.lastMessage?.at ?? b.updatedAt) - (a.lastMessage?.at ?? a.updatedAt);
const LIST_ORDER: Record<ConversationListName, (a: Conversation, b: Conversation) => number> = {
  conversations: byNewestActivity,
  // The customer who has waited longest comes first.
  picklist: (a, b) => a.createdAt - b.createdAt,
  offered: (a, b) => a.createdAt - b.createdAt,
  history: (a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt),
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConvError('network', `No answer from the backend within ${Math.round(ms / 1000)} s`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Messages sorted by time; equal times keep the order they arrived in. */
function insertMessage(items: readonly Message[], message: Message): Message[] {
  const next = items.slice();
  let index = next.length;
  while (index > 0 && next[index - 1]!.sentAt > message.sentAt) index--;
  next.splice(index, 0, message);
  return next;
}

function mergeMessage(existing: Message, incoming: Message): Message {
  // Delivery only moves forward; a late `sent` push must not undo `read`. A local failure is replaced by the backend's truth.
  const status = existing.status !== 'failed' && DELIVERY_ORDER[existing.status] > DELIVERY_ORDER[incoming.status] ? existing.status : incoming.status;
  const attachments = incoming.attachments.length ? incoming.attachments : existing.attachments;
  return { ...existing, ...incoming, attachments, status };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;

export function createConversationStore(options: ConversationStoreOptions) {
  const { adapter } = options;
  const now = options.now ?? Date.now;
  const createClientId = options.createClientId ?? randomId;
  const timeoutMs = options.requestTimeoutMs ?? 20_000;
  const emitter = createNanoEvents<StoreEvents>();

  let agent: Agent | undefined;
  let connection: ConnectionState = 'idle';
  let storage: KeyValueStorage = createMemoryStorage();
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, MessagesState>();
  const notes = new Map<string, NotesState>();
  const previous = new Map<string, PreviousConversationsState>();
  const drafts = new Map<string, Draft>();
  const uploadProgress = new Map<string, number>();
  const viewing = new Map<string, number>();
  const listCache = new Map<ConversationListName, readonly Conversation[]>();
  let lastEventAt = 0;

  const emit = (topic: StoreTopic, payload?: unknown) => emitter.emit(topic, payload);
  const call = <T>(promise: Promise<T>) => withTimeout(promise, timeoutMs);

  const fail = (action: StoreAction, raw: unknown, conversationId?: string): ConvError => {
    const error = toConvError(raw);
    emit('error', { action, conversationId, error } satisfies StoreErrorEvent);
    return error;
  };

  // ── conversations and lists ─────────────────────────────────────────────

  const touchLists = (...names: Array<ConversationListName | undefined>) => {
    for (const name of new Set(names)) {
      if (!name) continue;
      listCache.delete(name);
      emit(`list:${name}`);
    }
  };

  /** Replaces a conversation record and tells exactly the views that show it. */
  const putConversation = (next: Conversation) => {
    const before = conversations.get(next.id);
    conversations.set(next.id, next);
    cachedOnly.delete(next.id);
    emit(`conversation:${next.id}`);
    persistConversationsSoon();
    touchLists(before && listOf(before, agent?.id), listOf(next, agent?.id));
  };

  const removeConversation = (id: string) => {
    const before = conversations.get(id);
    if (!before) return;
    conversations.delete(id);
    emit(`conversation:${id}`);
    persistConversationsSoon();
    touchLists(listOf(before, agent?.id));
  };

  /** Backend truth wins unless it is older than what the store already has (pushes can arrive out of order). */
  const receiveConversation = (incoming: Conversation) => {
    const current = conversations.get(incoming.id);
    if (current && current.updatedAt > incoming.updatedAt) return;
    const unreadCount = viewing.has(incoming.id) ? 0 : incoming.unreadCount;
    putConversation({ ...incoming, unreadCount });
  };

  /** Applies a change at once and returns a rollback that only undoes it if nothing newer arrived since. */
  const optimistic = (id: string, change: Partial<Conversation>) => {
    const before = conversations.get(id);
    if (!before) throw new ConvError('invalid', 'Unknown conversation', { conversationId: id });
    const applied = { ...before, ...change };
    putConversation(applied);
    return () => {
      if (conversations.get(id) === applied) putConversation(before);
    };
  };

  const list = (name: ConversationListName): readonly Conversation[] => {
    let cached = listCache.get(name);
    if (!cached) {
      cached = Object.freeze([...conversations.values()].filter((c) => listOf(c, agent?.id) === name).sort(LIST_ORDER[name]));
      listCache.set(name, cached);
    }
    return cached;
  };

  // ── messages ────────────────────────────────────────────────────────────

  const putMessages = (conversationId: string, state: MessagesState) => {
    messages.set(conversationId, state);
    emit(`messages:${conversationId}`);
  };

  const receiveMessage = (incoming: Message, fromPush: boolean) => {
    const conversation = conversations.get(incoming.conversationId);
    if (!conversation) return; // a push for a conversation this agent cannot see: nothing to show
    const state = messages.get(incoming.conversationId) ?? EMPTY_MESSAGES;
    const index = state.items.findIndex((m) => m.clientId === incoming.clientId || (m.id !== undefined && m.id === incoming.id));
    const items = index === -1 ? insertMessage(state.items, incoming) : state.items.map((m, i) => (i === index ? mergeMessage(m, incoming) : m));
    putMessages(incoming.conversationId, { ...state, items });
    if (index === -1 && fromPush && (!conversation.lastMessage || conversation.lastMessage.at <= incoming.sentAt)) {
      const unread = incoming.author === 'customer' && !viewing.has(conversation.id) ? conversation.unreadCount + 1 : conversation.unreadCount;
      putConversation({ ...conversation, unreadCount: unread, lastMessage: { text: previewOf(incoming), author: incoming.author, at: incoming.sentAt } });
    }
  };

  const previewOf = (message: Message): string => {
    if (message.text.trim()) return message.text.trim().slice(0, 140);
    if (message.location) return '📍';
    if (message.attachments.length) return '📷';
    return '';
  };

  const showOutboxEntry = (entry: OutboxEntry) => {
    const state = entry.state === 'failed' ? 'failed' : entry.state === 'sending' ? 'sending' : 'pending';
    const attachments: Attachment[] = entry.files.map((file) => file.uploaded ?? { name: file.name, mimeType: file.mimeType, size: file.size, url: '', width: file.width, height: file.height });
    const message: Message = {
      clientId: entry.clientId,
      conversationId: entry.conversationId,
      author: 'agent',
      authorName: agent?.name,
      text: entry.text,
      attachments,
      location: entry.location,
      sentAt: entry.createdAt,
      status: state,
      errorCode: entry.errorCode,
    };
    const current = messages.get(entry.conversationId)?.items.find((m) => m.clientId === entry.clientId);
    if (current && DELIVERY_ORDER[current.status] >= DELIVERY_ORDER.sent) return; // the backend already confirmed it
    // Keep the local preview URLs the composer made until uploaded ones replace them.
    if (current) message.attachments = attachments.map((a, i) => (a.url ? a : { ...a, url: current.attachments[i]?.url ?? '' }));
    const conversationMessages = messages.get(entry.conversationId) ?? EMPTY_MESSAGES;
    const items = current ? conversationMessages.items.map((m) => (m.clientId === entry.clientId ? message : m)) : insertMessage(conversationMessages.items, message);
    putMessages(entry.conversationId, { ...conversationMessages, items });
  };

  let channel: TabChannel | undefined;
  let stopListeningToTabs: (() => void) | undefined;
  const tell = (message: TabMessage) => channel?.post(message);
  let outbox = createOutboxFor(storage, createLocalLock());

  function createOutboxFor(target: KeyValueStorage, lock: ExclusiveLock) {
    return createOutbox({
      storage: target,
      lock,
      now,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      onChange: (entry) => {
        showOutboxEntry(entry);
        tell({ type: 'outbox-entry', entry: { ...entry, files: entry.files.map((file) => ({ ...file })) } });
      },
      onDelivered: (entry, message) => {
        uploadProgress.delete(entry.clientId);
        receiveMessage({ ...message, clientId: entry.clientId }, true);
        tell({ type: 'outbox-delivered', entry, message });
      },
      deliver: async (entry, context) => {
        const attachments: Attachment[] = [];
        for (const [index, file] of entry.files.entries()) {
          if (file.uploaded) {
            attachments.push(file.uploaded);
            continue;
          }
          const uploaded = await call(
            adapter.uploadAttachment(file.blob, file.name, {
              conversationId: entry.conversationId,
              clientId: entry.clientId,
              signal: context.signal,
              onProgress: (fraction) => {
                uploadProgress.set(entry.clientId, (index + fraction) / entry.files.length);
                emit(`messages:${entry.conversationId}`);
              },
            }),
          );
          const attachment = { ...uploaded, width: uploaded.width ?? file.width, height: uploaded.height ?? file.height };
          await context.fileUploaded(index, attachment);
          attachments.push(attachment);
        }
        return call(adapter.sendMessage({ clientId: entry.clientId, conversationId: entry.conversationId, text: entry.text, attachments, location: entry.location }));
      },
    });
  }

  /** Another tab of this agent changed its outbox: show the same state, and be ready to take over its sending. */
  const hearFromTab = (raw: unknown) => {
    const message = raw as TabMessage;
    switch (message?.type) {
      case 'outbox-entry':
        outbox.adopt(message.entry);
        showOutboxEntry(message.entry);
        break;
      case 'outbox-delivered':
        outbox.forget(message.entry.clientId);
        receiveMessage({ ...message.message, clientId: message.entry.clientId }, false);
        break;
      case 'outbox-removed':
        outbox.forget(message.clientId);
        dropLocalMessage(message.conversationId, message.clientId);
        break;
    }
  };

  const dropLocalMessage = (conversationId: string, clientId: string) => {
    const state = messages.get(conversationId);
    if (state) putMessages(conversationId, { ...state, items: state.items.filter((m) => m.clientId !== clientId || DELIVERY_ORDER[m.status] >= DELIVERY_ORDER.sent) });
  };

  // ── pushes ──────────────────────────────────────────────────────────────

  const receive = (event: AdapterEvent) => {
    lastEventAt = now();
    switch (event.type) {
      case 'conversation':
        receiveConversation(event.conversation);
        break;
      case 'message':
        receiveMessage(event.message, true);
        break;
      case 'note':
        receiveNote(event.note);
        break;
      case 'conversation-removed':
        removeConversation(event.conversationId);
        break;
      case 'connection':
        setConnection(event.state);
        break;
    }
  };

  const setConnection = (state: ConnectionState) => {
    if (state === connection) return;
    connection = state;
    outbox.setOnline(state === 'online');
    emit('connection');
  };

  // ── notes ───────────────────────────────────────────────────────────────

  const receiveNote = (note: Note) => {
    const state = notes.get(note.conversationId) ?? EMPTY_NOTES;
    if (state.items.some((n) => n.id === note.id)) return;
    const items = [...state.items, note].sort((a, b) => b.createdAt - a.createdAt);
    notes.set(note.conversationId, { ...state, items });
    emit(`notes:${note.conversationId}`);
  };

  // ── drafts ──────────────────────────────────────────────────────────────

  /** When each draft last changed: a saved draft older than a message sent from it is stale. */
  const draftChangedAt = new Map<string, number>();
  const draftWrites = new Map<string, ReturnType<typeof setTimeout>>();

  const writeDraft = (conversationId: string): Promise<void> => {
    clearTimeout(draftWrites.get(conversationId));
    draftWrites.delete(conversationId);
    const draft = drafts.get(conversationId);
    if (!draft || !(draft.text || draft.files?.length)) return storage.del(`draft:${conversationId}`);
    const saved: SavedDraft = { ...draft, changedAt: draftChangedAt.get(conversationId) ?? now() };
    return storage.set(`draft:${conversationId}`, saved);
  };

  /** Debounced: typing writes to IndexedDB at most every 300 ms. */
  const persistDraftSoon = (conversationId: string) => {
    clearTimeout(draftWrites.get(conversationId));
    draftWrites.set(
      conversationId,
      setTimeout(() => void writeDraft(conversationId), 300),
    );
  };

  /**
   * Drafts a previous page left. A draft saved before a message that is still in the outbox was sent
   * from it (the page went away between saving the message and clearing the draft): it is dropped.
   */
  const restoreDrafts = async (waiting: readonly OutboxEntry[]) => {
    for (const [key, saved] of await storage.entries<SavedDraft>('draft:')) {
      const conversationId = key.slice('draft:'.length);
      if (drafts.has(conversationId) || !isSavedDraft(saved)) continue;
      const changedAt = saved.changedAt ?? 0;
      if (waiting.some((entry) => entry.conversationId === conversationId && entry.createdAt >= changedAt)) {
        void storage.del(key);
        continue;
      }
      drafts.set(conversationId, saved.files ? { text: saved.text, files: saved.files } : { text: saved.text });
      draftChangedAt.set(conversationId, changedAt);
      emit(`draft:${conversationId}`);
    }
  };

  // ── cached lists, for a page opened while the backend is unreachable ─────

  let cacheWrite: ReturnType<typeof setTimeout> | undefined;
  const persistConversationsSoon = () => {
    if (!options.persistence || cacheWrite) return;
    cacheWrite = setTimeout(() => {
      cacheWrite = undefined;
      void storage.set(CACHED_CONVERSATIONS, [...conversations.values()]);
    }, 1000);
  };

  /** Conversations shown from the cache; the first snapshot removes those the backend no longer has. */
  const cachedOnly = new Set<string>();
  const restoreConversations = async () => {
    const cached = await storage.get<unknown>(CACHED_CONVERSATIONS);
    if (!Array.isArray(cached)) return;
    for (const conversation of cached as Conversation[]) {
      if (typeof conversation?.id !== 'string' || conversations.has(conversation.id)) continue;
      conversations.set(conversation.id, conversation);
      cachedOnly.add(conversation.id);
    }
    for (const name of LIST_NAMES) touchLists(name);
  };

  // ── persistence per agent ───────────────────────────────────────────────

  let persistenceAgentId: string | undefined;

  /** Opens the agent's persistence: the outbox, the drafts (and, before the first snapshot, the cached lists) come back. */
  const openPersistence = async (signedIn: Agent, { fromCache }: { fromCache: boolean }) => {
    if (!options.persistence || persistenceAgentId === signedIn.id) return;
    if (persistenceAgentId !== undefined) forgetAgentState(); // someone else signed in than the page expected
    persistenceAgentId = signedIn.id;
    const persistence = options.persistence(signedIn);
    outbox.dispose();
    stopListeningToTabs?.();
    storage = persistence.storage;
    outbox = createOutboxFor(storage, persistence.lock ?? createLocalLock());
    outbox.setOnline(connection === 'online');
    channel = persistence.channel;
    stopListeningToTabs = channel?.subscribe(hearFromTab);
    if (fromCache) await restoreConversations();
    const waiting = await outbox.restore();
    for (const entry of waiting) showOutboxEntry(entry);
    await restoreDrafts(waiting);
  };

  /** What the page showed of the agent it expected; the agent the backend signed in starts clean. */
  const forgetAgentState = () => {
    for (const id of [...conversations.keys()]) removeConversation(id);
    for (const id of [...messages.keys()]) putMessages(id, EMPTY_MESSAGES);
    for (const id of [...drafts.keys()]) (drafts.delete(id), emit(`draft:${id}`));
    cachedOnly.clear();
    channel?.close();
    channel = undefined;
  };

  // ── the public object ───────────────────────────────────────────────────

  const requireConversation = (id: string): Conversation => {
    const conversation = conversations.get(id);
    if (!conversation) throw new ConvError('invalid', 'Unknown conversation', { conversationId: id });
    return conversation;
  };

  /** Pick and accept: the conversation becomes this agent's at once, and goes back if the backend refuses. */
  const takeOn = async (action: 'pick' | 'accept', conversationId: string): Promise<void> => {
    const rollback = optimistic(conversationId, { status: 'active', assigneeId: agent?.id });
    try {
      receiveConversation(await call(adapter[action](conversationId)));
    } catch (raw) {
      rollback();
      throw fail(action, raw, conversationId);
    }
  };

  let connecting: Promise<void> | undefined;
  /** Bumped by `disconnect()`: a connect loop of an older generation gives up. */
  let connectGeneration = 0;
  let wakeConnect: (() => void) | undefined;

  const waitBeforeRetry = (attempt: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, retryDelay(attempt, Math.random, options.reconnectMinMs ?? 500, options.reconnectMaxMs ?? 15_000));
      function done() {
        clearTimeout(timer);
        wakeConnect = undefined;
        resolve();
      }
      wakeConnect = done;
    });

  const connectUntilDone = async (): Promise<void> => {
    const generation = connectGeneration;
    setConnection('connecting');
    try {
      if (options.agent && !agent) {
        agent = options.agent; // until the backend says who signed in
        await openPersistence(agent, { fromCache: true });
      }
    } catch (raw) {
      fail('connect', raw); // unreadable persistence must not keep the agent from working
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const snapshot = await call(adapter.connect(receive));
        if (generation !== connectGeneration) throw new ConvError('network', 'Disconnected');
        await receiveSnapshot(snapshot);
        return;
      } catch (raw) {
        const error = toConvError(raw);
        if (generation !== connectGeneration) throw error;
        if (!error.retryable) {
          setConnection('offline');
          throw fail('connect', error);
        }
        setConnection('reconnecting');
        await waitBeforeRetry(attempt);
        if (generation !== connectGeneration) throw new ConvError('network', 'Disconnected');
      }
    }
  };

  const receiveSnapshot = async (snapshot: Awaited<ReturnType<ConversationAdapter['connect']>>) => {
    agent = snapshot.agent;
    await openPersistence(agent, { fromCache: false });
    const current = new Set(snapshot.conversations.map((conversation) => conversation.id));
    for (const id of cachedOnly) if (!current.has(id)) removeConversation(id);
    cachedOnly.clear();
    for (const conversation of snapshot.conversations) conversations.set(conversation.id, conversation);
    for (const name of LIST_NAMES) touchLists(name);
    persistConversationsSoon();
    setConnection('online');
  };

  const store = {
    // selectors
    get agent() {
      return agent;
    },
    get connection() {
      return connection;
    },
    /** When the backend last pushed anything: for a "last updated" hint. */
    get lastEventAt() {
      return lastEventAt;
    },
    conversation: (id: string): Conversation | undefined => conversations.get(id),
    /** Conversations (mine, active), Picklist (queued), History (ended), offered (waiting for my accept). */
    list,
    messages: (conversationId: string): MessagesState => messages.get(conversationId) ?? EMPTY_MESSAGES,
    notes: (conversationId: string): NotesState => notes.get(conversationId) ?? EMPTY_NOTES,
    previousConversations: (conversationId: string): PreviousConversationsState => previous.get(conversationId) ?? EMPTY_PREVIOUS,
    draft: (conversationId: string): Draft => drafts.get(conversationId) ?? EMPTY_DRAFT,
    /** 0…1 while a message's files upload. */
    uploadProgress: (clientId: string): number | undefined => uploadProgress.get(clientId),
    fileTypePolicy: options.fileTypePolicy,

    /** Subscribes to one slice; returns the unsubscribe function. */
    on(topic: StoreTopic, listener: (payload?: unknown) => void): () => void {
      return emitter.on(topic, listener);
    },
    onError(listener: (event: StoreErrorEvent) => void): () => void {
      return emitter.on('error', listener as (payload?: unknown) => void);
    },

    // actions
    /**
     * Connects and loads the agent's conversations. While the backend cannot be reached it keeps
     * trying, with backoff (the connection shows `reconnecting`, and with `options.agent` the outbox,
     * drafts and last known lists show meanwhile); it resolves once connected. It rejects only when
     * the backend refuses the agent (the connection is then `offline`) or `disconnect()` is called.
     */
    connect(): Promise<void> {
      connecting ??= connectUntilDone().finally(() => (connecting = undefined));
      return connecting;
    },

    disconnect(): void {
      connectGeneration++;
      wakeConnect?.();
      adapter.disconnect?.();
      outbox.dispose();
      persistenceAgentId = undefined; // connecting again opens the agent's persistence afresh
      stopListeningToTabs?.();
      channel?.close();
      channel = undefined;
      setConnection('idle');
    },

    /** Takes a conversation from the Picklist; it shows in Conversations at once, and goes back if someone else was first. */
    pick: (conversationId: string) => takeOn('pick', conversationId),

    /** Accepts a conversation offered to this agent; it shows in Conversations at once. */
    accept: (conversationId: string) => takeOn('accept', conversationId),

    async reject(conversationId: string): Promise<void> {
      const before = requireConversation(conversationId);
      removeConversation(conversationId);
      try {
        await call(adapter.reject(conversationId));
      } catch (raw) {
        if (!conversations.has(conversationId)) putConversation(before);
        throw fail('reject', raw, conversationId);
      }
    },

    /** Ends the chat; it moves to History at once. Ending an ended chat changes nothing. */
    async endChat(conversationId: string): Promise<void> {
      const conversation = requireConversation(conversationId);
      if (conversation.status === 'ended') return;
      const rollback = optimistic(conversationId, { status: 'ended', endedAt: now() });
      try {
        receiveConversation(await call(adapter.endChat(conversationId)));
      } catch (raw) {
        rollback();
        throw fail('endChat', raw, conversationId);
      }
    },

    /**
     * Sends text, photos and/or a location. The message shows at once (`pending`) and is kept in the
     * outbox until the backend confirms it. Files the policy refuses reject with `invalid` and nothing is sent.
     * Resolves with the clientId once the message is safely queued.
     */
    async sendMessage(conversationId: string, input: SendMessageInput): Promise<string> {
      try {
        const conversation = requireConversation(conversationId);
        if (conversation.status !== 'active' || conversation.assigneeId !== agent?.id) throw new ConvError('forbidden', 'This conversation is not yours to write in');
        const text = (input.text ?? '').trim();
        const chosen = input.files ?? [];
        if (!text && chosen.length === 0 && !input.location) throw new ConvError('invalid', 'Nothing to send');
        const files: OutboxFile[] = [];
        for (const file of chosen) {
          const named = { name: file.name, type: file.mimeType ?? file.blob.type, size: file.blob.size, slice: (start?: number, end?: number) => file.blob.slice(start, end) };
          const verdict = options.fileTypePolicy ? await options.fileTypePolicy.check(named) : undefined;
          if (verdict && !verdict.ok) throw new ConvError('invalid', verdict.message, { reason: verdict.reason, fileName: file.name });
          files.push({ name: file.name, mimeType: (verdict?.ok && verdict.mimeType) || file.mimeType || file.blob.type, size: file.blob.size, blob: file.blob, width: file.width ?? (verdict?.ok ? verdict.width : undefined), height: file.height ?? (verdict?.ok ? verdict.height : undefined) });
        }
        const clientId = createClientId();
        const entry = { clientId, conversationId, text, files, location: input.location, createdAt: now() };
        showOutboxEntry({ ...entry, attempts: 0, state: 'waiting' });
        const queued = await outbox.add(entry);
        if (queued.createdAt !== entry.createdAt && queued.state === 'waiting') showOutboxEntry(queued);
        // Cleared right after the message is saved, never on a timer: no reload can bring sent text back.
        drafts.delete(conversationId);
        draftChangedAt.delete(conversationId);
        void writeDraft(conversationId);
        emit(`draft:${conversationId}`);
        return clientId;
      } catch (raw) {
        throw fail('sendMessage', raw, conversationId);
      }
    },

    /** Sends a failed message again, with the same clientId. */
    retryMessage: (clientId: string) => outbox.retry(clientId),

    /** Drops a waiting or failed message (cancelling its upload); nothing reaches the customer. */
    async deleteMessage(conversationId: string, clientId: string): Promise<void> {
      await outbox.remove(clientId);
      uploadProgress.delete(clientId);
      dropLocalMessage(conversationId, clientId);
      tell({ type: 'outbox-removed', conversationId, clientId });
    },

    /** Loads the newest page of a conversation's messages (once), or the next older page. */
    async loadMessages(conversationId: string, { older = false } = {}): Promise<void> {
      const state = messages.get(conversationId) ?? EMPTY_MESSAGES;
      if (state.status === 'loading' || (older ? !state.olderCursor : state.status === 'loaded')) return;
      putMessages(conversationId, { ...state, status: 'loading' });
      try {
        const page = await call(adapter.listMessages(conversationId, older ? { cursor: state.olderCursor } : {}));
        const current = messages.get(conversationId) ?? EMPTY_MESSAGES;
        const known = new Set(current.items.map((m) => m.clientId));
        let items = current.items.slice();
        for (const message of page.items) if (!known.has(message.clientId)) items = insertMessage(items, message);
        const olderCursor = older || current.status !== 'loaded' ? page.nextCursor : current.olderCursor;
        putMessages(conversationId, { items, olderCursor, status: 'loaded' });
      } catch (raw) {
        putMessages(conversationId, { ...(messages.get(conversationId) ?? state), status: 'error' });
        throw fail('loadMessages', raw, conversationId);
      }
    },

    /** Loads the next page of the customer's earlier conversations (most recent first). */
    async loadPreviousConversations(conversationId: string): Promise<void> {
      const state = previous.get(conversationId) ?? EMPTY_PREVIOUS;
      if (state.status === 'loading' || state.complete) return;
      previous.set(conversationId, { ...state, status: 'loading' });
      emit(`previous:${conversationId}`);
      try {
        const page = await call(adapter.listPreviousConversations(conversationId, state.cursor ? { cursor: state.cursor } : {}));
        const known = new Set(state.items.map((p) => p.conversation.id));
        const items = [...state.items, ...page.items.filter((p) => !known.has(p.conversation.id))];
        previous.set(conversationId, { items, cursor: page.nextCursor, status: 'loaded', complete: !page.nextCursor });
      } catch (raw) {
        previous.set(conversationId, { ...state, status: 'error' });
        throw fail('loadPreviousConversations', raw, conversationId);
      } finally {
        emit(`previous:${conversationId}`);
      }
    },

    async loadNotes(conversationId: string): Promise<void> {
      const state = notes.get(conversationId) ?? EMPTY_NOTES;
      if (state.status === 'loading') return;
      notes.set(conversationId, { ...state, status: 'loading' });
      emit(`notes:${conversationId}`);
      try {
        const loaded = await call(adapter.listNotes(conversationId));
        const byId = new Map([...(notes.get(conversationId)?.items ?? []), ...loaded].map((n) => [n.id, n]));
        notes.set(conversationId, { items: [...byId.values()].sort((a, b) => b.createdAt - a.createdAt), status: 'loaded' });
      } catch (raw) {
        notes.set(conversationId, { ...state, status: 'error' });
        throw fail('loadNotes', raw, conversationId);
      } finally {
        emit(`notes:${conversationId}`);
      }
    },

    /** Saves an internal note. Notes travel only through adapter.addNote, never to the customer. */
    async addNote(conversationId: string, text: string): Promise<Note> {
      try {
        requireConversation(conversationId);
        const trimmed = text.trim();
        if (!trimmed) throw new ConvError('invalid', 'The note is empty');
        const note = await call(adapter.addNote(conversationId, trimmed));
        receiveNote(note);
        return note;
      } catch (raw) {
        throw fail('addNote', raw, conversationId);
      }
    },

    setDraft(conversationId: string, draft: Draft): void {
      drafts.set(conversationId, draft);
      draftChangedAt.set(conversationId, now());
      persistDraftSoon(conversationId);
      emit(`draft:${conversationId}`);
    },

    /** A view shows this conversation: its unread count stays at zero while it does. Returns the "stopped viewing" function. */
    view(conversationId: string): () => void {
      viewing.set(conversationId, (viewing.get(conversationId) ?? 0) + 1);
      const conversation = conversations.get(conversationId);
      if (conversation && conversation.unreadCount > 0) putConversation({ ...conversation, unreadCount: 0 });
      return () => {
        const count = (viewing.get(conversationId) ?? 1) - 1;
        if (count > 0) viewing.set(conversationId, count);
        else viewing.delete(conversationId);
      };
    },

    /** Messages still in the outbox (waiting, sending or failed). */
    pendingMessages: () => outbox.entries().map((entry) => ({ clientId: entry.clientId, conversationId: entry.conversationId, state: entry.state })),
  };
  return store;
}
