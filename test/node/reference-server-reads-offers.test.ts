// The reference server's read state and offers that time out, under Node: an agent reading on one
// socket clears the count on their other sockets; an offer nobody answers goes back to the Picklist
// after the configured time, also across a restart; and the simulated customers never share a name.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { COLLEAGUE_AGENT, DEFAULT_AGENT, demoSeed } from '../../demo/seed/world.js';
import { createMemoryBackend } from '../../src/adapters/memory.js';
import type { ServerEvent, ServerFrame } from '../../src/adapters/websocket.js';
import type { Conversation } from '../../src/core/model.js';
import { createCustomerSimulation } from '../../demo/server/customers.js';
import type { ReferenceServer } from '../../demo/server/server.js';
import type { Subscriber } from '../../demo/server/service.js';
import { databaseFile, startServer, TOKENS, walkIn } from './reference-server-kit.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(10);
  }
}

/** A subscriber that records what it is pushed. */
function listener(agent = DEFAULT_AGENT) {
  const events: ServerEvent[] = [];
  const subscriber: Subscriber = { agent, open: true, deliver: (_seq, event) => events.push(event) };
  const conversations = (id: string) =>
    events.flatMap((event) =>
      event.type === 'conversation' && event.conversation.id === id ? [event.conversation] : [],
    );
  return { subscriber, events, conversations };
}

/** One device of an agent on a real socket: signed in, live, recording every frame. */
async function device(server: ReferenceServer, token: string) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
  const frames: ServerFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let counter = 0;
  const call = async (method: string, params: unknown = {}) => {
    const id = `r${++counter}`;
    socket.send(JSON.stringify({ type: 'request', id, method, params }));
    const answer = await until(
      () => frames.find((frame) => (frame.type === 'response' || frame.type === 'error') && frame.id === id),
      `the answer to ${method}`,
    );
    if (answer.type === 'error') throw Object.assign(new Error(answer.error.message), answer.error);
    return (answer as { result: unknown }).result;
  };
  await call('hello', { protocol: 1, token });
  await call('snapshot');
  const pushed = (id: string) =>
    frames.flatMap((frame) =>
      frame.type === 'event' && frame.event.type === 'conversation' && frame.event.conversation.id === id
        ? [frame.event.conversation]
        : [],
    );
  return { socket, call, pushed, heard: () => frames.length, framesSince: (index: number) => frames.slice(index) };
}

describe('reference server: read state', () => {
  let server: ReferenceServer;
  after(() => server?.close());

  it('read on the desktop, the count is 0 on the phone with the next push, over the sockets', async () => {
    server = await startServer();
    const [desktop, phone] = [await device(server, TOKENS['agent-1']), await device(server, TOKENS['agent-1'])];
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    await server.service.customerSays(id, 'Is anyone there?');
    await until(() => phone.pushed(id).findLast((conversation) => conversation.unreadCount >= 2), 'the unread count');
    const before = phone.pushed(id).length;

    assert.equal(await desktop.call('markRead', { conversationId: id }), null);
    const next = await until(() => phone.pushed(id)[before], 'the phone to hear it was read');
    assert.equal(next.unreadCount, 0);
    assert.equal((await server.service.conversation(id))?.unreadCount, 0, 'what the server keeps');
    desktop.socket.close();
    phone.socket.close();
  });

  it('reading what is read already pushes nothing; only the assigned agent may mark a conversation read', async () => {
    const mine = listener(DEFAULT_AGENT);
    await server.service.subscribeWithSnapshot(mine.subscriber, () => {});
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    await server.service.markRead(DEFAULT_AGENT, id);
    const heard = mine.events.length;
    await server.service.markRead(DEFAULT_AGENT, id);
    assert.equal(mine.events.length, heard, 'nothing pushed for a conversation already read');
    await assert.rejects(server.service.markRead(COLLEAGUE_AGENT, id), { code: 'forbidden' });
    const queued = await server.service.queueConversation(walkIn());
    await assert.rejects(
      server.service.markRead(DEFAULT_AGENT, queued.id),
      { code: 'forbidden' },
      'a Picklist conversation',
    );
    server.service.unsubscribe(mine.subscriber);
  });

  it('a markRead without a conversation id is invalid', async () => {
    const desktop = await device(server, TOKENS['agent-1']);
    await assert.rejects(desktop.call('markRead', {}), { code: 'invalid' });
    desktop.socket.close();
  });
});

