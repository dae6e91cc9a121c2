// The reference server on PostgreSQL, two server processes on one database: the same rules as on
// SQLite (first pick wins, once per clientId, the bounded log), and every change reaching the agent's
// connections on both processes in seq order. The two "processes" here are two servers in this Node
// process, each with its own connections to the database and its own LISTEN: they share nothing else.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { COLLEAGUE_AGENT, DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { SequencedEvent, ServerEvent } from '../../src/adapters/websocket.js';
import { isConvError } from '../../src/core/errors.js';
import type { Agent } from '../../src/core/model.js';
import { startReferenceServer, type ReferenceServer } from '../../demo/server/server.js';
import { createPostgresStorage } from '../../demo/server/pg-storage.js';
import { seedData } from '../../demo/server/seed.js';
import type { Subscriber } from '../../demo/server/service.js';
import { skipWithoutPostgres, usePostgres, walkIn } from './reference-server-pg-kit.js';

/** A subscriber that records what it is pushed. */
function listener(agent: Agent = DEFAULT_AGENT) {
  const events: SequencedEvent[] = [];
  const subscriber: Subscriber = { agent, open: true, deliver: (seq, event) => events.push({ seq, event }) };
  return { subscriber, events };
}

/** Subscribes from a snapshot; resolves with the position the snapshot was taken at. */
async function subscribed(server: ReferenceServer, agent: Agent = DEFAULT_AGENT) {
  const recorded = listener(agent);
  let position = { logId: '', seq: -1 };
  await server.service.subscribeWithSnapshot(recorded.subscriber, ({ logId, seq }) => (position = { logId, seq }));
  return { ...recorded, position };
}

