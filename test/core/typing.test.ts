/** The store's typing slice: what a backend pushes is checked where it enters, and nothing hostile shows. */
import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { AdapterEventSink, ConversationAdapter } from '../../src/core/adapter.js';
import { createConversationStore, type InvalidDataEvent } from '../../src/core/store.js';
import { checked, type InvalidField } from '../../src/core/validate.js';
import { seededBackend } from '../helpers/seed.js';

async function connected() {
  const backend = seededBackend({ replyDelayMs: false });
  const memory = createMemoryAdapter({ backend, latencyMs: 0 });
  let push: AdapterEventSink = () => {};
  // The same adapter, with the store's sink in the test's hands, to push what a broken backend might.
  const adapter: ConversationAdapter = {
    ...memory,
    connect: (sink) => ((push = sink), memory.connect(sink)),
  };
  const store = createConversationStore({ adapter });
  await store.connect();
  const invalid: InvalidDataEvent[] = [];
  store.on('invalid-data', (event) => invalid.push(event));
  const conversationId = store.list('conversations')[0]!.id;
  return { backend, store, invalid, conversationId, push: (event: unknown) => push(event as never) };
}

describe('typing in the store', () => {
  it('shows a valid typing push and its stop', async () => {
    const { store, conversationId, push } = await connected();
    const changes: unknown[] = [];
    store.on(`typing:${conversationId}`, () => changes.push(1));
    push({ type: 'typing', conversationId, typing: true });
    expect(store.isCustomerTyping(conversationId)).to.equal(true);
    push({ type: 'typing', conversationId, typing: true });
    expect(changes).to.have.length(1, 'a repeat is no change');
    push({ type: 'typing', conversationId, typing: false });
    expect(store.isCustomerTyping(conversationId)).to.equal(false);
    expect(changes).to.have.length(2);
    store.disconnect();
  });

  it('drops typing for a conversation it does not know, without reporting or showing anything', async () => {
    const { store, invalid, push } = await connected();
    for (const conversationId of ['no-such-conversation', '__proto__', 'constructor', 'x'.repeat(100_000)])
      push({ type: 'typing', conversationId, typing: true });
    expect(store.isCustomerTyping('no-such-conversation')).to.equal(false);
    expect(store.isCustomerTyping('__proto__')).to.equal(false);
    expect(invalid).to.deep.equal([]);
    store.disconnect();
  });

  it('drops malformed typing pushes and reports the wrong field', async () => {
    const { store, invalid, conversationId, push } = await connected();
    push({ type: 'typing', conversationId, typing: 'yes' });
    push({ type: 'typing', conversationId, typing: 1 });
    push({ type: 'typing', conversationId: 42, typing: true });
    push({ type: 'typing', conversationId: '', typing: true });
    push({ type: 'typing', typing: true });
    push({ type: 'typing', conversationId: { toString: () => conversationId }, typing: true });
    expect(store.isCustomerTyping(conversationId)).to.equal(false);
    expect(invalid.map((event) => event.field)).to.deep.equal([
      'typing',
      'typing',
      'conversationId',
      'conversationId',
      'conversationId',
      'conversationId',
    ]);
    expect(invalid.every((event) => event.item === 'event' && event.action === 'push')).to.equal(true);
    store.disconnect();
  });

  it('drops typing for an ended conversation', async () => {
    const { store, push } = await connected();
    const ended = store.list('history')[0]!;
    push({ type: 'typing', conversationId: ended.id, typing: true });
    expect(store.isCustomerTyping(ended.id)).to.equal(false);
    store.disconnect();
  });

  it('forgets who was typing when it disconnects', async () => {
    const { store, conversationId, push } = await connected();
    push({ type: 'typing', conversationId, typing: true });
    store.disconnect();
    expect(store.isCustomerTyping(conversationId)).to.equal(false);
  });
});

describe('validate: typing events', () => {
  const problems = (value: unknown) => {
    const found: InvalidField[] = [];
    const result = checked('event', value, (problem) => found.push(problem));
    return { result, fields: found.map((problem) => problem.field) };
  };

  it('passes a typing event with a conversation id and a boolean', () => {
    expect(problems({ type: 'typing', conversationId: 'c1', typing: false }).fields).to.deep.equal([]);
  });

  it('refuses one whose typing is not a boolean or whose id is not a string', () => {
    expect(problems({ type: 'typing', conversationId: 'c1', typing: null })).to.deep.equal({
      result: undefined,
      fields: ['typing'],
    });
    expect(problems({ type: 'typing', conversationId: ['c1'], typing: true }).fields).to.deep.equal(['conversationId']);
    expect(problems({ type: 'Typing', conversationId: 'c1', typing: true }).fields).to.deep.equal(['type']);
  });
});
