/**
 * Everything the reference server keeps, behind one interface. SQLite (sqlite-storage.ts) is the
 * embedded default for one process; PostgreSQL (pg-storage.ts) lets several processes share one
 * state, through the two optional methods at the end (`transaction`, `watchEvents`).
 *
 * Every method is async so a networked database fits. Three operations must be atomic in the
 * database itself, because they decide races between agents and retries:
 * - `replaceConversation` writes only if nobody changed the conversation since it was read
 *   (compare-and-set on `updatedAt`): that is how the first pick wins;
 * - `insertMessage` stores a clientId once (a unique index): that is how a resent message is
 *   not stored twice;
 * - `insertNote` does the same for notes, with their own unique clientId.
 */
import type { SequencedEvent, ServerEvent } from '../../src/adapters/websocket.js';
import type { FileTypePolicyOptions } from '../../src/core/file-policy.js';
import type { Agent, Conversation, Message, Note } from '../../src/core/model.js';

export interface StoredConversation {
  conversation: Conversation;
  /** The language the customer writes in, for the simulated customers' answers. */
  language: string;
}

export interface StoredMessage {
  message: Message;
  /** The agent who sent it; none for customer and system messages. */
  senderId?: string;
}

export interface MessageSlice {
  /** Oldest first. */
  items: Message[];
  /** Where the oldest item sits, for the next older page; undefined when there are no items. */
  oldestPosition?: number;
  /** Older messages exist before this slice. */
  hasOlder: boolean;
}

export interface StoredUpload {
  id: string;
  agentId: string;
  conversationId: string;
  clientId: string;
  name: string;
  mimeType: string;
  size: number;
  width?: number;
  height?: number;
  bytes: Uint8Array;
  createdAt: number;
}

/** An upload as both databases keep it: one row, columns in snake case, the bytes as a Buffer. */
export interface UploadRow {
  id: string;
  agent_id: string;
  conversation_id: string;
  client_id: string;
  name: string;
  mime_type: string;
  size: number;
  width: number | null;
  height: number | null;
  bytes: Buffer;
  created_at: number;
}

export function uploadFromRow(row: UploadRow): StoredUpload {
  const upload: StoredUpload = {
    id: row.id,
    agentId: row.agent_id,
    conversationId: row.conversation_id,
    clientId: row.client_id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    bytes: new Uint8Array(row.bytes),
    createdAt: row.created_at,
  };
  if (row.width !== null) upload.width = row.width;
  if (row.height !== null) upload.height = row.height;
  return upload;
}

/** What an empty database starts with. */
export interface SeedData {
  agents: ReadonlyArray<{ agent: Agent; token: string }>;
  conversations: readonly StoredConversation[];
  /** Oldest first within each conversation. */
  messages: readonly Message[];
  notes: readonly Note[];
  fileTypePolicy: FileTypePolicyOptions;
}

export interface Storage {
  /** Fills an empty database in one transaction; false (and nothing written) when it holds data already. */
  seed(data: SeedData): Promise<boolean>;

  /**
   * The agent a token belongs to. Tokens are never kept in the clear: each is stored salted and
   * hashed with scrypt (tokens.ts), so two agents with the same token store different values.
   */
  agentByToken(token: string): Promise<Agent | undefined>;
  agents(): Promise<Agent[]>;

  conversation(id: string): Promise<StoredConversation | undefined>;
  /** Queued, or assigned to the agent (offered, active, ended). */
  conversationsListedFor(agentId: string): Promise<Conversation[]>;
  /** Queued, ended (by anyone) or assigned to the agent: what the agent may read, for searching. Optional (search then covers what is listed). */
  readableConversations?(agentId: string): Promise<Conversation[]>;
  /** Every conversation of one customer, any status. */
  conversationsOfCustomer(customerId: string): Promise<Conversation[]>;
  /** Every conversation offered to some agent and not answered yet; optional (the service then asks per agent). */
  offeredConversations?(): Promise<Conversation[]>;
  /** How many conversations wait in the Picklist. */
  queuedCount(): Promise<number>;
  insertConversation(conversation: Conversation, language: string): Promise<void>;
  /** Writes `next` if the stored one still has `expectedUpdatedAt`; false when someone changed it first. */
  replaceConversation(next: Conversation, expectedUpdatedAt: number): Promise<boolean>;

  /** The newest `limit` messages older than `beforePosition` (or the newest of all). */
  messageSlice(conversationId: string, limit: number, beforePosition?: number): Promise<MessageSlice>;
  /** Every message of a conversation, oldest first. */
  allMessages(conversationId: string): Promise<Message[]>;
  messageByClientId(clientId: string): Promise<StoredMessage | undefined>;
  /** Stores the message unless its clientId is stored already; answers with what is stored either way. */
  insertMessage(message: Message, senderId?: string): Promise<{ stored: StoredMessage; inserted: boolean }>;
  /** Replaces a stored message (same id): a delivery status moving on. */
  updateMessage(message: Message): Promise<void>;

  /** Oldest first. */
  notes(conversationId: string): Promise<Note[]>;
  noteByClientId(clientId: string): Promise<Note | undefined>;
  /** Stores the note under `clientId` unless that clientId is stored already; answers with what is stored either way. */
  insertNote(note: Note, clientId: string): Promise<{ stored: Note; inserted: boolean }>;

  insertUpload(upload: StoredUpload): Promise<void>;
  upload(id: string): Promise<StoredUpload | undefined>;

  /** The id of this event log: it changes only when the data starts afresh, so old sequence numbers mean nothing. */
  logId(): Promise<string>;
  /** Appends one event per agent, numbered per agent; keeps only each agent's latest events (a bounded log). */
  appendEvents(entries: ReadonlyArray<{ agentId: string; event: ServerEvent }>): Promise<number[]>;
  latestSeq(agentId: string): Promise<number>;
  /** Every event after `seq`, oldest first; undefined when the log no longer reaches back that far. */
  eventsAfter(agentId: string, seq: number): Promise<SequencedEvent[] | undefined>;

  /** The admin's file types. */
  fileTypePolicy(): Promise<FileTypePolicyOptions>;
  /** The latest time stored anywhere, so new timestamps keep growing after a restart. */
  latestTime(): Promise<number>;

  /**
   * Runs `work` as one database transaction: every storage call made inside it (in the same async
   * context) commits together or not at all. A storage shared by several processes has it; with
   * it, the service makes each change one transaction that also appends its events, and runs a
   * change again when it was raced. A conversation read inside it may be locked until it ends. It rejects with an error whose `retryable` is true when the
   * database gave up on the transaction (a deadlock, a serialization failure).
   */
  transaction?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after any process committed events to an agent's log (`agentId`, its newest
   * `seq`), and with `undefined` when notices may have been missed (the listening connection came
   * back): then every agent's log may have grown. Returns a function that stops listening.
   */
  watchEvents?(listener: (agentId: string | undefined, seq: number) => void): Promise<() => Promise<void>>;

  close(): Promise<void>;
}

/** Whether a failed change may simply run again (see `Storage.transaction`). */
export const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
