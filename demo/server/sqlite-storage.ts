/**
 * The reference server's storage in SQLite (better-sqlite3): one file, written synchronously,
 * in WAL mode so a killed server loses no committed write. Records are kept as JSON next to the
 * columns that are searched or constrained, which maps one to one onto PostgreSQL `jsonb`.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SequencedEvent, ServerEvent } from '../../src/adapters/websocket.js';
import type { FileTypePolicyOptions } from '../../src/core/file-policy.js';
import type { Agent, Conversation, Message, Note } from '../../src/core/model.js';
import {
  uploadFromRow,
  type MessageSlice,
  type SeedData,
  type Storage,
  type StoredConversation,
  type StoredMessage,
  type UploadRow,
} from './storage.js';
import { hashToken, isCurrentHash, verifyToken } from './tokens.js';

export interface SqliteStorageOptions {
  /** The database file; `:memory:` for a throwaway one. */
  file: string;
  /** How many events the log keeps per agent. Default 1000. */
  eventLogSize?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE
  );
  CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee_id TEXT,
    updated_at INTEGER NOT NULL,
    language TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS conversations_by_status ON conversations (status, assignee_id);
  CREATE INDEX IF NOT EXISTS conversations_by_customer ON conversations (customer_id);
  CREATE TABLE IF NOT EXISTS messages (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    sender_id TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages (conversation_id, position);
  CREATE TABLE IF NOT EXISTS notes (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notes_by_conversation ON notes (conversation_id, created_at);
  CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS events (
    agent_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (agent_id, seq)
  ) WITHOUT ROWID;
`;

/**
 * Brings a database from an earlier version up to this schema, in one immediate transaction so two
 * servers starting on the same file do not both change it. Notes had no clientId: each stored note
 * takes its own id as its clientId. Then notes are unique by clientId, as messages are.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('notes')").all();
    if (!columns.some((column) => column.name === 'client_id')) {
      db.exec('ALTER TABLE notes ADD COLUMN client_id TEXT');
      db.exec('UPDATE notes SET client_id = id WHERE client_id IS NULL');
    }
    db.exec('CREATE UNIQUE INDEX IF NOT EXISTS notes_by_client_id ON notes (client_id)');
  }).immediate();
}

interface ConversationRow {
  data: string;
  language: string;
}
interface MessageRow {
  position: number;
  data: string;
  sender_id: string | null;
}

export function createSqliteStorage(options: SqliteStorageOptions): Storage {
  // A new folder is the user's alone: the file holds the conversations and the agents' token hashes.
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrate(db);
  const eventLogSize = options.eventLogSize ?? 1000;

  const statements = {
    meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    credentials: db.prepare<[], Agent & { token_hash: string }>('SELECT id, name, token_hash FROM agents ORDER BY id'),
    setTokenHash: db.prepare('UPDATE agents SET token_hash = ? WHERE id = ? AND token_hash = ?'),
    agents: db.prepare<[], Agent>('SELECT id, name FROM agents ORDER BY id'),
    insertAgent: db.prepare('INSERT INTO agents (id, name, token_hash) VALUES (?, ?, ?)'),
    conversation: db.prepare<[string], ConversationRow>('SELECT data, language FROM conversations WHERE id = ?'),
    listedFor: db.prepare<[string], ConversationRow>(
      "SELECT data, language FROM conversations WHERE status = 'queued' OR assignee_id = ?",
    ),
    readableBy: db.prepare<[string], ConversationRow>(
      "SELECT data, language FROM conversations WHERE status IN ('queued', 'ended') OR assignee_id = ?",
    ),
    ofCustomer: db.prepare<[string], ConversationRow>('SELECT data, language FROM conversations WHERE customer_id = ?'),
    queuedCount: db.prepare<[], { count: number }>(
      "SELECT count(*) AS count FROM conversations WHERE status = 'queued'",
    ),
    insertConversation: db.prepare(
      'INSERT INTO conversations (id, customer_id, status, assignee_id, updated_at, language, data) VALUES (@id, @customerId, @status, @assigneeId, @updatedAt, @language, @data)',
    ),
    replaceConversation: db.prepare(
      'UPDATE conversations SET status = @status, assignee_id = @assigneeId, updated_at = @updatedAt, data = @data WHERE id = @id AND updated_at = @expected',
    ),
    newestMessages: db.prepare<[string, number], MessageRow>(
      'SELECT position, data, sender_id FROM messages WHERE conversation_id = ? ORDER BY position DESC LIMIT ?',
    ),
    olderMessages: db.prepare<[string, number, number], MessageRow>(
      'SELECT position, data, sender_id FROM messages WHERE conversation_id = ? AND position < ? ORDER BY position DESC LIMIT ?',
    ),
    anyOlder: db.prepare<[string, number], { found: number }>(
      'SELECT 1 AS found FROM messages WHERE conversation_id = ? AND position < ? LIMIT 1',
    ),
    allMessages: db.prepare<[string], MessageRow>(
      'SELECT position, data, sender_id FROM messages WHERE conversation_id = ? ORDER BY position',
    ),
    messageByClientId: db.prepare<[string], MessageRow>(
      'SELECT position, data, sender_id FROM messages WHERE client_id = ?',
    ),
    insertMessage: db.prepare(
      'INSERT INTO messages (id, client_id, conversation_id, sender_id, data) VALUES (@id, @clientId, @conversationId, @senderId, @data) ON CONFLICT (client_id) DO NOTHING',
    ),
    updateMessage: db.prepare('UPDATE messages SET data = @data WHERE id = @id'),
    notes: db.prepare<[string], { data: string }>(
      'SELECT data FROM notes WHERE conversation_id = ? ORDER BY created_at, rowid',
    ),
    noteByClientId: db.prepare<[string], { data: string }>('SELECT data FROM notes WHERE client_id = ?'),
    insertNote: db.prepare(
      'INSERT INTO notes (id, client_id, conversation_id, created_at, data) VALUES (@id, @clientId, @conversationId, @createdAt, @data) ON CONFLICT (client_id) DO NOTHING',
    ),
    insertUpload: db.prepare(
      'INSERT INTO uploads (id, agent_id, conversation_id, client_id, name, mime_type, size, width, height, bytes, created_at) VALUES (@id, @agentId, @conversationId, @clientId, @name, @mimeType, @size, @width, @height, @bytes, @createdAt)',
    ),
    upload: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?'),
    latestSeq: db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM events WHERE agent_id = ?'),
    oldestSeq: db.prepare<[string], { seq: number | null }>('SELECT min(seq) AS seq FROM events WHERE agent_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (agent_id, seq, event) VALUES (?, ?, ?)'),
    trimEvents: db.prepare('DELETE FROM events WHERE agent_id = ? AND seq <= ?'),
    eventsAfter: db.prepare<[string, number], { seq: number; event: string }>(
      'SELECT seq, event FROM events WHERE agent_id = ? AND seq > ? ORDER BY seq',
    ),
    latestTime: db.prepare<[], { at: number | null }>('SELECT max(updated_at) AS at FROM conversations'),
  };

  const toConversation = (row: ConversationRow): StoredConversation => ({
    conversation: JSON.parse(row.data) as Conversation,
    language: row.language,
  });
  const toMessage = (row: MessageRow): StoredMessage => {
    const stored: StoredMessage = { message: JSON.parse(row.data) as Message };
    if (row.sender_id !== null) stored.senderId = row.sender_id;
    return stored;
  };
  const conversationParams = (conversation: Conversation) => ({
    id: conversation.id,
    customerId: conversation.customer.id,
    status: conversation.status,
    assigneeId: conversation.assigneeId ?? null,
    updatedAt: conversation.updatedAt,
    data: JSON.stringify(conversation),
  });
  const messageParams = (message: Message, senderId?: string) => ({
    id: message.id,
    clientId: message.clientId,
    conversationId: message.conversationId,
    senderId: senderId ?? null,
    data: JSON.stringify(message),
  });
  const noteParams = (note: Note, clientId: string) => ({
    id: note.id,
    clientId,
    conversationId: note.conversationId,
    createdAt: note.createdAt,
    data: JSON.stringify(note),
  });

  // The log's sequence numbers are per agent; the log itself is trimmed to its newest `eventLogSize` entries.
  const appendEvents = db.transaction((entries: ReadonlyArray<{ agentId: string; event: ServerEvent }>) =>
    entries.map(({ agentId, event }) => {
      const seq = (statements.latestSeq.get(agentId)?.seq ?? 0) + 1;
      statements.insertEvent.run(agentId, seq, JSON.stringify(event));
      if (seq > eventLogSize) statements.trimEvents.run(agentId, seq - eventLogSize);
      return seq;
    }),
  );

  const seed = db.transaction((data: SeedData, tokenHashes: readonly string[]): boolean => {
    if (statements.agents.all().length > 0) return false;
    data.agents.forEach(({ agent }, index) => statements.insertAgent.run(agent.id, agent.name, tokenHashes[index]));
    for (const { conversation, language } of data.conversations)
      statements.insertConversation.run({ ...conversationParams(conversation), language });
    for (const message of data.messages) statements.insertMessage.run(messageParams(message));
    // The demo's notes were not sent by any client: their own id is their clientId.
    for (const note of data.notes) statements.insertNote.run(noteParams(note, note.id));
    statements.setMeta.run('fileTypePolicy', JSON.stringify(data.fileTypePolicy));
    statements.setMeta.run('logId', randomUUID());
    return true;
  });

  return {
    async seed(data) {
      if (statements.agents.all().length > 0) return false;
      // Hashing is slow on purpose, so it happens before the transaction, which checks again that the database is empty.
      return seed(data, await Promise.all(data.agents.map(({ token }) => hashToken(token))));
    },

    // Salted hashes cannot be looked up, so the token is checked against each agent's; there are a handful.
    async agentByToken(token) {
      for (const { token_hash: stored, ...agent } of statements.credentials.all()) {
        if (!(await verifyToken(token, stored))) continue;
        // A hash from before salting is replaced by a salted one the first time its token signs in.
        if (!isCurrentHash(stored)) statements.setTokenHash.run(await hashToken(token), agent.id, stored);
        return agent;
      }
      return undefined;
    },
    agents: async () => statements.agents.all(),

    conversation: async (id) => {
      const row = statements.conversation.get(id);
      return row && toConversation(row);
    },
    conversationsListedFor: async (agentId) =>
      statements.listedFor.all(agentId).map((row) => toConversation(row).conversation),
    readableConversations: async (agentId) =>
      statements.readableBy.all(agentId).map((row) => toConversation(row).conversation),
    conversationsOfCustomer: async (customerId) =>
      statements.ofCustomer.all(customerId).map((row) => toConversation(row).conversation),
    queuedCount: async () => statements.queuedCount.get()?.count ?? 0,
    insertConversation: async (conversation, language) =>
      void statements.insertConversation.run({ ...conversationParams(conversation), language }),
    replaceConversation: async (next, expected) =>
      statements.replaceConversation.run({ ...conversationParams(next), expected }).changes === 1,

    async messageSlice(conversationId, limit, beforePosition): Promise<MessageSlice> {
      const rows =
        beforePosition === undefined
          ? statements.newestMessages.all(conversationId, limit)
          : statements.olderMessages.all(conversationId, beforePosition, limit);
      rows.reverse();
      const oldest = rows[0]?.position;
      return {
        items: rows.map((row) => toMessage(row).message),
        ...(oldest !== undefined && { oldestPosition: oldest }),
        hasOlder: oldest !== undefined && statements.anyOlder.get(conversationId, oldest) !== undefined,
      };
    },
    allMessages: async (conversationId) =>
      statements.allMessages.all(conversationId).map((row) => toMessage(row).message),
    messageByClientId: async (clientId) => {
      const row = statements.messageByClientId.get(clientId);
      return row && toMessage(row);
    },
    async insertMessage(message, senderId) {
      const inserted = statements.insertMessage.run(messageParams(message, senderId)).changes === 1;
      return { stored: toMessage(statements.messageByClientId.get(message.clientId)!), inserted };
    },
    updateMessage: async (message) =>
      void statements.updateMessage.run({ id: message.id, data: JSON.stringify(message) }),

    notes: async (conversationId) => statements.notes.all(conversationId).map((row) => JSON.parse(row.data) as Note),
    noteByClientId: async (clientId) => {
      const row = statements.noteByClientId.get(clientId);
      return row && (JSON.parse(row.data) as Note);
    },
    async insertNote(note, clientId) {
      const inserted = statements.insertNote.run(noteParams(note, clientId)).changes === 1;
      return { stored: JSON.parse(statements.noteByClientId.get(clientId)!.data) as Note, inserted };
    },

    insertUpload: async (upload) =>
      void statements.insertUpload.run({
        ...upload,
        width: upload.width ?? null,
        height: upload.height ?? null,
        bytes: Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength),
      }),
    async upload(id) {
      const row = statements.upload.get(id);
      return row && uploadFromRow(row);
    },

    logId: async () => statements.meta.get('logId')?.value ?? '',
    appendEvents: async (entries) => appendEvents(entries),
    latestSeq: async (agentId) => statements.latestSeq.get(agentId)?.seq ?? 0,
    async eventsAfter(agentId, seq): Promise<SequencedEvent[] | undefined> {
      const latest = statements.latestSeq.get(agentId)?.seq ?? 0;
      if (seq > latest) return undefined; // a number from another log
      if (seq === latest) return [];
      const oldest = statements.oldestSeq.get(agentId)?.seq ?? 0;
      if (seq + 1 < oldest) return undefined; // trimmed away
      return statements.eventsAfter
        .all(agentId, seq)
        .map((row) => ({ seq: row.seq, event: JSON.parse(row.event) as ServerEvent }));
    },

    fileTypePolicy: async () =>
      JSON.parse(statements.meta.get('fileTypePolicy')?.value ?? '{}') as FileTypePolicyOptions,
    latestTime: async () => statements.latestTime.get()?.at ?? 0,

    async close() {
      db.close();
    },
  };
}