async function eventually(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const consecutive = (events: SequencedEvent[], from: number) =>
  assert.deepEqual(
    events.map((entry) => entry.seq),
    events.map((_, index) => from + index + 1),
    'every seq once, in order, no gaps',
  );

const messageIds = (events: SequencedEvent[]) =>
  events.flatMap(({ event }) => (event.type === 'message' ? [event.message.id] : []));

describe('reference server on PostgreSQL, two processes', { skip: skipWithoutPostgres() }, () => {
  const postgres = usePostgres();
  let database = '';
  let first: ReferenceServer;
  let second: ReferenceServer;
  const started: ReferenceServer[] = [];
  const start = async (options: Parameters<typeof startReferenceServer>[0] = {}) => {
    const server = await startReferenceServer({
      port: 0,
      databaseUrl: database,
      customers: { replies: false, traffic: false },
      demoControls: true,
      ...options,
    });
    started.push(server);
    return server;
  };

  before(async () => {
    database = await postgres.newDatabase();
    // Two processes starting together on an empty database: one seeds it, the other finds it seeded.
    [first, second] = await Promise.all([start(), start()]);
  });
  after(async () => {
    await Promise.all(started.map((server) => server.close()));
  });

  it('two processes starting together on an empty database seed it once', async () => {
    const storage = await createPostgresStorage({ connectionString: database });
    try {
      assert.deepEqual(
        (await storage.agents()).map((agent) => agent.id),
        ['agent-1', 'agent-2'],
      );
      assert.equal(await storage.seed(seedData({ seed: 1, now: Date.now() })), false);
    } finally {
      await storage.close();
    }
  });

  it('of many picks of one conversation at once by two agents on two processes, exactly one agent wins', async () => {
    const { id } = await first.service.queueConversation(walkIn());
    const attempts = Array.from({ length: 20 }, (_, index) =>
      (index % 2 ? second : first).service.pick(index % 4 < 2 ? DEFAULT_AGENT : COLLEAGUE_AGENT, id),
    );
    const outcomes = await Promise.allSettled(attempts);
    const winners = new Set(
      outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.assigneeId] : [])),
    );
    assert.equal(winners.size, 1, 'one agent holds the conversation');
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') {
        assert.ok(isConvError(outcome.reason), String(outcome.reason));
        assert.equal(outcome.reason.code, 'conflict');
      }
    const stored = await second.service.conversation(id);
    assert.equal(stored?.status, 'active');
    assert.equal(stored?.assigneeId, [...winners][0]);
  });

  it('one message clientId sent to both processes ten times at once is stored once and pushed once', async () => {
    const desktop = await subscribed(first);
    const phone = await subscribed(second);
    const { id } = await first.service.queueConversation(walkIn());
    await second.service.pick(DEFAULT_AGENT, id);
    const message = { clientId: `twice-${id}`, conversationId: id, text: 'Refund approved.', attachments: [] };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 ? second : first).service.sendMessage(DEFAULT_AGENT, message),
      ),
    );
    assert.equal(new Set(answers.map((answer) => answer.id)).size, 1, 'every answer is the same message');
    const page = await first.service.listMessages(DEFAULT_AGENT, id);
    assert.equal(page.items.filter((item) => item.clientId === message.clientId).length, 1);
    for (const device of [desktop, phone]) {
      await eventually(() => messageIds(device.events).includes(answers[0]!.id), 'the message on both devices');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(messageIds(device.events).filter((messageId) => messageId === answers[0]!.id).length, 1);
    }
    first.service.unsubscribe(desktop.subscriber);
    second.service.unsubscribe(phone.subscriber);
  });

  it('one note clientId sent to both processes at once is stored once; another agent cannot take it over', async () => {
    const { id } = await first.service.queueConversation(walkIn());
    await first.service.pick(DEFAULT_AGENT, id);
    const note = { clientId: `note-${id}`, conversationId: id, text: 'Asked for a call-back.' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? second : first).service.addNote(DEFAULT_AGENT, note)),
    );
    assert.equal(new Set(answers.map((answer) => answer.id)).size, 1);
    assert.equal((await second.service.listNotes(DEFAULT_AGENT, id)).length, 1);
    await assert.rejects(second.service.addNote(COLLEAGUE_AGENT, note), (error: unknown) => isConvError(error));
  });

  it('changes made on both processes at once reach the agent on both, in seq order, each event once', async () => {
    const desktop = await subscribed(first);
    const phone = await subscribed(second);
    const colleague = await subscribed(second, COLLEAGUE_AGENT);
    const ids: string[] = [];
    for (let index = 0; index < 4; index++) {
      const { id } = await (index % 2 ? second : first).service.queueConversation(walkIn());
      await (index % 2 ? first : second).service.pick(DEFAULT_AGENT, id);
      ids.push(id);
    }
    // 40 messages written through both processes at the same time, in four conversations.
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? second : first).service.sendMessage(DEFAULT_AGENT, {
          clientId: `burst-${index}-${ids[0]}`,
          conversationId: ids[index % 4]!,
          text: `Message ${index}`,
          attachments: [],
        }),
      ),
    );
    const latest = () => Math.max(...[desktop, phone].map((device) => device.events.at(-1)?.seq ?? 0));
    await eventually(
      () => [desktop, phone].every((device) => sent.every((message) => messageIds(device.events).includes(message.id))),
      'every message on both devices',
    );
    await eventually(() => desktop.events.at(-1)?.seq === phone.events.at(-1)?.seq, 'both devices at the same seq');
    consecutive(desktop.events, desktop.position.seq);
    consecutive(phone.events, phone.position.seq);
    assert.deepEqual(
      phone.events.map((entry) => entry.seq),
      desktop.events.map((entry) => entry.seq),
    );
    assert.deepEqual(phone.events, desktop.events, 'both devices got the same events in the same order');
    assert.ok(latest() > 0);
    // The colleague saw the four arrive and leave the Picklist, and none of the messages.
    assert.deepEqual(
      messageIds(colleague.events).filter((messageId) => sent.some((m) => m.id === messageId)),
      [],
    );
    consecutive(colleague.events, colleague.position.seq);
    for (const [server, device] of [
      [first, desktop],
      [second, phone],
      [second, colleague],
    ] as const)
      server.service.unsubscribe(device.subscriber);
  });

  it('a device that resumes on the other process gets exactly what it missed, in order', async () => {
    const desktop = await subscribed(first);
    first.service.unsubscribe(desktop.subscriber);
    const { id } = await first.service.queueConversation(walkIn());
    await second.service.customerSays(id, 'Are you there?');
    let missed: ServerEvent[] = [];
    await second.service.subscribeFrom(listener().subscriber, desktop.position, (answer) => {
      assert.ok('events' in answer);
      assert.equal(answer.events[0]!.seq, desktop.position.seq + 1);
      missed = answer.events.map((entry) => entry.event);
    });
    assert.deepEqual(
      missed.map((event) => event.type),
      ['conversation', 'message', 'conversation', 'message', 'conversation'],
    );
  });

  it('a process whose listening connection the database cut still pushes what the other process did meanwhile', async () => {
    const phone = await subscribed(second);
    const admin = new pg.Client(database);
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    await admin.end();
    // Written at once, while the listeners are down: no notice reaches the phone's process.
    const { id } = await first.service.queueConversation(walkIn());
    await eventually(
      () => phone.events.some(({ event }) => event.type === 'conversation' && event.conversation.id === id),
      'the new conversation on the phone',
    );
    consecutive(phone.events, phone.position.seq);
    second.service.unsubscribe(phone.subscriber);
  });

  it('an offer made on a process that is gone still expires, through the other', async () => {
    const maker = await start({ offerTimeoutMs: 300 });
    const { id } = await maker.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    await maker.close();
    started.splice(started.indexOf(maker), 1);
    const deadline = Date.now() + 8000;
    while ((await first.service.conversation(id))?.status === 'offered' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await first.service.conversation(id);
    assert.equal(after?.status, 'queued');
    assert.equal(after?.assigneeId, undefined);
  });

  it('a file uploaded through one process is served by the other', async () => {
    const { id } = await first.service.queueConversation(walkIn());
    await first.service.pick(DEFAULT_AGENT, id);
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const uploaded = await fetch(`${first.url}/uploads?conversationId=${id}&clientId=file-${id}&name=dot.png`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-token-agent-1', 'Content-Type': 'image/png' },
      body: png,
    });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { url } = (await uploaded.json()) as { url: string };
    const served = await fetch(new URL(url, `${second.url}/uploads`), {
      headers: { Authorization: 'Bearer demo-token-agent-1' },
    });
    assert.equal(served.status, 200);
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), png);
  });
});

