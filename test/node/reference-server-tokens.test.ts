// Agent tokens at rest: salted scrypt, so a copied database does not give them away and two agents
// with the same token store different values; databases from before salting still sign in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { COLLEAGUE_AGENT, DEFAULT_AGENT } from '../../demo/seed/world.js';
import { seedData } from '../../demo/server/seed.js';
import { createSqliteStorage } from '../../demo/server/sqlite-storage.js';
import { verifyToken } from '../../demo/server/tokens.js';
import { databaseFile, startServer, TOKENS } from './reference-server-kit.js';

describe('stored tokens', () => {
  const rows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT id, token_hash AS stored FROM agents ORDER BY id').all() as Array<{
        id: string;
        stored: string;
      }>;
    } finally {
      db.close();
    }
  };
  const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

  it('are salted scrypt: two agents with the same token store different values, and each still signs in', async (t) => {
    const file = databaseFile();
    const storage = createSqliteStorage({ file });
    await storage.seed({
      ...seedData({ seed: 1, now: Date.now() }),
      agents: [
        { agent: DEFAULT_AGENT, token: 'the-same-token' },
        { agent: COLLEAGUE_AGENT, token: 'the-same-token' },
      ],
    });
    const [first, second] = rows(file);
    for (const row of [first!, second!]) t.diagnostic(`agents.token_hash of ${row.id}: ${row.stored}`);
    assert.match(first!.stored, /^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.match(second!.stored, /^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(first!.stored, second!.stored);
    assert.notEqual(first!.stored.split('$')[4], second!.stored.split('$')[4], 'salts differ');
    for (const { stored } of [first!, second!]) {
      assert.ok(!stored.includes('the-same-token') && !stored.includes(sha256('the-same-token')));
      assert.equal(await verifyToken('the-same-token', stored), true);
      assert.equal(await verifyToken('another-token', stored), false);
    }
    assert.ok([DEFAULT_AGENT.id, COLLEAGUE_AGENT.id].includes((await storage.agentByToken('the-same-token'))!.id));
    assert.equal(await storage.agentByToken('another-token'), undefined);
    await storage.close();
  });

  it('the demo tokens sign in, over HTTP and the WebSocket, and are stored salted', async () => {
    const file = databaseFile();
    const server = await startServer({ databaseFile: file });
    try {
      for (const row of rows(file)) assert.match(row.stored, /^scrypt\$/);
      assert.deepEqual(await server.service.agentByToken('demo-token-agent-2'), COLLEAGUE_AGENT);
      assert.equal(await server.service.agentByToken('demo-token-agent-3'), undefined);
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
      await new Promise((resolve) => socket.once('open', resolve));
      const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
      socket.send(
        JSON.stringify({
          type: 'request',
          id: 'h',
          method: 'hello',
          params: { protocol: 1, token: TOKENS['agent-1'] },
        }),
      );
      assert.equal((JSON.parse(await answer) as { result: { agent: { id: string } } }).result.agent.id, 'agent-1');
      socket.close();
    } finally {
      await server.close();
    }
  });

  it('a database from before salting still signs its agents in, and each old hash is replaced at its first sign-in', async () => {
    const file = databaseFile();
    const storage = createSqliteStorage({ file });
    await storage.seed(seedData({ seed: 1, now: Date.now() }));
    await storage.close();
    // What earlier versions wrote: a bare SHA-256 of the token.
    const db = new Database(file);
    db.prepare('UPDATE agents SET token_hash = ? WHERE id = ?').run(sha256('demo-token-agent-1'), 'agent-1');
    db.prepare('UPDATE agents SET token_hash = ? WHERE id = ?').run(sha256('demo-token-agent-2'), 'agent-2');
    db.close();

    const reopened = createSqliteStorage({ file });
    assert.equal(await reopened.agentByToken('demo-token-agent-3'), undefined);
    assert.deepEqual(await reopened.agentByToken('demo-token-agent-1'), DEFAULT_AGENT);
    const [first, second] = rows(file);
    assert.match(first!.stored, /^scrypt\$/, 'replaced at sign-in');
    assert.equal(second!.stored, sha256('demo-token-agent-2'), 'untouched until agent-2 signs in');
    assert.deepEqual(await reopened.agentByToken('demo-token-agent-1'), DEFAULT_AGENT, 'and signs in again');
    assert.deepEqual(await reopened.agentByToken('demo-token-agent-2'), COLLEAGUE_AGENT);
    assert.match(rows(file)[1]!.stored, /^scrypt\$/);
    await reopened.close();
  });
});
