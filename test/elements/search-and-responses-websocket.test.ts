/** Search in <conv-list> and standard responses in <conv-composer>, over the WebSocket adapter and the reference server. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import type { Conversation } from '../../src/core/model.js';
import { createConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-composer/conv-composer.js';
import type { ConvComposer } from '../../src/elements/conv-composer/conv-composer.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { clickCenter, focused } from '../helpers/input.js';
import { AGENT_TOKEN, COLLEAGUE_TOKEN, referenceServer } from '../helpers/reference-server.js';

const server = referenceServer('list-search');

const adapterOf = (token: string) => createWebSocketAdapter({ url: `${server.url}/ws`, token });
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2066-\u2069]/g, '').trim();

describe('<conv-list> search over the WebSocket adapter and the reference server', () => {
  it('finds on History a conversation a colleague ended, which the snapshot did not load, by a word the customer wrote', async () => {
    const word = `kettle${Date.now().toString(36)}`;
    const colleague = adapterOf(COLLEAGUE_TOKEN);
    await colleague.connect(() => {});
    const queued = await server.control<Conversation>(
      'conversations',
      { customer: { id: `c-${word}`, name: 'Renée Dubois' } },
      COLLEAGUE_TOKEN,
    );
    await server.control(`conversations/${queued.id}/messages`, { text: `My ${word} leaks` }, COLLEAGUE_TOKEN);
    await colleague.pick(queued.id);
    await colleague.endChat(queued.id);
    colleague.disconnect();

    const store = createConversationStore({ adapter: adapterOf(AGENT_TOKEN) });
    await store.connect();
    expect(store.conversation(queued.id), 'not in the snapshot').to.equal(undefined);
    const el = await fixture<ConvList>(html`<conv-list .store=${store} list="history"></conv-list>`);
    await clickCenter(el.shadowRoot!.querySelector('.search-open')!);
    await waitUntil(() => focused()?.matches('[part~="search-input"]'), 'the search field opens', { timeout: 5000 });
    await sendKeys({ type: word });
    await waitUntil(
      () =>
        [...el.shadowRoot!.querySelectorAll('[part~="item"] .name')].some(
          (n) => plain(n.textContent) === 'Renée Dubois',
        ),
      'the backend found it',
      { timeout: 5000 },
    );
    store.disconnect();
  });
});

describe('<conv-composer> standard responses over the WebSocket adapter and the reference server', () => {
  it('inserts the reference server’s greeting with the customer’s and the agent’s names', async () => {
    const store = createConversationStore({ adapter: adapterOf(AGENT_TOKEN) });
    await store.connect();
    const queued = await server.control<Conversation>(
      'conversations',
      { customer: { id: `c-${Date.now()}`, name: 'Mei Tanaka' } },
      AGENT_TOKEN,
    );
    await store.pick(queued.id);
    const page = await fixture<HTMLElement>(
      html`<div style="padding-top: 60vh">
        <conv-composer .store=${store} conversation-id=${queued.id}></conv-composer>
      </div>`,
    );
    const el = page.querySelector<ConvComposer>('conv-composer')!;
    const box = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!;
    box.focus();
    await sendKeys({ press: '/' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'the list opens', {
      timeout: 5000,
    });
    await sendKeys({ type: 'greet' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => box.value, 'the greeting is inserted', { timeout: 5000 });
    expect(box.value).to.equal(`Hello Mei Tanaka, this is ${store.agent!.name}. How can I help you today?`);
    store.disconnect();
  });
});
