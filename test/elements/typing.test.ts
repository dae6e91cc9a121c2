/** Typing indicators over the memory adapter: the customer's in <conv-chat> and <conv-list>, the agent's from <conv-composer>. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, type MemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import type { ConversationAdapter } from '../../src/core/adapter.js';
import { createConversationStore, type ConversationStore, type StoreErrorEvent } from '../../src/core/store.js';
import '../../src/elements/conv-chat/conv-chat.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import '../../src/elements/conv-notes/conv-notes.js';
import type { ConvNotes } from '../../src/elements/conv-notes/conv-notes.js';
import { seededBackend } from '../helpers/seed.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  backend: MemoryBackend;
  store: ConversationStore;
  conversationId: string;
  /** Every `sendTyping` the store made, in order. */
  told: boolean[];
}

async function setup(
  timings: { expiresMs?: number; repeatMs?: number; idleMs?: number } = {},
  { withoutTyping = false } = {},
): Promise<Setup> {
  const backend = seededBackend({ replyDelayMs: false });
  const memory: MemoryAdapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const told: boolean[] = [];
  let adapter: ConversationAdapter;
  if (withoutTyping) {
    const { sendTyping: _left, ...rest } = memory;
    adapter = rest;
  } else
    adapter = Object.assign(Object.create(memory) as MemoryAdapter, {
      sendTyping: (id: string, typing: boolean) => (told.push(typing), memory.sendTyping(id, typing)),
    });
  const store = createConversationStore({ adapter, typingTimings: timings });
  await store.connect();
  const conversationId = store.list('conversations')[0]!.id;
  return { backend, store, conversationId, told };
}

const typingLine = (chat: ConvChat) => chat.shadowRoot!.querySelector<HTMLElement>('[part~="typing"]')!;
const spoken = (el: HTMLElement) => (el.textContent ?? '').replace(/[·\s]+/g, ' ').trim();
const preview = (list: ConvList, id: string) =>
  list.shadowRoot!.querySelector<HTMLElement>(`.item[data-id="${CSS.escape(id)}"] .preview`)!;
const composerInput = (chat: ConvChat) =>
  chat.shadowRoot!.querySelector('conv-composer')!.shadowRoot!.querySelector('textarea')!;

async function chatAndList(store: ConversationStore, conversationId: string) {
  const chat = await fixture<ConvChat>(html`<conv-chat .store=${store} conversation-id=${conversationId}></conv-chat>`);
  const list = await fixture<ConvList>(html`<conv-list .store=${store}></conv-list>`);
  return { chat, list };
}

describe('the customer typing', () => {
  it('shows "typing…" under the customer’s name in the chat and instead of the preview on their list item', async () => {
    const { backend, store, conversationId } = await setup();
    const { chat, list } = await chatAndList(store, conversationId);
    const before = spoken(preview(list, conversationId));
    expect(spoken(typingLine(chat))).to.equal('');
    backend.customerTyping(conversationId, true);
    await waitUntil(() => spoken(typingLine(chat)) === 'typing…', 'the header says typing');
    await waitUntil(() => spoken(preview(list, conversationId)) === 'typing…', 'the list item says typing');
    expect(typingLine(chat).getAttribute('role')).to.equal('status', 'a polite live region');
    expect(typingLine(chat).closest('.channel'), 'beside the channel, under the name').to.exist;
    expect(store.isCustomerTyping(conversationId)).to.equal(true);
    await expect(chat).to.be.accessible();
    await expect(list).to.be.accessible();
    backend.customerTyping(conversationId, false);
    await waitUntil(() => spoken(preview(list, conversationId)) === before, 'the preview comes back');
    store.disconnect();
  });

  it('is announced once each time the customer starts, not on every repeat', async () => {
    const { backend, store, conversationId } = await setup();
    const { chat } = await chatAndList(store, conversationId);
    const region = typingLine(chat);
    const announced: string[] = [];
    const observer = new MutationObserver(() => announced.push(spoken(region)));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    for (let repeat = 0; repeat < 4; repeat++) {
      backend.customerTyping(conversationId, true);
      await pause(60);
    }
    await chat.updateComplete;
    expect(announced.filter((text) => text === 'typing…')).to.have.length(1, 'four repeats, one announcement');
    backend.customerTyping(conversationId, false);
    await waitUntil(() => spoken(region) === '', 'stopped');
    backend.customerTyping(conversationId, true);
    await waitUntil(() => spoken(region) === 'typing…', 'started again');
    expect(announced.filter((text) => text === 'typing…')).to.have.length(2, 'a new start is announced again');
    observer.disconnect();
    store.disconnect();
  });

  it('ends when the customer’s message arrives, which the list item then shows', async () => {
    const { backend, store, conversationId } = await setup();
    const { chat, list } = await chatAndList(store, conversationId);
    backend.customerTyping(conversationId, true);
    await waitUntil(() => spoken(typingLine(chat)) === 'typing…', 'typing');
    backend.customerSays(conversationId, 'My order number is 4411');
    await waitUntil(() => spoken(typingLine(chat)) === '', 'the message ends the typing');
    await waitUntil(() => spoken(preview(list, conversationId)).includes('My order number is 4411'), 'the preview');
    store.disconnect();
  });

  it('disappears by itself when no repeat comes: a customer who leaves never stays "typing…"', async () => {
    const { backend, store, conversationId } = await setup({ expiresMs: 400 });
    const { chat, list } = await chatAndList(store, conversationId);
    backend.customerTyping(conversationId, true);
    await waitUntil(() => spoken(typingLine(chat)) === 'typing…', 'typing');
    const shownAt = performance.now();
    await pause(200);
    expect(spoken(typingLine(chat)), 'still within the timeout').to.equal('typing…');
    await waitUntil(() => spoken(typingLine(chat)) === '', 'expired', { timeout: 2000 });
    expect(performance.now() - shownAt).to.be.greaterThan(300);
    expect(spoken(preview(list, conversationId))).not.to.equal('typing…');
    store.disconnect();
  });

  it('a repeat keeps it showing past the timeout', async () => {
    const { backend, store, conversationId } = await setup({ expiresMs: 400 });
    const { chat } = await chatAndList(store, conversationId);
    for (let repeat = 0; repeat < 4; repeat++) {
      backend.customerTyping(conversationId, true);
      await pause(250);
      expect(spoken(typingLine(chat)), `after repeat ${repeat + 1}`).to.equal('typing…');
    }
    store.disconnect();
  });

  it('is not shown for a conversation once it ends', async () => {
    const { backend, store, conversationId } = await setup();
    const { chat } = await chatAndList(store, conversationId);
    backend.customerTyping(conversationId, true);
    await waitUntil(() => spoken(typingLine(chat)) === 'typing…', 'typing');
    backend.endByCustomer(conversationId);
    await waitUntil(() => !store.isCustomerTyping(conversationId), 'the end ends the typing');
    store.disconnect();
  });
});

