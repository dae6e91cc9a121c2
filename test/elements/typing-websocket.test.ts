/** Typing both ways over the WebSocket adapter and the reference server: in <conv-chat>, <conv-list> and from <conv-composer>. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import type { Conversation } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-chat/conv-chat.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { AGENT_TOKEN, referenceServer } from '../helpers/reference-server.js';

const server = referenceServer('typing');

const spoken = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[·\s\u2066-\u2069]+/g, ' ').trim();

/** A new customer, picked by the agent: theirs to write in. */
async function activeChat(store: ConversationStore, name: string): Promise<string> {
  const queued = await server.control<Conversation>('conversations', { customer: { id: `c-${Date.now()}`, name } });
  await waitUntil(() => store.conversation(queued.id), 'the new customer is in the Picklist', { timeout: 5000 });
  await store.pick(queued.id);
  return queued.id;
}

describe('typing over the WebSocket adapter and the reference server', () => {
  it('shows the customer typing in the chat header and on the list item, until their message comes', async () => {
    const store = createConversationStore({
      adapter: createWebSocketAdapter({ url: `${server.url}/ws`, token: AGENT_TOKEN }),
    });
    await store.connect();
    const id = await activeChat(store, 'Aiko Sato');
    const chat = await fixture<ConvChat>(html`<conv-chat .store=${store} conversation-id=${id}></conv-chat>`);
    const list = await fixture<ConvList>(html`<conv-list .store=${store}></conv-list>`);
    const line = () => chat.shadowRoot!.querySelector('[part~="typing"]');
    const item = () => list.shadowRoot!.querySelector(`.item[data-id="${CSS.escape(id)}"] .preview`);
    await server.control(`conversations/${id}/typing`, { typing: true });
    await waitUntil(() => spoken(line()) === 'typing…', 'the header says typing', { timeout: 5000 });
    await waitUntil(() => spoken(item()) === 'typing…', 'the list item says typing', { timeout: 5000 });
    await expect(chat).to.be.accessible();
    await server.control(`conversations/${id}/messages`, { text: 'Is the blue one in stock?' });
    await waitUntil(() => spoken(line()) === '', 'the message ends it', { timeout: 5000 });
    await waitUntil(() => spoken(item()).includes('Is the blue one in stock?'), 'the preview', { timeout: 5000 });
    store.disconnect();
  });

  it('shows the customer’s side the agent typing from real key presses, and stops it when the message is sent', async () => {
    const store = createConversationStore({
      adapter: createWebSocketAdapter({ url: `${server.url}/ws`, token: AGENT_TOKEN }),
    });
    await store.connect();
    const id = await activeChat(store, 'Lars Berg');
    const chat = await fixture<ConvChat>(html`<conv-chat .store=${store} conversation-id=${id}></conv-chat>`);
    const seen = async () => (await server.control<{ agentTyping: boolean }>(`conversations/${id}/typing`)).agentTyping;
    expect(await seen()).to.equal(false);
    chat.shadowRoot!.querySelector('conv-composer')!.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'One moment please' });
    let typing = false;
    await waitUntil(async () => (typing ||= await seen()), 'the customer sees the agent typing', { timeout: 5000 });
    await sendKeys({ press: 'Enter' });
    let stopped = false;
    await waitUntil(async () => (stopped ||= !(await seen())), 'the send stops it', { timeout: 5000 });
    store.disconnect();
  });
});