describe('PostgreSQL storage', { skip: skipWithoutPostgres() }, () => {
  const postgres = usePostgres();
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  const storageOn = async (connectionString: string, eventLogSize?: number) => {
    const storage = await createPostgresStorage({ connectionString, eventLogSize });
    opened.push(storage);
    return storage;
  };

  it('keeps only the newest events per agent and says when a position is too old', async () => {
    const storage = await storageOn(await postgres.newDatabase(), 3);
    await storage.seed(seedData({ seed: 1, now: Date.now() }));
    const event: ServerEvent = { type: 'conversation-removed', conversationId: 'conv-1' };
    assert.deepEqual(
      await storage.appendEvents(Array.from({ length: 5 }, () => ({ agentId: 'agent-1', event }))),
      [1, 2, 3, 4, 5],
    );
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
  });

  it('appends from two processes at once number each agent’s events without gaps or repeats', async () => {
    const database = await postgres.newDatabase();
    const [one, two] = [await storageOn(database, 10_000), await storageOn(database, 10_000)];
    await one.seed(seedData({ seed: 1, now: Date.now() }));
    const event: ServerEvent = { type: 'conversation-removed', conversationId: 'conv-1' };
    // Each append reaches both agents, in opposite orders, so a careless lock order would deadlock.
    const batches = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        (index % 2 ? two : one).appendEvents(
          index % 2
            ? [
                { agentId: 'agent-2', event },
                { agentId: 'agent-1', event },
              ]
            : [
                { agentId: 'agent-1', event },
                { agentId: 'agent-2', event },
              ],
        ),
      ),
    );
    const ofAgent1 = batches.map((seqs, index) => seqs[index % 2 ? 1 : 0]!).sort((x, y) => x - y);
    assert.deepEqual(
      ofAgent1,
      Array.from({ length: 60 }, (_, index) => index + 1),
    );
    assert.equal((await two.eventsAfter('agent-2', 0))!.length, 60);
  });

  it('tells every process of events appended by any, after they are committed', async () => {
    const database = await postgres.newDatabase();
    const [one, two] = [await storageOn(database), await storageOn(database)];
    await one.seed(seedData({ seed: 1, now: Date.now() }));
    const heard: Array<[string | undefined, number]> = [];
    const stop = await two.watchEvents!((agentId, seq) => heard.push([agentId, seq]));
    const event: ServerEvent = { type: 'conversation-removed', conversationId: 'conv-1' };
    await one.appendEvents([{ agentId: 'agent-1', event }]);
    // Rolled back: nobody hears of it, and its number is given again.
    await assert.rejects(
      one.transaction!(async () => {
        await one.appendEvents([{ agentId: 'agent-1', event }]);
        throw new Error('changed my mind');
      }),
    );
    assert.deepEqual(await one.appendEvents([{ agentId: 'agent-1', event }]), [2]);
    await eventually(() => heard.length >= 2, 'two notices');
    assert.deepEqual(heard, [
      ['agent-1', 1],
      ['agent-1', 2],
    ]);
    await stop();
  });

  it('a listening connection that the database cuts comes back, and says notices may have been missed', async () => {
    const database = await postgres.newDatabase();
    const [one, two] = [await storageOn(database), await storageOn(database)];
    await one.seed(seedData({ seed: 1, now: Date.now() }));
    const heard: Array<[string | undefined, number]> = [];
    const stop = await two.watchEvents!((agentId, seq) => heard.push([agentId, seq]));
    const admin = new pg.Client(database);
    await admin.connect();
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    await admin.end();
    assert.equal(cut.rowCount, 1, 'the listening connection was cut');
    await eventually(() => heard.some(([agentId]) => agentId === undefined), 'the listener to come back');
    await one.appendEvents([{ agentId: 'agent-2', event: { type: 'conversation-removed', conversationId: 'c' } }]);
    await eventually(() => heard.some(([agentId]) => agentId === 'agent-2'), 'a notice after coming back');
    await stop();
  });

  it('after a restart the data, the log and its numbers carry on, and the seed is not written again', async () => {
    const database = await postgres.newDatabase();
    const before = await storageOn(database);
    assert.equal(await before.seed(seedData({ seed: 1, now: Date.now() })), true);
    await before.appendEvents([{ agentId: 'agent-1', event: { type: 'conversation-removed', conversationId: 'c' } }]);
    const logId = await before.logId();
    const conversations = (await before.conversationsListedFor('agent-1')).length;
    const afterRestart = await storageOn(database);
    assert.equal(await afterRestart.seed(seedData({ seed: 2, now: Date.now() })), false);
    assert.equal(await afterRestart.logId(), logId);
    assert.equal(await afterRestart.latestSeq('agent-1'), 1);
    assert.equal((await afterRestart.conversationsListedFor('agent-1')).length, conversations);
    assert.deepEqual(await afterRestart.agentByToken('demo-token-agent-2'), COLLEAGUE_AGENT);
    assert.equal(await afterRestart.agentByToken('demo-token-agent-3'), undefined);
  });
});
