// A server process killed (SIGKILL) while an agent is sending: two real server processes on one
// PostgreSQL database, the agent's desktop on the first (with the second as its failover address),
// the agent's phone on the second, conv-kit's own store, outbox and WebSocket adapter in between.
// Nothing is lost, nothing doubled, the order is kept: in the database and on the phone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { WebSocket as NodeWebSocket } from 'ws';
import type { AdapterEvent } from '../../src/core/adapter.js';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import { createConversationStore } from '../../src/core/store.js';
import type { Conversation } from '../../src/core/model.js';
import {
  skipWithoutPostgres,
  startServerProcess,
  TOKENS,
  usePostgres,
  type ServerProcess,
} from './reference-server-pg-kit.js';

// Node 20 has no WebSocket of its own; `ws` speaks the same interface.
globalThis.WebSocket ??= NodeWebSocket as unknown as typeof WebSocket;

const MESSAGES = 40;

async function eventually(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a server process killed mid-send', { skip: skipWithoutPostgres() }, () => {
  const postgres = usePostgres();
  let database = '';
  let first: ServerProcess;
  let second: ServerProcess;
  before(async () => {
    database = await postgres.newDatabase();
    first = await startServerProcess(database);
    second = await startServerProcess(database);
  });
  after(async () => {
    await Promise.all([first?.kill(), second?.kill()]);
  });

  it('a device whose first address is down connects to the next one', async () => {
    const unreachable = await startServerProcess(database);
    await unreachable.kill();
    const adapter = createWebSocketAdapter({
      url: [`${unreachable.url}/ws`, `${second.url}/ws`],
      token: TOKENS['agent-1'],
    });
    try {
      const snapshot = await adapter.connect(() => {});
      assert.equal(snapshot.agent.id, 'agent-1');
    } finally {
      adapter.disconnect();
    }
  });

  it('loses nothing, doubles nothing and keeps the order, in the database and on the agent’s phone', async () => {
    const queued = await fetch(`${second.url}/demo/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS['agent-1']}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(queued.status, 201);
    const { id } = (await queued.json()) as Conversation;

    const desktop = createConversationStore({
      adapter: createWebSocketAdapter({
        url: [`${first.url}/ws`, `${second.url}/ws`],
        token: TOKENS['agent-1'],
        reconnectMinMs: 50,
        reconnectMaxMs: 200,
        requestTimeoutMs: 2000,
      }),
      retryBaseMs: 50,
      retryMaxMs: 200,
      requestTimeoutMs: 2000,
    });
    const phoneEvents: AdapterEvent[] = [];
    const phone = createWebSocketAdapter({ url: `${second.url}/ws`, token: TOKENS['agent-1'] });
    try {
      await phone.connect((event) => phoneEvents.push(event));
      await desktop.connect();
      await desktop.pick(id);

      const texts = Array.from({ length: MESSAGES }, (_, index) => `Message ${index + 1} of ${MESSAGES}`);
      const onPhone = () =>
        phoneEvents.flatMap((event) =>
          event.type === 'message' && event.message.conversationId === id && event.message.author === 'agent'
            ? [event.message]
            : [],
        );
      // Half the messages are written at once; the outbox sends them one after another.
      for (const text of texts.slice(0, MESSAGES / 2)) await desktop.sendMessage(id, { text });
      await eventually(() => onPhone().length >= 3, 'the first messages on the phone');
      await first.kill();
      const inFlight = desktop.pendingMessages().length;
      assert.ok(inFlight > 0, 'messages were still on their way when the process died');
      // The agent keeps writing while the desktop moves to the other process.
      for (const text of texts.slice(MESSAGES / 2)) await desktop.sendMessage(id, { text });

      await eventually(() => desktop.pendingMessages().length === 0, 'the outbox to empty');
      await eventually(() => onPhone().length >= MESSAGES, 'every message on the phone');
      await new Promise((resolve) => setTimeout(resolve, 300)); // a doubled push would arrive by now

      const client = new pg.Client(database);
      await client.connect();
      const stored = await client.query<{ text: string; client_id: string }>(
        "SELECT data->>'text' AS text, client_id FROM messages WHERE conversation_id = $1 AND data->>'author' = 'agent' ORDER BY position",
        [id],
      );
      await client.end();
      assert.deepEqual(
        stored.rows.map((row) => row.text),
        texts,
        'every message stored once, in the order written',
      );
      assert.deepEqual(
        onPhone().map((message) => message.text),
        texts,
        'the phone got every message once, in the order written',
      );
      // The desktop shows each message once, sent, with the server's times in the order written.
      const shown = desktop
        .messages(id)
        .items.filter((message) => message.author === 'agent')
        .sort((x, y) => x.sentAt - y.sentAt);
      assert.deepEqual(
        shown.map((message) => message.text),
        texts,
      );
      assert.ok(shown.every((message) => message.status === 'sent'));
      console.log(
        `kill test: ${inFlight} of ${MESSAGES} messages in flight when the process died; ${stored.rows.length} stored, ${onPhone().length} on the phone`,
      );
    } finally {
      desktop.disconnect();
      phone.disconnect();
    }
  });
});
