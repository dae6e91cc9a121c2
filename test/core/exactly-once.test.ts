import { expect, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory.js';
import { seededBackend } from '../helpers/seed.js';
import { browserPersistence } from '../../src/browser/persistence.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';

/** A small seeded PRNG, so a failing run can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('exactly-once sending', () => {
  it('delivers 1,000 messages exactly once and in order through faults and 20+ reloads', async function () {
    this.timeout(240_000);
    const rand = random(20261125);
    const backend = seededBackend({ replyDelayMs: false, seed: 3 });
    const persistence = browserPersistence(`exactly-once-${Date.now()}`);
    const written = new Map<string, string[]>(); // conversation → texts in the order the agent wrote them
    let adapter: MemoryAdapter;
    let store: ConversationStore;
    let reloads = 0;
    const faultsSeen = { failed: 0, hung: 0, doubled: 0, dropped: 0 };

    const open = async () => {
      adapter = createMemoryAdapter({ backend, latencyMs: [0, 4] });
      store = createConversationStore({ adapter, persistence, retryBaseMs: 5, retryMaxMs: 40, requestTimeoutMs: 150 });
      await store.connect();
    };
    await open();
    const conversationIds = store!
      .list('conversations')
      .slice(0, 5)
      .map((c) => c.id);

    for (let index = 0; index < 1000; index++) {
      const conversationId = conversationIds[Math.floor(rand() * conversationIds.length)]!;
      const text = `message ${index}`;
      await store!.sendMessage(conversationId, { text });
      written.set(conversationId, [...(written.get(conversationId) ?? []), text]);

      const roll = rand();
      if (roll < 0.04) (adapter!.faults.failNext(1 + Math.floor(rand() * 3), 'network'), faultsSeen.failed++);
      else if (roll < 0.06) (adapter!.faults.hangNext(1), faultsSeen.hung++);
      else if (roll < 0.09) (adapter!.faults.answerTwice(rand() < 0.5), faultsSeen.doubled++);
      else if (roll < 0.11) {
        adapter!.faults.dropConnection();
        faultsSeen.dropped++;
        const dropped = adapter!;
        setTimeout(() => dropped.faults.restoreConnection(), 5 + rand() * 30);
      }
      // A reload in the middle of sending: the page goes away with messages in flight.
      if (index % 45 === 44) {
        store!.disconnect();
        reloads++;
        await open();
      }
      if (rand() < 0.2) await new Promise((resolve) => setTimeout(resolve, rand() * 4));
    }

    await waitUntil(() => store!.pendingMessages().length === 0, 'the outbox empties', {
      timeout: 120_000,
      interval: 50,
    });
    const sent = backend.sentMessages();
    const clientIds = sent.map((m) => m.clientId);
    const texts = sent.map((m) => m.text);
    expect(reloads).to.be.at.least(20);
    expect(new Set(clientIds).size, 'no clientId doubled').to.equal(clientIds.length);
    expect(new Set(texts).size, 'no message doubled').to.equal(texts.length);
    expect(sent.length, 'no message lost').to.equal(1000);
    for (const [conversationId, expected] of written) {
      expect(
        backend
          .messages(conversationId)
          .filter((m) => m.author === 'agent' && m.text.startsWith('message '))
          .map((m) => m.text),
      ).to.deep.equal(expected);
    }
    console.log(
      `exactly-once: 1000 written, ${sent.length} arrived, ${1000 - new Set(texts).size} lost, ${clientIds.length - new Set(clientIds).size} doubled; ${reloads} reloads, faults ${JSON.stringify(faultsSeen)}`,
    );
  });

  it('lets one tab send while the other tab shows the same progress', async () => {
    const backend = seededBackend({ replyDelayMs: false, seed: 5 });
    const persistence = browserPersistence(`tabs-${Date.now()}`);
    const first = createMemoryAdapter({ backend, latencyMs: 5 });
    const second = createMemoryAdapter({ backend, latencyMs: 5 });
    let secondSends = 0;
    const originalSend = second.sendMessage.bind(second);
    second.sendMessage = (message) => (secondSends++, originalSend(message));
    const tabA = createConversationStore({ adapter: first, persistence });
    const tabB = createConversationStore({ adapter: second, persistence });
    await Promise.all([tabA.connect(), tabB.connect()]);
    const id = tabA.list('conversations')[0]!.id;
    const clientIds: string[] = [];
    for (let i = 0; i < 10; i++) clientIds.push(await tabA.sendMessage(id, { text: `from tab A ${i}` }));
    await waitUntil(
      () =>
        clientIds.every((clientId) => tabB.messages(id).items.find((m) => m.clientId === clientId)?.status === 'sent'),
      'tab B shows every message sent',
    );
    expect(secondSends).to.equal(0);
    expect(backend.sentMessages().map((m) => m.clientId)).to.deep.equal(clientIds);
    tabA.disconnect();
    tabB.disconnect();
  });

  it('lets the other tab finish sending when the sending tab closes', async () => {
    const backend = seededBackend({ replyDelayMs: false, seed: 5 });
    const persistence = browserPersistence(`takeover-${Date.now()}`);
    const first = createMemoryAdapter({ backend, latencyMs: 5 });
    const tabA = createConversationStore({ adapter: first, persistence, retryBaseMs: 5, retryMaxMs: 10 });
    const tabB = createConversationStore({
      adapter: createMemoryAdapter({ backend, latencyMs: 5 }),
      persistence,
      retryBaseMs: 5,
      retryMaxMs: 10,
    });
    await Promise.all([tabA.connect(), tabB.connect()]);
    const id = tabA.list('conversations')[0]!.id;
    first.faults.failNext(1000, 'network'); // tab A cannot get through
    const clientId = await tabA.sendMessage(id, { text: 'written in tab A' });
    await waitUntil(
      () => tabB.messages(id).items.some((m) => m.clientId === clientId),
      'tab B shows the waiting message',
    );
    tabA.disconnect();
    await waitUntil(() => backend.sentMessages().some((m) => m.clientId === clientId), 'tab B sends it', {
      timeout: 5000,
    });
    expect(backend.sentMessages().filter((m) => m.clientId === clientId)).to.have.length(1);
    tabB.disconnect();
  });
});
