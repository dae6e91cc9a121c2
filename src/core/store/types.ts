/**
 * The store's public vocabulary: its state slices, options, change topics and the
 * {@link ConversationStore} interface every element and host programs against.
 */
import type { ConversationAdapter } from '../adapter.js';
import type { ConvError } from '../errors.js';
import type { FileTypePolicy } from '../file-policy.js';
import type {
  Agent,
  Conversation,
  ConversationListName,
  GeoLocation,
  Message,
  Note,
  PreviousConversation,
  StandardResponse,
} from '../model.js';
import type { OutboxFile } from '../outbox.js';
import type { ExclusiveLock, KeyValueStorage, PhotoPreparer, TabChannel } from '../ports.js';
import type { InvalidDataEvent } from '../validate.js';

export type { CheckedItem, InvalidDataEvent, InvalidField } from '../validate.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** What the agent is writing in one conversation; survives a reload when persistence is given. */
export interface Draft {
  text: string;
  /** Files chosen but not sent yet, kept whole (IndexedDB stores Blobs) so they return after a reload. */
  files?: readonly DraftFile[];
}

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

export type StoreAction =
  | 'connect'
  | 'pick'
  | 'accept'
  | 'reject'
  | 'sendMessage'
  | 'loadMessages'
  | 'loadPreviousConversations'
  | 'loadNotes'
  | 'addNote'
  | 'endChat'
  | 'searchConversations'
  | 'listStandardResponses'
  /** Something the backend pushed. */
  | 'push';

export interface StoreErrorEvent {
  action: StoreAction;
  conversationId?: string;
  error: ConvError;
}

/**
 * Change topics. Views subscribe to exactly the slice they render:
 * `conversation:<id>` (its record), `messages:<id>`, `notes:<id>`, `previous:<id>`, `draft:<id>`,
 * `typing:<id>` (the customer started or stopped typing), `list:<name>` (membership, order or an item
 * of that list, its customer's typing included), `connection`, `error`, and
 * `invalid-data` (an {@link InvalidDataEvent} for each wrong field of what the backend sent; each
 * also comes on `error` as an `invalid` error whose `details` are that event).
 */
export type StoreTopic =
  | `conversation:${string}`
  | `messages:${string}`
  | `notes:${string}`
  | `previous:${string}`
  | `draft:${string}`
  | `typing:${string}`
  | `list:${ConversationListName}`
  | 'connection'
  | 'error'
  | 'invalid-data';

export interface StorePersistence {
  storage: KeyValueStorage;
  /** One tab of the agent flushes the outbox at a time. */
  lock?: ExclusiveLock;
  /** The other tabs of the agent show the same outbox state. */
  channel?: TabChannel;
}

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
  /**
   * Gets a chosen photo ready to leave the device (the browser default re-encodes JPEG and PNG, so
   * no EXIF or GPS data reaches the customer). `createConversationStore` from `conv-kit` supplies it;
   * the DOM-free `conv-kit/core` store sends photos as chosen unless one is given.
   */
  preparePhoto?: PhotoPreparer;
  /**
   * Typing's timings: how long a customer's typing shows without a repeat (default 6 s), how often the
   * agent's is repeated while they type (3 s), how long the agent types nothing before it stops (5 s).
   */
  typingTimings?: { expiresMs?: number; repeatMs?: number; idleMs?: number };
  now?: () => number;
  createClientId?: () => string;
}

/** The optional adapter methods; the elements hide what the adapter lacks. */
export type OptionalAdapterMethod = 'searchConversations' | 'listStandardResponses' | 'sendTyping';

/** One page of what `searchConversations` found; no `nextCursor` means there is nothing more. */
export interface ConversationSearchPage {
  conversationIds: string[];
  nextCursor?: string;
}

/** A message still in the outbox, as `pendingMessages()` lists it. */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  state: 'waiting' | 'sending' | 'failed';
}

/**
 * The one object every element on a page shares. Selectors return frozen snapshots that change
 * identity only when their slice changes; `on(topic)` says when. Actions run against the adapter,
 * optimistically where the agent expects instant feedback, and reject with a {@link ConvError}
 * (also announced through `onError`).
 */
