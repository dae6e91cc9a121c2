import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  createMemoryAdapter,
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryDataContext,
} from '../../src/adapters/memory.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-provider/conv-provider.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvProvider } from '../../src/elements/conv-provider/conv-provider.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { seededBackend } from '../helpers/seed.js';

async function connected(backend = seededBackend({ replyDelayMs: false })): Promise<ConversationStore> {
  const store = createConversationStore({ adapter: createMemoryAdapter({ backend, latencyMs: 0 }) });
  await store.connect();
  return store;
}

/** Another team's backend: one chat the agent is handling, with Ada Lovelace. */
const adasBackend = () =>
  createMemoryBackend({
    replyDelayMs: false,
    data: ({ now, nextId }: MemoryDataContext) => ({
      conversations: [
        {
          id: nextId('conv'),
          customer: { id: 'cust-ada', name: 'Ada Lovelace' },
          channel: 'chat',
          status: 'active',
          assigneeId: DEFAULT_AGENT.id,
          createdAt: now,
          updatedAt: now,
          unreadCount: 0,
        },
      ],
    }),
  });

/** What the agent reads in an element, shadow roots included. */
function deepText(node: Node): string {
  const own = node instanceof Element && node.shadowRoot ? deepText(node.shadowRoot) : '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return own + [...node.childNodes].map(deepText).join('');
}

const shows = (list: ConvList, name: string) => deepText(list).includes(name);

describe('<conv-provider>', () => {
  it('gives its store to the conv-kit elements inside it, however deep', async () => {
    const store = await connected();
    const provider = await fixture<ConvProvider>(
      html`<conv-provider .store=${store}
        ><main>
          <section><conv-list list="conversations"></conv-list></section></main
      ></conv-provider>`,
    );
    const list = provider.querySelector('conv-list')!;
    await waitUntil(() => shows(list, 'Emma Clarke'), 'the list shows the store’s conversations');
  });

  it('gives its store to an element added later', async () => {
    const store = await connected();
    const provider = await fixture<ConvProvider>(html`<conv-provider .store=${store}></conv-provider>`);
    const list = document.createElement('conv-list');
    list.setAttribute('list', 'conversations');
    provider.append(list);
    await waitUntil(() => shows(list, 'Emma Clarke'), 'the late list shows the store’s conversations');
  });

  it('shows the new store’s conversations in every element inside when the page swaps the store', async () => {
    const first = await connected();
    const second = await connected(adasBackend());
    const provider = await fixture<ConvProvider>(
      html`<conv-provider .store=${first}
        ><conv-list list="conversations"></conv-list>
        <div><conv-list list="conversations"></conv-list></div
      ></conv-provider>`,
    );
    const lists = [...provider.querySelectorAll('conv-list')];
    await waitUntil(() => lists.every((list) => shows(list, 'Emma Clarke')), 'both lists show the first store');

    provider.store = second;
    await waitUntil(
      () => lists.every((list) => shows(list, 'Ada Lovelace') && !shows(list, 'Emma Clarke')),
      'both lists show the second store only',
    );
  });

  it('shows its content as if it were not there: it takes no box in the layout', async () => {
    const provider = await fixture<ConvProvider>(html`<conv-provider><p>Inside</p></conv-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(
      provider
        .shadowRoot!.querySelector('slot')!
        .assignedElements()
        .map((element) => element.textContent),
    ).to.deep.equal(['Inside']);
  });

  it('is accessible with a workspace inside it', async () => {
    const store = await connected();
    const provider = await fixture<ConvProvider>(
      html`<conv-provider .store=${store}><conv-list tabs></conv-list></conv-provider>`,
    );
    const list = provider.querySelector('conv-list')!;
    await waitUntil(() => shows(list, 'Emma Clarke'), 'the list shows the store’s conversations');
    await expect(provider).to.be.accessible();
  });
});
