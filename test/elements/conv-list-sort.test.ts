import { expect, fixture, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createMemoryAdapter,
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryBackend,
} from '../../src/adapters/memory.js';
import type { Agent, Conversation } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { clickCenter, focused } from '../helpers/input.js';

const COLLEAGUE: Agent = { id: 'agent-2', name: 'Sam Lee' };
const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });
const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Chats of both agents: who wrote last and when, and how much is unread, differ from chat to chat. */
function sortWorld(): MemoryBackend {
  return createMemoryBackend({
    replyDelayMs: false,
    offerTimeoutMs: false,
    data: ({ now }) => {
      const chat = (
        id: string,
        name: string,
        minutesAgo: number,
        author: 'customer' | 'agent',
        unreadCount: number,
        extra: Partial<Conversation> = {},
      ): Conversation => ({
        id,
        customer: { id: `cust-${id}`, name },
        channel: 'chat',
        status: 'active',
        assigneeId: DEFAULT_AGENT.id,
        createdAt: now - 3_600_000,
        updatedAt: now - minutesAgo * 60_000,
        unreadCount,
        lastMessage: { text: 'Hello', author, at: now - minutesAgo * 60_000 },
        ...extra,
      });
      return {
        conversations: [
          chat('zoe', 'Zoe Ng', 1, 'agent', 0),
          chat('oberg', 'Öberg Lind', 5, 'customer', 0),
          chat('anna', 'Anna Berg', 9, 'customer', 2),
          chat('carl', 'carl Ek', 3, 'customer', 1),
          chat('offer', 'Offered Person', 20, 'customer', 1, { status: 'offered' }),
          chat('theirs', 'Colleague Customer', 2, 'customer', 0, { assigneeId: COLLEAGUE.id }),
        ],
      };
    },
  });
}

async function connected(backend: MemoryBackend, agent: Agent = DEFAULT_AGENT): Promise<ConversationStore> {
  const store = createConversationStore({ adapter: createMemoryAdapter({ backend, agent, latencyMs: 0 }) });
  await store.connect();
  return store;
}

const root = (el: ConvList) => el.shadowRoot!;
const names = (el: ConvList) => [...root(el).querySelectorAll('[part~="item"] .name')].map((n) => plain(n.textContent));
const sortButton = (el: ConvList) => root(el).querySelector<HTMLElement>('.sort-open');
const menuItems = (el: ConvList) => [...root(el).querySelectorAll<HTMLElement>('[role="menuitemradio"]')];

async function chooseSort(el: ConvList, label: string): Promise<void> {
  await clickCenter(sortButton(el)!);
  await waitUntil(
    () => menuItems(el).length === 4 && focused() === menuItems(el)[0],
    'the sort menu opens on its first item',
  );
  const target = menuItems(el).findIndex((item) => plain(item.textContent) === label);
  for (let step = 0; step < target; step++) await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => menuItems(el).length === 0, 'the menu closes');
  await el.updateComplete;
}

describe('<conv-list> sort', () => {
  beforeEach(() => localStorage.clear());

  it('shows newest activity first until the agent chooses, with offers on top', async () => {
    const el = await fixture<ConvList>(html`<conv-list .store=${await connected(sortWorld())}></conv-list>`);
    expect(names(el)).to.deep.equal(['Offered Person', 'Zoe Ng', 'carl Ek', 'Öberg Lind', 'Anna Berg']);
  });

  it('orders by customer name in the list’s language, with the menu used from the keyboard', async () => {
    const store = await connected(sortWorld());
    const el = await fixture<ConvList>(html`<conv-list .store=${store}></conv-list>`);
    await chooseSort(el, 'Customer name');
    expect(names(el)).to.deep.equal(['Offered Person', 'Anna Berg', 'carl Ek', 'Öberg Lind', 'Zoe Ng']);
    expect(focused()).to.equal(sortButton(el), 'focus is back on Sort');
    expect(plain(sortButton(el)!.textContent)).to.equal('Sort: Customer name');
    // In Swedish Ö is a letter of its own, after Z.
    const swedish = await fixture<ConvList>(html`<conv-list .store=${store} lang="sv"></conv-list>`);
    await waitUntil(
      () => names(swedish).join() === 'Offered Person,Anna Berg,carl Ek,Zoe Ng,Öberg Lind',
      'Swedish order',
    );
  });

  it('puts unread chats first, and the customers who have waited longest for an answer first', async () => {
    const el = await fixture<ConvList>(html`<conv-list .store=${await connected(sortWorld())}></conv-list>`);
    await chooseSort(el, 'Unread first');
    expect(names(el)).to.deep.equal(['Offered Person', 'carl Ek', 'Anna Berg', 'Zoe Ng', 'Öberg Lind']);
    await chooseSort(el, 'Longest waiting');
    // Zoe had the agent's answer last: she waits for nobody.
    expect(names(el)).to.deep.equal(['Offered Person', 'Anna Berg', 'Öberg Lind', 'carl Ek', 'Zoe Ng']);
  });

  it('keeps the choice after a reload, for that agent only', async () => {
    const backend = sortWorld();
    const first = await fixture<ConvList>(html`<conv-list .store=${await connected(backend)}></conv-list>`);
    await chooseSort(first, 'Customer name');
    first.remove();
    const reloaded = await fixture<ConvList>(html`<conv-list .store=${await connected(backend)}></conv-list>`);
    await waitUntil(() => names(reloaded)[1] === 'Anna Berg', 'the saved order comes back');
    expect(plain(sortButton(reloaded)!.textContent)).to.equal('Sort: Customer name');
    const colleague = await fixture<ConvList>(
      html`<conv-list .store=${await connected(backend, COLLEAGUE)}></conv-list>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(names(colleague)).to.deep.equal(['Colleague Customer']);
    expect(plain(sortButton(colleague)!.textContent)).to.match(/^Sort(: Newest activity)?$/);
  });

  it('offers Sort on Conversations only', async () => {
    const store = await connected(sortWorld());
    for (const list of ['picklist', 'history'])
      expect(
        !!sortButton(await fixture<ConvList>(html`<conv-list .store=${store} list=${list}></conv-list>`)),
      ).to.equal(false);
  });
});