describe('the agent typing', () => {
  it('tells the customer once while the agent types a line, and that they stopped once they pause', async () => {
    const { backend, store, conversationId, told } = await setup({ idleMs: 400 });
    const { chat } = await chatAndList(store, conversationId);
    composerInput(chat).focus();
    await sendKeys({ type: 'Let me check that for you' });
    await waitUntil(() => told.length === 1, 'typing told');
    expect(told).to.deep.equal([true], 'one "typing" for 25 keys');
    await waitUntil(() => backend.customerSeesAgentTyping(conversationId), 'the customer sees it');
    await waitUntil(() => told.length === 2, 'stopped after the pause', { timeout: 3000 });
    expect(told).to.deep.equal([true, false]);
    expect(backend.customerSeesAgentTyping(conversationId)).to.equal(false);
    store.disconnect();
  });

  it('repeats "typing" at most once per interval while the agent keeps typing', async () => {
    const { store, conversationId, told } = await setup({ repeatMs: 500, idleMs: 2000 });
    const { chat } = await chatAndList(store, conversationId);
    composerInput(chat).focus();
    const started = performance.now();
    for (const word of ['Your ', 'parcel ', 'left ', 'our ', 'depot ', 'this ', 'morning ', 'and ']) {
      await sendKeys({ type: word });
      await pause(150);
    }
    const elapsed = performance.now() - started;
    const most = Math.floor(elapsed / 500) + 1;
    expect(told.every((typing) => typing)).to.equal(true, 'no "stopped" while typing');
    expect(told.length).to.be.within(2, most, `at most one per 500 ms over ${Math.round(elapsed)} ms`);
    store.disconnect();
  });

  it('sends "stopped" once when the message is sent, and nothing more after', async () => {
    const { backend, store, conversationId, told } = await setup({ idleMs: 300 });
    const { chat } = await chatAndList(store, conversationId);
    composerInput(chat).focus();
    await sendKeys({ type: 'Done' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.messages(conversationId).some((m) => m.text === 'Done'), 'sent');
    await pause(500);
    expect(told).to.deep.equal([true, false]);
    store.disconnect();
  });

  it('sends "stopped" when the agent empties the message box', async () => {
    const { store, conversationId, told } = await setup({ idleMs: 5000 });
    const { chat } = await chatAndList(store, conversationId);
    composerInput(chat).focus();
    await sendKeys({ type: 'Hm' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => told.length === 2, 'stopped');
    expect(told).to.deep.equal([true, false]);
    store.disconnect();
  });

  it('sends nothing for an internal note', async () => {
    const { backend, store, conversationId, told } = await setup({ idleMs: 200 });
    const notes = await fixture<ConvNotes>(
      html`<conv-notes .store=${store} conversation-id=${conversationId}></conv-notes>`,
    );
    await waitUntil(() => notes.shadowRoot!.querySelector('textarea'), 'the notes form');
    notes.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Customer prefers e-mail' });
    notes.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await waitUntil(() => backend.notes(conversationId).some((n) => n.text === 'Customer prefers e-mail'), 'saved');
    await pause(400);
    expect(told).to.deep.equal([]);
    expect(backend.customerSeesAgentTyping(conversationId)).to.equal(false);
    store.disconnect();
  });

  it('with an adapter without sendTyping, the agent types and sends as before and nothing fails', async () => {
    const { backend, store, conversationId } = await setup({ idleMs: 200 }, { withoutTyping: true });
    const errors: StoreErrorEvent[] = [];
    store.onError((event) => errors.push(event));
    expect(store.supports('sendTyping')).to.equal(false);
    const { chat } = await chatAndList(store, conversationId);
    composerInput(chat).focus();
    await sendKeys({ type: 'Still here' });
    await pause(300);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.messages(conversationId).some((m) => m.text === 'Still here'), 'sent');
    expect(errors).to.deep.equal([]);
    expect(backend.customerSeesAgentTyping(conversationId)).to.equal(false);
    store.disconnect();
  });
});