export interface ConversationStore {
  /** Who is signed in: the backend's answer, or `options.agent` until it comes. */
  readonly agent: Agent | undefined;
  readonly connection: ConnectionState;
  /** When the backend last pushed anything: for a "last updated" hint. */
  readonly lastEventAt: number;
  readonly fileTypePolicy: FileTypePolicy | undefined;
  conversation(id: string): Conversation | undefined;
  /** Conversations (mine, active), Picklist (queued), History (ended), offered (waiting for my accept). */
  list(name: ConversationListName): readonly Conversation[];
  messages(conversationId: string): MessagesState;
  notes(conversationId: string): NotesState;
  previousConversations(conversationId: string): PreviousConversationsState;
  draft(conversationId: string): Draft;
  /** 0…1 while a message's files upload. */
  uploadProgress(clientId: string): number | undefined;
  /** Messages still in the outbox (waiting, sending or failed). */
  pendingMessages(): PendingMessage[];
  /** The customer is typing in this conversation now (`typing:<id>` says when that changes). */
  isCustomerTyping(conversationId: string): boolean;

  /** Subscribes to one slice; returns the unsubscribe function. */
  on(topic: 'invalid-data', listener: (event: InvalidDataEvent) => void): () => void;
  on(topic: StoreTopic, listener: (payload?: unknown) => void): () => void;
  onError(listener: (event: StoreErrorEvent) => void): () => void;

  /**
   * Connects and loads the agent's conversations. While the backend cannot be reached it keeps
   * trying, with backoff (the connection shows `reconnecting`, and with `options.agent` the outbox,
   * drafts and last known lists show meanwhile); it resolves once connected. It rejects only when
   * the backend refuses the agent (the connection is then `offline`) or `disconnect()` is called.
   */
  connect(): Promise<void>;
  disconnect(): void;
  /** Takes a conversation from the Picklist; it shows in Conversations at once, and goes back if someone else was first. */
  pick(conversationId: string): Promise<void>;
  /** Accepts a conversation offered to this agent; it shows in Conversations at once. */
  accept(conversationId: string): Promise<void>;
  reject(conversationId: string): Promise<void>;
  /** Ends the chat; it moves to History at once. Ending an ended chat changes nothing. */
  endChat(conversationId: string): Promise<void>;
  /**
   * Sends text, photos and/or a location. The message shows at once (`pending`) and is kept in the
   * outbox until the backend confirms it. Files the policy refuses reject with `invalid` and nothing
   * is sent. Resolves with the clientId once the message is safely queued.
   */
  sendMessage(conversationId: string, input: SendMessageInput): Promise<string>;
  /** Sends a failed message again, with the same clientId. */
  retryMessage(clientId: string): Promise<void>;
  /** Drops a waiting or failed message (cancelling its upload); nothing reaches the customer. */
  deleteMessage(conversationId: string, clientId: string): Promise<void>;
  /** Loads the newest page of a conversation's messages (once), or the next older page. */
  loadMessages(conversationId: string, options?: { older?: boolean }): Promise<void>;
  /** Loads the next page of the customer's earlier conversations (most recent first). */
  loadPreviousConversations(conversationId: string): Promise<void>;
  loadNotes(conversationId: string): Promise<void>;
  /**
   * Saves an internal note. Notes travel only through adapter.addNote, never to the customer. Saving
   * the same text again after a failure or a timeout is the same note (the same clientId), never a second.
   */
  addNote(conversationId: string, text: string): Promise<Note>;
  /**
   * Keeps what the agent is writing. A change of its text also shows the customer that the agent is
   * typing (`adapter.sendTyping`, throttled), and an emptied text that they stopped.
   */
  setDraft(conversationId: string, draft: Draft): void;
  /** Gets a chosen photo ready to upload through `options.preparePhoto` (as chosen without one). */
  preparePhoto: PhotoPreparer;
  /**
   * A view shows this conversation: its unread count stays at zero while it does, and the backend hears
   * it is read (`adapter.markRead`, throttled), so the agent's other devices clear it too. Returns the
   * "stopped viewing" function.
   */
  view(conversationId: string): () => void;

  /** Whether the adapter has this optional method. */
  supports(method: OptionalAdapterMethod): boolean;
  /**
   * Asks the backend for conversations matching `query` (`adapter.searchConversations`), a page at a
   * time (pass the previous page's `nextCursor`). What it finds joins the store (History shows it).
   * Rejects with `invalid` when the adapter cannot search.
   */
  searchConversations(query: string, cursor?: string): Promise<ConversationSearchPage>;
  /** The agent's standard responses, loaded once (`adapter.listStandardResponses`; none without it); a failed load is tried again on the next call. */
  standardResponses(): Promise<readonly StandardResponse[]>;
}
