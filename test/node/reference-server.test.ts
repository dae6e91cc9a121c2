// The reference server's rules under Node, without a browser: races between agents, retries,
// the bounded event log, restarts, and uploads that are too large.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { COLLEAGUE_AGENT, DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { ServerEvent } from '../../src/adapters/websocket.js';
import { isConvError } from '../../src/core/errors.js';
import { startReferenceServer, type ReferenceServer } from '../../demo/server/server.js';
import { createSqliteStorage } from '../../demo/server/sqlite-storage.js';
import { seedData } from '../../demo/server/seed.js';
import type { Subscriber } from '../../demo/server/service.js';

const folder = mkdtempSync(join(tmpdir(), 'conv-kit-server-'));
after(() => rmSync(folder, { recursive: true, force: true }));

let counter = 0;
const databaseFile = () => join(folder, `test-${++counter}.sqlite`);
const walkIn = (text = 'Hello, where is my parcel?') => ({
  customer: { id: `cust-test-${++counter}`, name: 'Sam Lee' },
  language: 'en',
  channel: 'chat',
  text,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isConvError(error), `expected a ConvError, got ${String(error)}`);
    return error.code;
  }
  throw new Error('Expected the call to be refused');
}

/** A subscriber that records what it is pushed. */
function listener(agent = DEFAULT_AGENT) {
  const events: Array<{ seq: number; event: ServerEvent }> = [];
  const subscriber: Subscriber = { agent, open: true, deliver: (seq, event) => events.push({ seq, event }) };
  return { subscriber, events };
}

describe('reference server', () => {
  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer({
      port: 0,
      databaseFile: databaseFile(),
      customers: { replies: false, traffic: false },
      demoControls: true,
    });
  });
  after(() => server.close());

  it('of many picks of one conversation at the same moment by two agents, exactly one succeeds', async () => {
    const { id } = await server.service.queueConversation(walkIn());
    const attempts = Array.from({ length: 20 }, (_, index) =>
      server.service.pick(index % 2 ? COLLEAGUE_AGENT : DEFAULT_AGENT, id),
    );
    const outcomes = await Promise.allSettled(attempts);
    const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.assigneeId] : []));
    const winner = winners[0];
    // The winner's own repeats are the same outcome; every pick by the other agent is a conflict.
    assert.ok(winners.every((assignee) => assignee === winner));
    assert.equal(winners.length, 10);
    for (const outcome of outcomes) if (outcome.status === 'rejected') assert.equal(outcome.reason.code, 'conflict');
  });

  it('one clientId sent ten times at the same moment is stored once', async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    const message = { clientId: 'same-client-id', conversationId: id, text: 'Refund approved.', attachments: [] };
    const stored = await Promise.all(
      Array.from({ length: 10 }, () => server.service.sendMessage(DEFAULT_AGENT, message)),
    );
    assert.equal(new Set(stored.map((item) => item.id)).size, 1);
    const page = await server.service.listMessages(DEFAULT_AGENT, id);
    assert.equal(page.items.filter((item) => item.clientId === 'same-client-id').length, 1);
  });

  it("another agent's clientId cannot be used to read their message", async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    await server.service.sendMessage(DEFAULT_AGENT, {
      clientId: 'private-client-id',
      conversationId: id,
      text: 'Your code is 4471.',
      attachments: [],
    });
    assert.equal(
      await codeOf(
        server.service.sendMessage(COLLEAGUE_AGENT, {
          clientId: 'private-client-id',
          conversationId: id,
          text: 'x',
          attachments: [],
        }),
      ),
      'invalid',
    );
  });

  it('pushes every change to the agents who list the conversation, numbered in order, and nothing to the others', async () => {
    const mine = listener(DEFAULT_AGENT);
    const theirs = listener(COLLEAGUE_AGENT);
    await server.service.subscribeWithSnapshot(mine.subscriber, () => {});
    await server.service.subscribeWithSnapshot(theirs.subscriber, () => {});
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    await server.service.addNote(DEFAULT_AGENT, {
      clientId: 'call-back',
      conversationId: id,
      text: 'Asked for a call-back.',
    });
    server.service.unsubscribe(mine.subscriber);
    server.service.unsubscribe(theirs.subscriber);

    const seqs = mine.events.map((entry) => entry.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, index) => seqs[0]! + index),
      'consecutive sequence numbers',
    );
    assert.ok(mine.events.some(({ event }) => event.type === 'note'));
    // The colleague saw the customer arrive, then the conversation leave the Picklist; never the note.
    assert.ok(theirs.events.some(({ event }) => event.type === 'conversation-removed' && event.conversationId === id));
    assert.ok(!theirs.events.some(({ event }) => event.type === 'note'));
  });

  it('a resumed subscriber gets exactly the events it missed, in order', async () => {
    const first = listener();
    let position = { logId: '', seq: 0 };
    await server.service.subscribeWithSnapshot(first.subscriber, ({ logId, seq }) => (position = { logId, seq }));
    server.service.unsubscribe(first.subscriber);
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.customerSays(id, 'Are you there?');
    let missed: ServerEvent[] = [];
    await server.service.subscribeFrom(listener().subscriber, position, (answer) => {
      assert.ok('events' in answer);
      missed = answer.events.map((entry) => entry.event);
      assert.equal(answer.events[0]!.seq, position.seq + 1);
    });
    assert.deepEqual(
      missed.map((event) => event.type),
      ['conversation', 'message', 'conversation', 'message', 'conversation'],
    );
  });

  it('a position from another log, or from the future, asks for a new snapshot', async () => {
    const answers: unknown[] = [];
    await server.service.subscribeFrom(listener().subscriber, { logId: 'another-database', seq: 1 }, (answer) =>
      answers.push(answer),
    );
    await server.service.subscribeFrom(listener().subscriber, { logId: '', seq: 1 }, (answer) => answers.push(answer));
    assert.deepEqual(answers, [{ snapshotRequired: true }, { snapshotRequired: true }]);
  });

  it('an upload larger than the admin allows is refused before it is all read', async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    // The client announces 50 MB and sends only a few bytes: the answer comes from the announcement alone.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = request(`${server.url}/uploads?conversationId=${id}&clientId=c&name=huge.png`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer demo-token-agent-1',
          'Content-Type': 'image/png',
          'Content-Length': String(50 * 1024 * 1024),
        },
      });
      upload.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body });
          upload.destroy();
        });
      });
      upload.on('error', reject);
      upload.write(new Uint8Array(16));
    });
    assert.equal(answer.status, 422);
    assert.equal(
      (JSON.parse(answer.body) as { error: { details: { reason: string } } }).error.details.reason,
      'too-large',
    );
  });

  it('a malformed address or body is answered with invalid, and the server goes on', async () => {
    const badAddress = await fetch(`${server.url}/uploads/%E0%A4%A`);
    assert.equal(badAddress.status, 422);
    const badBody = await fetch(`${server.url}/demo/conversations`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-token-agent-1' },
      body: '{"customer": ',
    });
    assert.equal(badBody.status, 422);
    assert.equal((await fetch(`${server.url}/`)).status, 200);
  });

  it('uploads need a token of an agent who handles the conversation', async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    const anonymous = await fetch(`${server.url}/uploads?conversationId=${id}&clientId=c&name=a.png`, {
      method: 'POST',
      body: new Uint8Array(8),
    });
    assert.equal(anonymous.status, 403);
    const colleague = await fetch(`${server.url}/uploads?conversationId=${id}&clientId=c&name=a.png`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-token-agent-2' },
      body: new Uint8Array(8),
    });
    assert.equal(colleague.status, 403);
  });
});

