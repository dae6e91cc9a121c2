import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { createMemoryAdapter, type MemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import { COLLEAGUE_AGENT, seededBackend } from '../helpers/seed.js';
import type { OutgoingNote } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import { listOf, type ConversationListName } from '../../src/core/model.js';
import { createMemoryStorage } from '../../src/core/ports.js';
import { createConversationStore, type StoreErrorEvent, type StorePersistence } from '../../src/core/store.js';

const quietBackend = () => seededBackend({ replyDelayMs: false, seed: 7 });

async function connectedStore(
  backend: MemoryBackend = quietBackend(),
  adapter: MemoryAdapter = createMemoryAdapter({ backend, latencyMs: 0 }),
  extra = {},
) {
  const store = createConversationStore({ adapter, retryBaseMs: 5, retryMaxMs: 20, requestTimeoutMs: 2000, ...extra });
  await store.connect();
  return { store, adapter, backend };
}

const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

describe('conversation store', () => {
  it('shows the snapshot as Conversations, Picklist, History and offers', async () => {
    const { store, backend } = await connectedStore();
    expect(store.connection).to.equal('online');
    expect(store.agent?.id).to.equal('agent-1');
    const mine = backend.conversations().filter((c) => c.status === 'active' && c.assigneeId === 'agent-1');
    expect(ids(store.list('conversations')).sort()).to.deep.equal(ids(mine).sort());
    expect(store.list('picklist').every((c) => c.status === 'queued')).to.be.true;
    expect(store.list('history').every((c) => c.status === 'ended')).to.be.true;
    expect(store.list('offered').every((c) => c.status === 'offered' && c.assigneeId === 'agent-1')).to.be.true;
    expect(store.list('picklist').length).to.be.greaterThan(5);
    expect(store.list('offered').length).to.be.greaterThan(0);
  });

  it('orders the Picklist by who has waited longest and Conversations by latest activity', async () => {
    const { store } = await connectedStore();
    const waits = store.list('picklist').map((c) => c.createdAt);
    expect(waits).to.deep.equal([...waits].sort((a, b) => a - b));
    const activity = store.list('conversations').map((c) => c.lastMessage?.at ?? c.updatedAt);
    expect(activity).to.deep.equal([...activity].sort((a, b) => b - a));
  });

  it('moves a picked conversation to Conversations before the backend answers', async () => {
    const backend = quietBackend();
    const { store } = await connectedStore(backend, createMemoryAdapter({ backend, latencyMs: 0 }));
    const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
    const slow = createConversationStore({ adapter });
    await slow.connect();
    const [first] = slow.list('picklist');
    adapter.faults.hangNext(0);
    const picking = slow.pick(first!.id);
    expect(ids(slow.list('conversations'))).to.include(first!.id);
    expect(ids(slow.list('picklist'))).not.to.include(first!.id);
    await picking;
    expect(slow.conversation(first!.id)?.status).to.equal('active');
    await waitUntil(
      () => !ids(store.list('picklist')).includes(first!.id),
      'the other device removes it from its Picklist',
    );
  });

  it('puts a conversation back in the Picklist with a conflict when another agent picked it first', async () => {
    const { store, adapter } = await connectedStore();
    const errors: StoreErrorEvent[] = [];
    store.onError((event) => errors.push(event));
    const queued = store.list('picklist')[0]!;
    adapter.faults.failNext(1, 'conflict');
    const error = await store.pick(queued.id).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConvError);
    expect((error as ConvError).code).to.equal('conflict');
    expect(ids(store.list('picklist'))).to.include(queued.id);
    expect(ids(store.list('conversations'))).not.to.include(queued.id);
    expect(errors.map((e) => [e.action, e.conversationId, e.error.code])).to.deep.equal([
      ['pick', queued.id, 'conflict'],
    ]);
  });

  it('gets a real conflict from the backend when two agents pick the same conversation', async () => {
    const backend = quietBackend();
    const { store: mine } = await connectedStore(backend);
    const { store: theirs } = await connectedStore(
      backend,
      createMemoryAdapter({ backend, latencyMs: 0, agent: COLLEAGUE_AGENT }),
    );
    const target = mine.list('picklist')[0]!.id;
    const results = await Promise.allSettled([mine.pick(target), theirs.pick(target)]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as ConvError).code).to.equal('conflict');
    const owners = [mine, theirs].filter((s) => ids(s.list('conversations')).includes(target));
    expect(owners).to.have.length(1);
  });

  it('accepts and rejects offers', async () => {
    const { store } = await connectedStore();
    const [first, second] = store.list('offered');
    await store.accept(first!.id);
    expect(ids(store.list('conversations'))).to.include(first!.id);
    await store.reject(second?.id ?? first!.id).catch(() => {});
    expect(ids(store.list('offered'))).not.to.include(second?.id);
  });

  it('sends a message that shows at once and arrives exactly once', async () => {
    const { store, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    await store.loadMessages(id);
    const clientId = await store.sendMessage(id, { text: 'Your refund is on its way.' });
    const shown = store.messages(id).items.find((m) => m.clientId === clientId);
    expect(shown?.text).to.equal('Your refund is on its way.');
    await waitUntil(() => store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'sent');
    expect(backend.sentMessages().filter((m) => m.clientId === clientId)).to.have.length(1);
  });

  it('retries a send after network failures and the customer gets it once', async () => {
    const { store, adapter, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    adapter.faults.failNext(3, 'network');
    const clientId = await store.sendMessage(id, { text: 'Still there?' });
    await waitUntil(
      () => store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'sent',
      'sent after retries',
      { timeout: 5000 },
    );
    expect(backend.sentMessages().filter((m) => m.text === 'Still there?')).to.have.length(1);
  });

  it('marks a refused message failed, and Retry sends it with the same clientId', async () => {
    const { store, adapter, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    adapter.faults.failNext(1, 'forbidden');
    const clientId = await store.sendMessage(id, { text: 'Hello' });
    await waitUntil(() => store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'failed');
    expect(store.messages(id).items.find((m) => m.clientId === clientId)?.errorCode).to.equal('forbidden');
    await store.retryMessage(clientId);
    await waitUntil(() => store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'sent');
    expect(backend.sentMessages().map((m) => m.clientId)).to.deep.equal([clientId]);
  });

  it('deletes a failed message so nothing reaches the customer', async () => {
    const { store, adapter, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    adapter.faults.failNext(1, 'invalid');
    const clientId = await store.sendMessage(id, { text: 'Oops' });
    await waitUntil(() => store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'failed');
    await store.deleteMessage(id, clientId);
    expect(store.messages(id).items.some((m) => m.clientId === clientId)).to.be.false;
    expect(backend.sentMessages()).to.have.length(0);
  });

  it('refuses to send nothing, or into a chat that is not mine', async () => {
    const { store } = await connectedStore();
    const mine = store.list('conversations')[0]!.id;
    const queued = store.list('picklist')[0]!.id;
    expect(((await store.sendMessage(mine, { text: '   ' }).catch((e) => e)) as ConvError).code).to.equal('invalid');
    expect(((await store.sendMessage(queued, { text: 'hi' }).catch((e) => e)) as ConvError).code).to.equal('forbidden');
  });

  it('ends a chat at once, and ending it twice changes nothing', async () => {
    const { store, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    const ending = store.endChat(id);
    expect(ids(store.list('history'))).to.include(id);
    await ending;
    await store.endChat(id);
    expect(backend.conversations().find((c) => c.id === id)?.status).to.equal('ended');
    expect(backend.messages(id).filter((m) => m.author === 'system' && /end/i.test(m.text)).length).to.be.at.most(1);
  });

  it('rolls an ended chat back when the backend refuses', async () => {
    const { store, adapter } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    adapter.faults.failNext(1, 'forbidden');
    const error = (await store.endChat(id).catch((e) => e)) as ConvError;
    expect(error.code).to.equal('forbidden');
    expect(ids(store.list('conversations'))).to.include(id);
  });

  it('shows picks, messages, notes and ends made on the agent’s other device', async () => {
    const backend = quietBackend();
    const { store: desktop } = await connectedStore(backend);
    const { store: phone } = await connectedStore(backend);
    const queued = phone.list('picklist')[0]!.id;
    await phone.pick(queued);
    await waitUntil(() => ids(desktop.list('conversations')).includes(queued), 'the desktop shows the pick');
    await desktop.loadMessages(queued);
    await phone.sendMessage(queued, { text: 'Sent from the phone' });
    await waitUntil(
      () => desktop.messages(queued).items.some((m) => m.text === 'Sent from the phone'),
      'the desktop shows the message',
    );
    await phone.addNote(queued, 'Customer prefers email');
    await waitUntil(
      () => desktop.notes(queued).items.some((n) => n.text === 'Customer prefers email'),
      'the desktop shows the note',
    );
    await phone.endChat(queued);
    await waitUntil(() => ids(desktop.list('history')).includes(queued), 'the desktop shows the end');
  });

  it('shows new customers the backend routes to the agent: offered to them, or waiting in the Picklist', async () => {
    const { store, backend } = await connectedStore();
    const offered = backend.offerConversation('agent-1', { customer: { id: 'cust-new-1', name: 'Nadia Rahman' } });
    const queued = backend.queueConversation({ customer: { id: 'cust-new-2', phone: '+44 7700 900777' } });
    const notMine = backend.offerConversation('agent-2', { customer: { id: 'cust-new-3', name: 'Someone Else' } });
    await waitUntil(
      () => ids(store.list('offered')).includes(offered.id) && ids(store.list('picklist')).includes(queued.id),
      'the new customers show',
    );
    expect(ids(store.list('offered'))).not.to.include(notMine.id);
  });

  it('counts unread customer messages unless the conversation is being viewed', async () => {
    const { store, backend } = await connectedStore();
    const [first, second] = store.list('conversations');
    const stopViewing = store.view(first!.id);
    expect(store.conversation(first!.id)?.unreadCount).to.equal(0);
    const before = store.conversation(second!.id)!.unreadCount;
    backend.customerSays(first!.id, 'Hello?');
    backend.customerSays(second!.id, 'Anyone?');
    await waitUntil(() => store.conversation(second!.id)!.unreadCount === before + 1);
    expect(store.conversation(first!.id)?.unreadCount).to.equal(0);
    expect(store.conversation(second!.id)?.lastMessage?.text).to.equal('Anyone?');
    stopViewing();
  });

  it("opening a conversation on one device clears its unread count on the agent's other device", async () => {
    const backend = quietBackend();
    const { store: desktop } = await connectedStore(backend);
    const { store: phone } = await connectedStore(backend);
    const [chat] = desktop.list('conversations');
    backend.customerSays(chat!.id, 'Are you still there?');
    await waitUntil(() => phone.conversation(chat!.id)!.unreadCount > 0, 'the phone counts the message');
    const stopViewing = desktop.view(chat!.id);
    await waitUntil(() => phone.conversation(chat!.id)!.unreadCount === 0, 'the phone hears it was read');
    backend.customerSays(chat!.id, 'Hello?');
    await waitUntil(() => backend.messages(chat!.id).at(-1)?.text === 'Hello?');
    // Read while it is open on the desktop: the phone's badge clears again.
    await waitUntil(
      () =>
        phone.conversation(chat!.id)!.unreadCount === 0 && phone.conversation(chat!.id)!.lastMessage?.text === 'Hello?',
      'the phone hears the new message was read',
      { timeout: 4000 },
    );
    stopViewing();
  });

  it('tells the backend what was read at most once every 2 s, and a refused call is no error', async () => {
    const backend = quietBackend();
    const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
    const calls: string[] = [];
    const markRead = adapter.markRead.bind(adapter);
    adapter.markRead = (id) => (calls.push(id), markRead(id));
    const { store } = await connectedStore(backend, adapter);
    const errors: StoreErrorEvent[] = [];
    store.onError((event) => errors.push(event));
    const [chat] = store.list('conversations');
    backend.customerSays(chat!.id, 'One');
    await waitUntil(() => store.conversation(chat!.id)!.unreadCount > 0);
    adapter.faults.failNext(1);
    const stopViewing = store.view(chat!.id);
    await waitUntil(() => calls.length === 1, 'the first call');
    for (const text of ['Two', 'Three', 'Four', 'Five']) backend.customerSays(chat!.id, text);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls, 'calls while messages keep coming').to.have.length(1);
    await waitUntil(() => calls.length === 2, 'one more call for all of them', { timeout: 3000 });
    await waitUntil(() => backend.conversations().find((c) => c.id === chat!.id)?.unreadCount === 0);
    expect(errors, 'errors').to.deep.equal([]);
    expect(store.conversation(chat!.id)?.unreadCount).to.equal(0);
    stopViewing();
  });

  it('tells only the views whose slice changed', async () => {
    const { store, backend } = await connectedStore();
    const [first, second] = store.list('conversations');
    await store.loadMessages(first!.id);
    await store.loadMessages(second!.id);
    const heard: string[] = [];
    for (const topic of [
      `messages:${first!.id}`,
      `messages:${second!.id}`,
      `conversation:${second!.id}`,
      'list:history',
      'list:picklist',
    ] as const)
      store.on(topic, () => heard.push(topic));
    backend.customerSays(first!.id, 'typing in one chat');
    await waitUntil(() => heard.includes(`messages:${first!.id}`));
    expect(heard).not.to.include(`messages:${second!.id}`);
    expect(heard).not.to.include(`conversation:${second!.id}`);
    expect(heard).not.to.include('list:history');
    expect(heard).not.to.include('list:picklist');
  });

  it('loads the customer’s previous conversations page by page, most recent first', async () => {
    const { store } = await connectedStore();
    const candidates = store.list('conversations').concat(store.list('picklist'));
    let found: string | undefined;
    for (const c of candidates) {
      await store.loadPreviousConversations(c.id);
      if (!store.previousConversations(c.id).complete) {
        found = c.id;
        break;
      }
    }
    expect(found, 'a customer with more than one page of earlier conversations').to.be.a('string');
    const firstPage = store.previousConversations(found!).items.length;
    await store.loadPreviousConversations(found!);
    const all = store.previousConversations(found!).items;
    expect(all.length).to.be.greaterThan(firstPage);
    const ended = all.map((p) => p.conversation.endedAt ?? p.conversation.updatedAt);
    expect(ended).to.deep.equal([...ended].sort((a, b) => b - a));
    expect(new Set(all.map((p) => p.conversation.id)).size).to.equal(all.length);
  });

  it('pages older messages of a long conversation without duplicates', async () => {
    const { store, backend } = await connectedStore();
    const long = store
      .list('conversations')
      .concat(store.list('history'))
      .find((c) => backend.messages(c.id).length > 120)!;
    await store.loadMessages(long.id);
    const first = store.messages(long.id).items.length;
    await store.loadMessages(long.id, { older: true });
    const items = store.messages(long.id).items;
    expect(items.length).to.be.greaterThan(first);
    expect(new Set(items.map((m) => m.clientId)).size).to.equal(items.length);
    const times = items.map((m) => m.sentAt);
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it('keeps notes newest first and never among messages', async () => {
    const { store, backend } = await connectedStore();
    const id = store.list('conversations')[0]!.id;
    await store.loadNotes(id);
    await store.addNote(id, 'first note');
    await store.addNote(id, 'second note');
    expect(store.notes(id).items[0]?.text).to.equal('second note');
    await store.loadMessages(id);
    expect(store.messages(id).items.some((m) => m.text.includes('note'))).to.be.false;
    expect(backend.messages(id).some((m) => m.text.includes('first note'))).to.be.false;
  });

  it('saves a note again after a failure or a timeout with the same clientId: one note, never two', async () => {
    const backend = quietBackend();
    const memory = createMemoryAdapter({ backend, latencyMs: 0 });
    const sent: OutgoingNote[] = [];
    let answerLate = false;
    // Records what the store sends; while `answerLate`, the backend stores the note but its answer comes after the timeout.
    const adapter: MemoryAdapter = {
      ...memory,
      async addNote(note) {
        sent.push(note);
        const stored = await memory.addNote(note);
        if (answerLate) await new Promise((resolve) => setTimeout(resolve, 200));
        return stored;
      },
    };
    const { store } = await connectedStore(backend, adapter, { requestTimeoutMs: 50 });
    const id = store.list('conversations')[0]!.id;
    const stored = (text: string) => backend.notes(id).filter((note) => note.text === text);

    memory.faults.failNext(1, 'network');
    expect(((await store.addNote(id, 'Call back at 5').catch((e) => e)) as ConvError).code).to.equal('network');
    await store.addNote(id, 'Call back at 5 ');
    expect(sent.map((note) => note.clientId)).to.have.length(2);
    expect(sent[1]!.clientId, 'the retry after a failure').to.equal(sent[0]!.clientId);
    expect(stored('Call back at 5')).to.have.length(1);

    answerLate = true;
    expect(((await store.addNote(id, 'Refund approved').catch((e) => e)) as ConvError).code).to.equal('network');
    answerLate = false;
    const note = await store.addNote(id, 'Refund approved');
    expect(sent[3]!.clientId, 'the retry after a timeout').to.equal(sent[2]!.clientId);
    expect(stored('Refund approved').map((n) => n.id)).to.deep.equal([note.id]);
    expect(store.notes(id).items.filter((n) => n.text === 'Refund approved')).to.have.length(1);

    // Once saved, the same words again are the agent's second note.
    await store.addNote(id, 'Refund approved');
    expect(sent[4]!.clientId).not.to.equal(sent[3]!.clientId);
    expect(stored('Refund approved')).to.have.length(2);
  });

  it('fails a call that never answers as a network error', async () => {
    const { store, adapter } = await connectedStore(undefined, undefined, { requestTimeoutMs: 50 });
    adapter.faults.hangNext(1);
    const error = (await store.addNote(store.list('conversations')[0]!.id, 'x').catch((e) => e)) as ConvError;
    expect(error.code).to.equal('network');
  });

  it('stays consistent when pushes arrive twice, out of order or for unknown conversations', async () => {
    const backend = quietBackend();
    const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
    const { store } = await connectedStore(backend, adapter);
    adapter.faults.answerTwice(true);
    adapter.faults.outOfOrder(true);
    adapter.faults.pushUnknown();
    const id = store.list('conversations')[0]!.id;
    await store.loadMessages(id);
    const clientId = await store.sendMessage(id, { text: 'Once only' });
    backend.customerSays(id, 'one');
    backend.customerSays(id, 'two');
    await waitUntil(
      () =>
        store.messages(id).items.filter((m) => m.text === 'two').length === 1 &&
        store.messages(id).items.find((m) => m.clientId === clientId)?.status === 'sent',
    );
    await new Promise((r) => setTimeout(r, 120));
    const items = store.messages(id).items;
    expect(items.filter((m) => m.clientId === clientId)).to.have.length(1);
    expect(items.filter((m) => m.text === 'one')).to.have.length(1);
    expect(new Set(items.map((m) => m.clientId)).size).to.equal(items.length);
  });

  it('brings drafts and unsent messages back after a reload', async () => {
    const backend = quietBackend();
    const storage = createMemoryStorage();
    const persistence = (): StorePersistence => ({ storage });
    const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
    const first = createConversationStore({ adapter, persistence, retryBaseMs: 5 });
    await first.connect();
    const id = first.list('conversations')[0]!.id;
    first.setDraft(id, { text: 'half written' });
    adapter.faults.dropConnection();
    const clientId = await first.sendMessage(id, { text: 'written offline' });
    await new Promise((r) => setTimeout(r, 350)); // the draft write is debounced
    first.setDraft(id, { text: 'half written' });
    await new Promise((r) => setTimeout(r, 350));
    first.disconnect(); // the tab closes
    const second = createConversationStore({
      adapter: createMemoryAdapter({ backend, latencyMs: 0 }),
      persistence,
      retryBaseMs: 5,
    });
    await second.connect();
    expect(second.draft(id).text).to.equal('half written');
    await waitUntil(
      () => backend.sentMessages().some((m) => m.clientId === clientId),
      'the unsent message goes after the reload',
    );
    expect(backend.sentMessages().filter((m) => m.clientId === clientId)).to.have.length(1);
  });

  it('never puts a conversation in two lists, never doubles a clientId, never turns a note into a message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('pick' as const), index: fc.nat(20) }),
            fc.record({ kind: fc.constant('accept' as const), index: fc.nat(5) }),
            fc.record({ kind: fc.constant('reject' as const), index: fc.nat(5) }),
            fc.record({ kind: fc.constant('end' as const), index: fc.nat(10) }),
            fc.record({ kind: fc.constant('send' as const), index: fc.nat(10), fail: fc.boolean() }),
            fc.record({ kind: fc.constant('note' as const), index: fc.nat(10) }),
            fc.record({ kind: fc.constant('customer' as const), index: fc.nat(10) }),
            fc.record({ kind: fc.constant('colleaguePick' as const), index: fc.nat(20) }),
            fc.record({ kind: fc.constant('otherDeviceEnd' as const), index: fc.nat(10) }),
            fc.record({ kind: fc.constant('queue' as const) }),
          ),
          { maxLength: 25 },
        ),
        async (steps) => {
          const backend = quietBackend();
          const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
          const store = createConversationStore({ adapter, retryBaseMs: 1, retryMaxMs: 2 });
          await store.connect();
          const colleague = createMemoryAdapter({ backend, latencyMs: 0, agent: COLLEAGUE_AGENT });
          await colleague.connect(() => {});
          const otherDevice = createMemoryAdapter({ backend, latencyMs: 0 });
          await otherDevice.connect(() => {});
          const noteTexts: string[] = [];
          const at = (name: ConversationListName, index: number) =>
            store.list(name)[index % Math.max(1, store.list(name).length)];
          let n = 0;
          for (const step of steps) {
            n++;
            const ignore = () => {};
            switch (step.kind) {
              case 'pick': {
                const c = at('picklist', step.index);
                if (c) await store.pick(c.id).catch(ignore);
                break;
              }
              case 'accept': {
                const c = at('offered', step.index);
                if (c) await store.accept(c.id).catch(ignore);
                break;
              }
              case 'reject': {
                const c = at('offered', step.index);
                if (c) await store.reject(c.id).catch(ignore);
                break;
              }
              case 'end': {
                const c = at('conversations', step.index);
                if (c) await store.endChat(c.id).catch(ignore);
                break;
              }
              case 'send': {
                const c = at('conversations', step.index);
                if (c) {
                  if (step.fail) adapter.faults.failNext(1, 'network');
                  await store.sendMessage(c.id, { text: `message ${n}` }).catch(ignore);
                }
                break;
              }
              case 'note': {
                const c = at('conversations', step.index) ?? at('history', step.index);
                if (c) {
                  noteTexts.push(`note ${n}`);
                  await store.addNote(c.id, `note ${n}`).catch(ignore);
                }
                break;
              }
              case 'customer': {
                const c = at('conversations', step.index);
                if (c) {
                  try {
                    backend.customerSays(c.id, `customer ${n}`);
                  } catch {
                    /* ended meanwhile: the backend refuses */
                  }
                }
                break;
              }
              case 'colleaguePick': {
                const c = at('picklist', step.index);
                if (c) await colleague.pick(c.id).catch(ignore);
                break;
              }
              case 'otherDeviceEnd': {
                const c = at('conversations', step.index);
                if (c) await otherDevice.endChat(c.id).catch(ignore);
                break;
              }
              case 'queue':
                backend.queueConversation();
                break;
            }
          }
          await waitUntil(() => store.pendingMessages().every((p) => p.state === 'failed'), 'outbox settles', {
            timeout: 4000,
          });
          await new Promise((r) => setTimeout(r, 5));
          const seen = new Map<string, ConversationListName>();
          for (const name of ['conversations', 'picklist', 'history', 'offered'] as const) {
            for (const c of store.list(name)) {
              expect(seen.has(c.id), `${c.id} is in ${seen.get(c.id)} and ${name}`).to.be.false;
              seen.set(c.id, name);
              expect(listOf(c, store.agent?.id)).to.equal(name);
            }
          }
          const sent = backend.sentMessages();
          expect(new Set(sent.map((m) => m.clientId)).size).to.equal(sent.length);
          for (const c of backend.conversations()) {
            for (const m of backend.messages(c.id)) expect(noteTexts).not.to.include(m.text);
            const local = store.messages(c.id).items;
            expect(new Set(local.map((m) => m.clientId)).size).to.equal(local.length);
          }
          store.disconnect();
          colleague.disconnect();
          otherDevice.disconnect();
          backend.dispose();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('conversation store: connecting and reloading', () => {
  /** An adapter whose backend cannot be reached while `down` is true. */
  function reachableWhen(adapter: MemoryAdapter) {
    const state = { down: true };
    const gated: MemoryAdapter = {
      ...adapter,
      connect: (sink) =>
        state.down
          ? Promise.reject(new ConvError('network', 'The server could not be reached'))
          : adapter.connect(sink),
    };
    return { adapter: gated, state };
  }

  it('keeps trying a first connection that fails, and resolves once connected', async () => {
    const adapter = createMemoryAdapter({ backend: quietBackend(), latencyMs: 0 });
    adapter.faults.failNext(3, 'network');
    const store = createConversationStore({ adapter, reconnectMinMs: 5, reconnectMaxMs: 20 });
    const states: string[] = [];
    store.on('connection', () => states.push(store.connection));
    await store.connect();
    expect(states).to.deep.equal(['connecting', 'reconnecting', 'online']);
    expect(store.list('conversations').length).to.be.greaterThan(0);
  });

  it('gives up only when the backend refuses the agent', async () => {
    const adapter = createMemoryAdapter({ backend: quietBackend(), latencyMs: 0 });
    adapter.faults.failNext(1, 'forbidden');
    const store = createConversationStore({ adapter, reconnectMinMs: 5 });
    const outcome = await store.connect().then(
      () => 'connected',
      (error: ConvError) => error.code,
    );
    expect(outcome).to.equal('forbidden');
    expect(store.connection).to.equal('offline');
  });

  it('stops trying when the host disconnects', async () => {
    const { adapter } = reachableWhen(createMemoryAdapter({ backend: quietBackend(), latencyMs: 0 }));
    const store = createConversationStore({ adapter, reconnectMinMs: 5, reconnectMaxMs: 10 });
    const connecting = store.connect().then(
      () => 'connected',
      (error: ConvError) => error.code,
    );
    await waitUntil(() => store.connection === 'reconnecting');
    store.disconnect();
    expect(await connecting).to.equal('network');
    expect(store.connection).to.equal('idle');
  });

  it('shows the agent’s waiting messages, drafts and last lists while a reloaded page cannot reach the backend', async () => {
    const backend = quietBackend();
    const storage = createMemoryStorage();
    const persistence = (): StorePersistence => ({ storage });
    const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
    const first = createConversationStore({ adapter, persistence, retryBaseMs: 5 });
    await first.connect();
    const id = first.list('conversations')[0]!.id;
    adapter.faults.dropConnection();
    const clientId = await first.sendMessage(id, { text: 'written while the server was down' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    first.setDraft(id, { text: 'still writing' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the draft and the lists are written behind
    first.disconnect(); // the page reloads

    const { adapter: unreachable, state } = reachableWhen(createMemoryAdapter({ backend, latencyMs: 0 }));
    const second = createConversationStore({
      adapter: unreachable,
      persistence,
      agent: adapter.agent,
      retryBaseMs: 5,
      reconnectMinMs: 5,
      reconnectMaxMs: 20,
    });
    const connecting = second.connect();
    await waitUntil(() => second.connection === 'reconnecting');
    expect(ids(second.list('conversations'))).to.include(id);
    await waitUntil(() => second.messages(id).items.some((m) => m.clientId === clientId));
    expect(second.messages(id).items.find((m) => m.clientId === clientId)?.status).to.equal('pending');
    expect(second.draft(id).text).to.equal('still writing');
    expect(backend.sentMessages().some((m) => m.clientId === clientId)).to.be.false;

    state.down = false;
    await connecting;
    await waitUntil(
      () => backend.sentMessages().some((m) => m.clientId === clientId),
      'what waited is sent once connected',
    );
    expect(backend.sentMessages().filter((m) => m.clientId === clientId)).to.have.length(1);
    second.disconnect();
  });

  it('clears the saved draft the moment the message is saved, and no later write brings it back', async () => {
    const storage = createMemoryStorage();
    const { store } = await connectedStore(quietBackend(), undefined, {
      persistence: (): StorePersistence => ({ storage }),
    });
    const id = store.list('conversations')[0]!.id;
    store.setDraft(id, { text: 'Your parcel' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await storage.get(`draft:${id}`)).to.include({ text: 'Your parcel' });
    store.setDraft(id, { text: 'Your parcel is on its way' }); // its write is still waiting when Enter comes
    await store.sendMessage(id, { text: 'Your parcel is on its way' });
    await Promise.resolve();
    expect(await storage.get(`draft:${id}`)).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await storage.get(`draft:${id}`)).to.equal(undefined);
    store.disconnect();
  });

  it('never restores a draft saved before a message that was sent from it', async () => {
    const backend = quietBackend();
    const storage = createMemoryStorage();
    const persistence = (): StorePersistence => ({ storage });
    const id = backend.conversations().find((c) => c.status === 'active' && c.assigneeId === 'agent-1')!.id;
    // The page went away between saving the message and clearing its draft.
    await storage.set(`draft:${id}`, { text: 'See you tomorrow', changedAt: 1_000 });
    await storage.set('outbox:left-behind', {
      clientId: 'left-behind',
      conversationId: id,
      text: 'See you tomorrow',
      files: [],
      createdAt: 2_000,
      attempts: 0,
      state: 'waiting',
    });
    const store = createConversationStore({
      adapter: createMemoryAdapter({ backend, latencyMs: 0 }),
      persistence,
      retryBaseMs: 5,
    });
    await store.connect();
    expect(store.draft(id).text).to.equal('');
    await waitUntil(() => backend.sentMessages().some((m) => m.clientId === 'left-behind'));
    expect(backend.sentMessages().filter((m) => m.text === 'See you tomorrow')).to.have.length(1);
    store.disconnect();
  });
});
