/**
 * The order an agent sees: what the backend confirmed, by its time, then the agent's own messages it has
 * not confirmed yet, in the order written. Local and server clocks are never compared, so a burst of
 * messages keeps its order while each confirmation replaces a local time with the server's.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { connectedWorkspace } from '../helpers/workspace.js';

const texts = (items: ReadonlyArray<{ author: string; text: string }>, author = 'agent') =>
  items.filter((m) => m.author === author).map((m) => m.text);

describe('the order of a conversation’s messages', () => {
  it('keeps a burst of the agent’s messages in the order written, before and after the backend confirms them', async () => {
    const { store } = await connectedWorkspace({ latencyMs: 5 });
    const conversationId = store.list('conversations')[0]!.id;
    await store.loadMessages(conversationId);
    const written = Array.from({ length: 20 }, (_, index) => `m${index + 1}`);
    const seen: string[][] = [];
    const off = store.on(`messages:${conversationId}`, () =>
      seen.push(texts(store.messages(conversationId).items).filter((text) => written.includes(text))),
    );
    for (const text of written) await store.sendMessage(conversationId, { text });
    await waitUntil(() => store.pendingMessages().length === 0, 'the backend did not confirm them', { timeout: 10000 });
    off();
    expect(texts(store.messages(conversationId).items).slice(-20)).to.deep.equal(written);
    // Never out of order on the way either: every state the chat could have shown is a prefix, in order.
    for (const state of seen) expect(state).to.deep.equal(written.slice(0, state.length));
  });

  it('shows a customer’s message that arrives meanwhile before the agent’s messages still on their way', async () => {
    const { store, backend } = await connectedWorkspace({ latencyMs: 60 });
    const conversationId = store.list('conversations')[0]!.id;
    await store.loadMessages(conversationId);
    void store.sendMessage(conversationId, { text: 'on its way' });
    await waitUntil(() => texts(store.messages(conversationId).items).includes('on its way'));
    backend.customerSays(conversationId, 'Are you there?');
    await waitUntil(() => texts(store.messages(conversationId).items, 'customer').includes('Are you there?'));
    const order = store.messages(conversationId).items.map((m) => m.text);
    expect(order.indexOf('Are you there?')).to.be.lessThan(order.indexOf('on its way'));
    await waitUntil(() => store.pendingMessages().length === 0);
    const confirmed = store.messages(conversationId).items;
    for (let index = 1; index < confirmed.length; index++)
      expect(confirmed[index]!.sentAt, `message ${index} after ${index - 1}`).to.be.at.least(
        confirmed[index - 1]!.sentAt,
      );
  });
});