describe('reference server storage', () => {
  it('keeps only the newest events per agent and says when a position is too old', async () => {
    const storage = createSqliteStorage({ file: databaseFile(), eventLogSize: 3 });
    await storage.seed(seedData({ seed: 1, now: Date.now() }));
    const event: ServerEvent = { type: 'conversation-removed', conversationId: 'conv-1' };
    const seqs = await storage.appendEvents(Array.from({ length: 5 }, () => ({ agentId: 'agent-1', event })));
    assert.deepEqual(seqs, [1, 2, 3, 4, 5]);
    assert.deepEqual(
      (await storage.eventsAfter('agent-1', 2))!.map((entry) => entry.seq),
      [3, 4, 5],
    );
    assert.equal(await storage.eventsAfter('agent-1', 1), undefined, 'event 2 was dropped from the log');
    assert.deepEqual(await storage.eventsAfter('agent-1', 5), []);
    assert.equal(await storage.eventsAfter('agent-1', 9), undefined, 'a number this log never gave');
    assert.deepEqual(
      await storage.appendEvents([{ agentId: 'agent-2', event }]),
      [1],
      'each agent has its own numbers',
    );
    await storage.close();
  });

  it('after a restart the data, the log and its numbers carry on, and the seed is not written again', async () => {
    const file = databaseFile();
    const before = createSqliteStorage({ file });
    assert.equal(await before.seed(seedData({ seed: 1, now: Date.now() })), true);
    await before.appendEvents([
      { agentId: 'agent-1', event: { type: 'conversation-removed', conversationId: 'conv-1' } },
    ]);
    const logId = await before.logId();
    const conversations = (await before.conversationsListedFor('agent-1')).length;
    await before.close();

    const afterRestart = createSqliteStorage({ file });
    assert.equal(await afterRestart.seed(seedData({ seed: 2, now: Date.now() })), false);
    assert.equal(await afterRestart.logId(), logId);
    assert.equal(await afterRestart.latestSeq('agent-1'), 1);
    assert.equal((await afterRestart.conversationsListedFor('agent-1')).length, conversations);
    await afterRestart.close();
  });

  it('stores tokens as hashes and finds the agent by the token', async () => {
    const storage = createSqliteStorage({ file: databaseFile() });
    await storage.seed(seedData({ seed: 1, now: Date.now() }));
    assert.deepEqual(await storage.agentByToken('demo-token-agent-2'), COLLEAGUE_AGENT);
    assert.equal(await storage.agentByToken('demo-token-agent-3'), undefined);
    await storage.close();
  });
});
