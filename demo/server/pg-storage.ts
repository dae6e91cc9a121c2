/**
 * The reference server's storage in PostgreSQL (`pg`), for several server processes sharing one
 * state. The tables are SQLite's (sqlite-storage.ts) with `jsonb` records; what differs is what
 * several processes need:
 * - `transaction` binds every call made inside it to one connection (AsyncLocalStorage), so a
 *   change, its message and its events commit together; a process killed mid-change leaves nothing;
 *   a conversation read inside it is locked (`FOR UPDATE`) until the commit, so changes to one
 *   conversation from several processes take turns (the compare-and-set stays as the rule);
 * - each agent's log has a head row (`event_heads`) that `appendEvents` moves with
 *   `UPDATE … RETURNING`: the row lock numbers the agent's events without gaps, in commit order,
 *   whichever process appends;
 * - the commit sends `NOTIFY conv_kit_events`, and `watchEvents` LISTENs, so every process learns
 *   of every agent's new events and reads them from the log.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
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

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` */
  connectionString: string;
  /** How many events the log keeps per agent. Default 1000. */
  eventLogSize?: number;
  /** Connections this process keeps open at most. Default 10. */
  poolSize?: number;
}

/** The channel every process listens on; a notice is `agentId` and that agent's newest seq. */
const CHANNEL = 'conv_kit_events';
/** One lock number for creating tables and seeding, so processes starting together do it once. */
const SETUP_LOCK = 7_170_017;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE IF NOT EXISTS agents (id text PRIMARY KEY, name text NOT NULL, token_hash text NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS conversations (
    id text PRIMARY KEY,
    customer_id text NOT NULL,
    status text NOT NULL,
    assignee_id text,
    updated_at bigint NOT NULL,
    language text NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS conversations_by_status ON conversations (status, assignee_id);
  CREATE INDEX IF NOT EXISTS conversations_by_customer ON conversations (customer_id);
  CREATE TABLE IF NOT EXISTS messages (
    position bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    client_id text NOT NULL UNIQUE,
    conversation_id text NOT NULL,
    sender_id text,
    data jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages (conversation_id, position);
  CREATE TABLE IF NOT EXISTS notes (
    position bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    client_id text NOT NULL UNIQUE,
    conversation_id text NOT NULL,
    created_at bigint NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notes_by_conversation ON notes (conversation_id, created_at, position);
  CREATE TABLE IF NOT EXISTS uploads (
    id text PRIMARY KEY,
    agent_id text NOT NULL,
    conversation_id text NOT NULL,
    client_id text NOT NULL,
    name text NOT NULL,
    mime_type text NOT NULL,
    size integer NOT NULL,
    width integer,
    height integer,
    bytes bytea NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE TABLE IF NOT EXISTS event_heads (agent_id text PRIMARY KEY, seq bigint NOT NULL);
  CREATE TABLE IF NOT EXISTS events (
    agent_id text NOT NULL,
    seq bigint NOT NULL,
    event jsonb NOT NULL,
    PRIMARY KEY (agent_id, seq)
  );
`;

/** bigint columns hold milliseconds and positions, well inside a double: read them as numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** PostgreSQL gave up on the transaction (deadlock, serialization failure): running it again is right. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

interface MessageRow {
  position: number;
  data: Message;
  sender_id: string | null;
}

export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types });
  // An idle connection that breaks (the database restarted) is dropped by the pool; it must not crash the process.
  pool.on('error', (error) =>
    console.error('conv-kit reference server: a PostgreSQL connection failed:', error.message),
  );
  const eventLogSize = options.eventLogSize ?? 1000;
  const inTransaction = new AsyncLocalStorage<pg.PoolClient>();

  /** A query on the current transaction's connection, or on any pooled one. */
  async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    try {
      return await (inTransaction.getStore() ?? pool).query<Row>(text, values);
    } catch (error) {
      if (RETRYABLE_CODES.has((error as { code?: string }).code ?? ''))
        Object.assign(error as object, { retryable: true });
      throw error;
    }
  }
  const rows = async <Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await query<Row>(text, values)).rows;
  const row = async <Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await query<Row>(text, values)).rows[0];

  async function transaction<T>(work: () => Promise<T>): Promise<T> {
    if (inTransaction.getStore()) return work();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await inTransaction.run(client, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  await transaction(async () => {
    await query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
    await query(SCHEMA);
  });

  const toStoredMessage = (found: MessageRow): StoredMessage =>
    found.sender_id === null ? { message: found.data } : { message: found.data, senderId: found.sender_id };
  const conversationValues = (conversation: Conversation) => [
    conversation.id,
    conversation.customer.id,
    conversation.status,
    conversation.assigneeId ?? null,
    conversation.updatedAt,
    JSON.stringify(conversation),
  ];
  const insertMessage = (message: Message, senderId?: string) =>
    query(
      'INSERT INTO messages (id, client_id, conversation_id, sender_id, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id) DO NOTHING',
      [message.id, message.clientId, message.conversationId, senderId ?? null, JSON.stringify(message)],
    );
  const insertNote = (note: Note, clientId: string) =>
    query(
      'INSERT INTO notes (id, client_id, conversation_id, created_at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id) DO NOTHING',
      [note.id, clientId, note.conversationId, note.createdAt, JSON.stringify(note)],
    );
  const messageByClientId = async (clientId: string) => {
    const found = await row<MessageRow>('SELECT position, data, sender_id FROM messages WHERE client_id = $1', [
      clientId,
    ]);
    return found && toStoredMessage(found);
  };
  const noteByClientId = async (clientId: string) =>
    (await row<{ data: Note }>('SELECT data FROM notes WHERE client_id = $1', [clientId]))?.data;
  const latestSeq = async (agentId: string) =>
    (await row<{ seq: number }>('SELECT seq FROM event_heads WHERE agent_id = $1', [agentId]))?.seq ?? 0;

  return {
    async seed(data: SeedData) {
      if (await row('SELECT 1 FROM agents LIMIT 1')) return false;
      // Hashing is slow on purpose, so it happens before the transaction, which checks again under the lock.
      const hashes = await Promise.all(data.agents.map(({ token }) => hashToken(token)));
      return transaction(async () => {
        await query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
        if (await row('SELECT 1 FROM agents LIMIT 1')) return false;
        for (const [index, { agent }] of data.agents.entries())
          await query('INSERT INTO agents (id, name, token_hash) VALUES ($1, $2, $3)', [
            agent.id,
            agent.name,
            hashes[index],
          ]);
        for (const { conversation, language } of data.conversations)
          await query(
            'INSERT INTO conversations (id, customer_id, status, assignee_id, updated_at, data, language) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [...conversationValues(conversation), language],
          );
        for (const message of data.messages) await insertMessage(message);
        // The demo's notes were not sent by any client: their own id is their clientId.
        for (const note of data.notes) await insertNote(note, note.id);
        await query('INSERT INTO meta (key, value) VALUES ($1, $2), ($3, $4)', [
          'fileTypePolicy',
          JSON.stringify(data.fileTypePolicy),
          'logId',
          randomUUID(),
        ]);
        return true;
      });
    },

    // Salted hashes cannot be looked up, so the token is checked against each agent's; there are a handful.
    async agentByToken(token) {
      const credentials = await rows<Agent & { token_hash: string }>(
        'SELECT id, name, token_hash FROM agents ORDER BY id',
      );
      for (const { token_hash: stored, ...agent } of credentials) {
        if (!(await verifyToken(token, stored))) continue;
        if (!isCurrentHash(stored))
          await query('UPDATE agents SET token_hash = $1 WHERE id = $2 AND token_hash = $3', [
            await hashToken(token),
            agent.id,
            stored,
          ]);
        return agent;
      }
      return undefined;
    },
    agents: () => rows<Agent>('SELECT id, name FROM agents ORDER BY id'),

    async conversation(id) {
      // Read inside a change, the conversation stays locked until the change commits: two processes
      // changing one conversation take turns instead of both writing and one running again.
      const found = await row<{ data: Conversation; language: string }>(
        `SELECT data, language FROM conversations WHERE id = $1${inTransaction.getStore() ? ' FOR UPDATE' : ''}`,
        [id],
      );
      return found && ({ conversation: found.data, language: found.language } satisfies StoredConversation);
    },
    conversationsListedFor: async (agentId) =>
      (
        await rows<{ data: Conversation }>(
          "SELECT data FROM conversations WHERE status = 'queued' OR assignee_id = $1",
          [agentId],
        )
      ).map((found) => found.data),
    readableConversations: async (agentId) =>
      (
        await rows<{ data: Conversation }>(
          "SELECT data FROM conversations WHERE status IN ('queued', 'ended') OR assignee_id = $1",
          [agentId],
        )
      ).map((found) => found.data),
    conversationsOfCustomer: async (customerId) =>
      (await rows<{ data: Conversation }>('SELECT data FROM conversations WHERE customer_id = $1', [customerId])).map(
        (found) => found.data,
      ),
    offeredConversations: async () =>
      (await rows<{ data: Conversation }>("SELECT data FROM conversations WHERE status = 'offered'")).map(
        (found) => found.data,
      ),
    queuedCount: async () =>
      (await row<{ count: number }>("SELECT count(*)::int AS count FROM conversations WHERE status = 'queued'"))
        ?.count ?? 0,
    insertConversation: async (conversation, language) =>
      void (await query(
        'INSERT INTO conversations (id, customer_id, status, assignee_id, updated_at, data, language) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [...conversationValues(conversation), language],
      )),
    // One conditional update: of two processes writing from the same `updatedAt`, the second finds it changed and writes nothing.
    replaceConversation: async (next, expected) =>
      (
        await query(
          'UPDATE conversations SET customer_id = $2, status = $3, assignee_id = $4, updated_at = $5, data = $6 WHERE id = $1 AND updated_at = $7',
          [...conversationValues(next), expected],
        )
      ).rowCount === 1,

    async messageSlice(conversationId, limit, beforePosition): Promise<MessageSlice> {
      const found =
        beforePosition === undefined
          ? await rows<MessageRow>(
              'SELECT position, data, sender_id FROM messages WHERE conversation_id = $1 ORDER BY position DESC LIMIT $2',
              [conversationId, limit],
            )
          : await rows<MessageRow>(
              'SELECT position, data, sender_id FROM messages WHERE conversation_id = $1 AND position < $2 ORDER BY position DESC LIMIT $3',
              [conversationId, beforePosition, limit],
            );
      found.reverse();
      const oldest = found[0]?.position;
      const older =
        oldest !== undefined &&
        (await row('SELECT 1 FROM messages WHERE conversation_id = $1 AND position < $2 LIMIT 1', [
          conversationId,
          oldest,
        ])) !== undefined;
      return {
        items: found.map((item) => item.data),
        ...(oldest !== undefined && { oldestPosition: oldest }),
        hasOlder: older,
      };
    },
    allMessages: async (conversationId) =>
      (
        await rows<{ data: Message }>('SELECT data FROM messages WHERE conversation_id = $1 ORDER BY position', [
          conversationId,
        ])
      ).map((found) => found.data),
    messageByClientId,
    // The unique clientId decides between processes: a second insert waits for the first to commit, then stores nothing.
    async insertMessage(message, senderId) {
      const inserted = (await insertMessage(message, senderId)).rowCount === 1;
      return { stored: (await messageByClientId(message.clientId))!, inserted };
    },
    updateMessage: async (message) =>
      void (await query('UPDATE messages SET data = $2 WHERE id = $1', [message.id, JSON.stringify(message)])),

    notes: async (conversationId) =>
      (
        await rows<{ data: Note }>('SELECT data FROM notes WHERE conversation_id = $1 ORDER BY created_at, position', [
          conversationId,
        ])
      ).map((found) => found.data),
    noteByClientId,
    async insertNote(note, clientId) {
      const inserted = (await insertNote(note, clientId)).rowCount === 1;
      return { stored: (await noteByClientId(clientId))!, inserted };
    },

    insertUpload: async (upload) =>
      void (await query(
        'INSERT INTO uploads (id, agent_id, conversation_id, client_id, name, mime_type, size, width, height, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        [
          upload.id,
          upload.agentId,
          upload.conversationId,
          upload.clientId,
          upload.name,
          upload.mimeType,
          upload.size,
          upload.width ?? null,
          upload.height ?? null,
          Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength),
          upload.createdAt,
        ],
      )),
    async upload(id) {
      const found = await row<UploadRow>('SELECT * FROM uploads WHERE id = $1', [id]);
      return found && uploadFromRow(found);
    },

    logId: async () => (await row<{ value: string }>("SELECT value FROM meta WHERE key = 'logId'"))?.value ?? '',

    /**
     * Numbers each agent's events after that agent's head, in one transaction. Heads are locked in
     * agent order, so two changes reaching the same agents cannot deadlock; the notices go out
     * with the commit, never before.
     */
    appendEvents: (entries) =>
      transaction(async () => {
        const byAgent = new Map<string, number>();
        for (const { agentId } of entries) byAgent.set(agentId, (byAgent.get(agentId) ?? 0) + 1);
        const next = new Map<string, number>();
        for (const agentId of [...byAgent.keys()].sort()) {
          const count = byAgent.get(agentId)!;
          const head = await row<{ seq: number }>(
            'INSERT INTO event_heads (agent_id, seq) VALUES ($1, $2) ON CONFLICT (agent_id) DO UPDATE SET seq = event_heads.seq + $2 RETURNING seq',
            [agentId, count],
          );
          next.set(agentId, head!.seq - count + 1);
        }
        const seqs = entries.map(({ agentId }) => {
          const seq = next.get(agentId)!;
          next.set(agentId, seq + 1);
          return seq;
        });
        await query(
          'INSERT INTO events (agent_id, seq, event) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])',
          [entries.map(({ agentId }) => agentId), seqs, entries.map(({ event }) => JSON.stringify(event))],
        );
        for (const [agentId, seq] of next) {
          const newest = seq - 1;
          if (newest > eventLogSize)
            await query('DELETE FROM events WHERE agent_id = $1 AND seq <= $2', [agentId, newest - eventLogSize]);
          await query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify([agentId, newest])]);
        }
        return seqs;
      }),
    latestSeq,
    async eventsAfter(agentId, seq): Promise<SequencedEvent[] | undefined> {
      const latest = await latestSeq(agentId);
      if (seq > latest) return undefined; // a number from another log
      if (seq === latest) return [];
      const oldest =
        (await row<{ seq: number | null }>('SELECT min(seq) AS seq FROM events WHERE agent_id = $1', [agentId]))?.seq ??
        0;
      if (seq + 1 < oldest) return undefined; // trimmed away
      return (
        await rows<{ seq: number; event: ServerEvent }>(
          'SELECT seq, event FROM events WHERE agent_id = $1 AND seq > $2 ORDER BY seq',
          [agentId, seq],
        )
      ).map((found) => ({ seq: found.seq, event: found.event }));
    },

    fileTypePolicy: async () =>
      JSON.parse(
        (await row<{ value: string }>("SELECT value FROM meta WHERE key = 'fileTypePolicy'"))?.value ?? '{}',
      ) as FileTypePolicyOptions,
    latestTime: async () =>
      (await row<{ at: number | null }>('SELECT max(updated_at) AS at FROM conversations'))?.at ?? 0,

    transaction,

    /** One connection of its own LISTENs; when it breaks, a new one listens and the listener hears that notices may be lost. */
    async watchEvents(listener) {
      let client: pg.Client | undefined;
      let stopped = false;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      const listen = async () => {
        const next = new pg.Client({ connectionString: options.connectionString, types });
        next.on('notification', ({ channel, payload }) => {
          if (channel !== CHANNEL || !payload) return;
          const [agentId, seq] = JSON.parse(payload) as [string, number];
          listener(agentId, seq);
        });
        next.on('error', () => {
          if (stopped || client !== next) return;
          client = undefined;
          void next.end().catch(() => undefined);
          retryTimer = setTimeout(() => void relisten(), 500);
        });
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
        client = next;
      };
      const relisten = async () => {
        if (stopped) return;
        try {
          await listen();
          listener(undefined, 0);
        } catch {
          retryTimer = setTimeout(() => void relisten(), 1000);
        }
      };
      await listen();
      return async () => {
        stopped = true;
        clearTimeout(retryTimer);
        await client?.end().catch(() => undefined);
      };
    },

    async close() {
      await pool.end();
    },
  };
}