describe('reference server: offers time out', () => {
  const servers: ReferenceServer[] = [];
  after(() => Promise.all(servers.map((server) => server.close())));
  const start = async (options: Parameters<typeof startServer>[0] = {}) => {
    const server = await startServer(options);
    servers.push(server);
    return server;
  };

  it('an offer carries when it expires, 60 s after it is made unless configured', async () => {
    const server = await start();
    const offer = await server.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    assert.equal(offer.offerExpiresAt! - offer.createdAt, 60_000);
    const queued = await server.service.queueConversation(walkIn());
    assert.equal(queued.offerExpiresAt, undefined, 'a Picklist conversation is no offer');
  });

  it('an offer not answered in time goes back to the Picklist, and its agent hears so', async () => {
    const server = await start({ offerTimeoutMs: 300 });
    const mine = listener(DEFAULT_AGENT);
    await server.service.subscribeWithSnapshot(mine.subscriber, () => {});
    const offer = await server.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    assert.equal(offer.offerExpiresAt! - offer.createdAt, 300);
    const returned = await until(
      () => mine.conversations(offer.id).find((conversation) => conversation.status === 'queued'),
      'the offer to come back to the Picklist',
    );
    assert.ok(Date.now() >= offer.offerExpiresAt!, 'not before its time');
    assert.equal(returned.assigneeId, undefined);
    assert.equal(returned.offerExpiresAt, undefined);
    assert.equal((await server.service.conversation(offer.id))?.status, 'queued');
    await assert.rejects(server.service.accept(DEFAULT_AGENT, offer.id), { code: 'conflict' });
  });

  it('an offer accepted or rejected in time does not expire later', async () => {
    const server = await start({ offerTimeoutMs: 200 });
    const accepted = await server.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    const rejected = await server.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    const active = await server.service.accept(DEFAULT_AGENT, accepted.id);
    assert.equal(active.offerExpiresAt, undefined);
    await server.service.reject(DEFAULT_AGENT, rejected.id);
    await server.service.pick(COLLEAGUE_AGENT, rejected.id);
    await pause(400);
    assert.deepEqual(
      [
        (await server.service.conversation(accepted.id))?.assigneeId,
        (await server.service.conversation(rejected.id))?.assigneeId,
      ],
      [DEFAULT_AGENT.id, COLLEAGUE_AGENT.id],
    );
  });

  it('offers made before a restart still expire at the time they said', async () => {
    const file = databaseFile();
    const first = await startServer({ databaseFile: file, offerTimeoutMs: 250 });
    const offer = await first.service.offerConversation(DEFAULT_AGENT.id, walkIn());
    await first.close();
    const second = await start({ databaseFile: file, offerTimeoutMs: 60_000 });
    const deadline = Date.now() + 3000;
    while ((await second.service.conversation(offer.id))?.status !== 'queued') {
      assert.ok(Date.now() < deadline, 'the offer came back to the Picklist after the restart');
      await pause(20);
    }
  });

  it('the demo controls make an offer with its own time, within an hour', async () => {
    const server = await start({ demoControls: true });
    const post = (body: unknown) =>
      fetch(`${server.url}/demo/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS['agent-1']}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const made = (await (await post({ offerTo: DEFAULT_AGENT.id, offerTimeoutMs: 5000 })).json()) as Conversation;
    assert.equal(made.offerExpiresAt! - made.createdAt, 5000);
    assert.equal((await post({ offerTo: DEFAULT_AGENT.id, offerTimeoutMs: 'soon' })).status, 422);
    assert.equal((await post({ offerTo: DEFAULT_AGENT.id, offerTimeoutMs: 7_200_000 })).status, 422);
  });
});

describe('demo simulator', () => {
  it('the reference server’s new customers never get a name another customer has', async () => {
    const server = await startServer();
    try {
      const taken = await server.service.customerNames();
      assert.ok(taken.size > 10, 'the seeded customers’ names are known');
      const simulation = createCustomerSimulation(server.service, {
        replies: false,
        traffic: false,
        seed: 3,
        takenNames: taken,
      });
      const names = Array.from({ length: 400 }, () => simulation.walkIn().customer.name).filter(
        (name) => name !== undefined,
      );
      assert.ok(names.length > 250);
      assert.equal(new Set(names).size, names.length, 'all different');
      assert.ok(
        names.every((name) => !taken.has(name)),
        'none of the seeded customers’',
      );
      simulation.dispose();
    } finally {
      await server.close();
    }
  });

  it('the memory backend’s walk-ins never share a name either', () => {
    const backend = createMemoryBackend({ ...demoSeed(), replyDelayMs: false, seed: 5 });
    const seeded = new Set(backend.conversations().flatMap(({ customer }) => (customer.name ? [customer.name] : [])));
    const walkIns = Array.from({ length: 300 }, () => backend.queueConversation().customer.name).filter(
      (name) => name !== undefined,
    );
    assert.equal(new Set(walkIns).size, walkIns.length, 'all different');
    assert.ok(
      walkIns.every((name) => !seeded.has(name)),
      'none of the seeded customers’',
    );
    backend.dispose();
  });
});
