import { expect, fixture, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import {
  createMemoryAdapter,
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryAdapter,
  type MemoryBackend,
  type MemoryDataContext,
} from '../../src/adapters/memory.js';
import type { ConversationAdapter } from '../../src/core/adapter.js';
import type { Conversation, Message } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { center, clickCenter, focused } from '../helpers/input.js';

const COLLEAGUE = { id: 'agent-2', name: 'Sam Lee' };
const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });
const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Conversations the tests search: accents, a phone number, hostile markup, and History a colleague ended. */
export function searchWorld(olderEnded = 0): MemoryBackend {
  return createMemoryBackend({
    replyDelayMs: false,
    offerTimeoutMs: false,
    data: ({ now, nextId }: MemoryDataContext) => {
      const conversations: Conversation[] = [];
      const messages: Message[] = [];
      const add = (
        name: string | undefined,
        status: Conversation['status'],
        last: string,
        extra: Partial<Conversation> = {},
      ) => {
        const id = nextId('conv');
        const at = now - conversations.length * 60_000;
        conversations.push({
          id,
          customer: { id: `cust-${id}`, name, ...extra.customer },
          channel: 'chat',
          status,
          assigneeId: status === 'queued' ? undefined : DEFAULT_AGENT.id,
          createdAt: at - 1000,
          updatedAt: at,
          unreadCount: 0,
          lastMessage: { text: last, author: 'customer', at },
          ...(status === 'ended' && { endedAt: at }),
          ...extra,
        });
        messages.push(
          {
            id: nextId('msg'),
            clientId: nextId('c'),
            conversationId: id,
            author: 'customer',
            text: `Order ${id} is about a kettle`,
            attachments: [],
            sentAt: at - 500,
            status: 'delivered',
          },
          {
            id: nextId('msg'),
            clientId: nextId('c'),
            conversationId: id,
            author: 'customer',
            text: last,
            attachments: [],
            sentAt: at,
            status: 'delivered',
          },
        );
      };
      add('José Álvarez', 'active', 'Where is my parcel?', {
        customer: { id: 'c-jose', name: 'José Álvarez', phone: '+49 170 1234567' },
      });
      add('Ada Lovelace', 'active', 'The invoice is wrong');
      add('<img src=x onerror="window.hacked=1">', 'active', 'hello <b>there</b>');
      add('Björn Ek', 'queued', 'Anyone there?');
      add('Mina Park', 'ended', 'Thanks, solved');
      for (let index = 0; index < olderEnded; index++)
        add(`Refund customer ${index + 1}`, 'ended', 'Bye', { assigneeId: COLLEAGUE.id });
      return { conversations, messages };
    },
  });
}

async function connected(backend: MemoryBackend, wrap?: (adapter: MemoryAdapter) => ConversationAdapter) {
  const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const store = createConversationStore({ adapter: wrap ? wrap(adapter) : adapter });
  await store.connect();
  return { adapter, store };
}

async function renderList(store: ConversationStore, list = 'conversations', tabs = false): Promise<ConvList> {
  return fixture<ConvList>(html`<conv-list .store=${store} list=${list} ?tabs=${tabs}></conv-list>`);
}

const root = (el: ConvList) => el.shadowRoot!;
const names = (el: ConvList) => [...root(el).querySelectorAll('[part~="item"] .name')].map((n) => plain(n.textContent));
const previews = (el: ConvList) =>
  [...root(el).querySelectorAll('[part~="item"] .preview')].map((n) => plain(n.textContent));
const marks = (el: ConvList) => [...root(el).querySelectorAll('mark[part="match"]')].map((m) => m.textContent);
const searchInput = (el: ConvList) => root(el).querySelector<HTMLInputElement>('[part~="search-input"]');
const searchButton = (el: ConvList) => root(el).querySelector<HTMLElement>('.search-open')!;
/** How many items the list holds (it renders only those near the viewport). */
const itemCount = (el: ConvList) => Number(root(el).querySelector('[part~="item"]')?.getAttribute('aria-setsize') ?? 0);
const status = (el: ConvList) => plain(root(el).querySelector('[part="search-status"]')?.textContent);

async function openSearch(el: ConvList): Promise<HTMLInputElement> {
  await clickCenter(searchButton(el));
  await waitUntil(() => focused() === searchInput(el), 'the search field opens with the caret in it');
  return searchInput(el)!;
}

async function type(el: ConvList, text: string): Promise<void> {
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<conv-list> search', () => {
  beforeEach(() => localStorage.clear());

  it('finds a customer by name as the agent types, ignoring case and accents, and marks the match', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store);
    expect(names(el)).to.have.length(3);
    await openSearch(el);
    await type(el, 'jo');
    expect(names(el)).to.deep.equal(['José Álvarez']);
    await type(el, 'se');
    expect(names(el)).to.deep.equal(['José Álvarez']);
    expect(marks(el)).to.deep.equal(['José']);
    expect(status(el)).to.equal('1 match');
    await type(el, 'x');
    expect(names(el)).to.deep.equal([]);
    expect(status(el)).to.equal('No matches.');
  });

  it('finds a customer by phone number whatever the spacing, and by the text of a message', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store);
    const input = await openSearch(el);
    await type(el, '1701234');
    expect(names(el)).to.deep.equal(['José Álvarez']);
    input.select();
    await type(el, 'invoice');
    expect(names(el)).to.deep.equal(['Ada Lovelace']);
    expect(marks(el)).to.deep.equal(['invoice']);
  });

  it('shows the matching message of a loaded chat when its preview does not hold the query', async () => {
    const { store } = await connected(searchWorld());
    const ada = store.list('conversations').find((c) => c.customer.name === 'Ada Lovelace')!;
    await store.loadMessages(ada.id);
    const el = await renderList(store);
    await openSearch(el);
    await type(el, 'kettle');
    expect(names(el)).to.deep.equal(['Ada Lovelace']);
    expect(previews(el)[0]).to.contain('is about a kettle');
    expect(marks(el)).to.deep.equal(['kettle']);
  });

  it('shows markup in a name or message as text, also where it matches', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store);
    await openSearch(el);
    await type(el, '<img');
    expect(names(el)).to.deep.equal(['<img src=x onerror="window.hacked=1">']);
    expect(marks(el)).to.deep.equal(['<img']);
    expect(!!root(el).querySelector('img, b'), 'no markup from the backend').to.equal(false);
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('opens with / and Ctrl+F in the list, and Escape closes it with the whole list back and focus on Search', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store);
    el.focus();
    await sendKeys({ press: '/' });
    await waitUntil(() => focused() === searchInput(el), '/ opens the search field');
    await type(el, 'ada');
    expect(names(el)).to.deep.equal(['Ada Lovelace']);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === searchButton(el), 'focus is back on Search');
    expect(!!searchInput(el)).to.equal(false);
    expect(names(el)).to.have.length(3);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'f' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => focused() === searchInput(el), 'Ctrl+F opens the search field');
    expect(searchInput(el)!.value).to.equal('', 'a search opened again starts empty');
  });

  it('moves on to the results with ArrowDown', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store);
    await openSearch(el);
    await type(el, 'ada');
    await sendKeys({ press: 'ArrowDown' });
    expect(plain(focused()?.closest('[part~="item"]')?.querySelector('.name')?.textContent)).to.equal('Ada Lovelace');
  });

  it('reveals the search field when a finger pulls the header down, not on a short touch', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store, 'conversations', true);
    const [x, y] = center(root(el).querySelector('[part~="tools"]')!);
    await executeServerCommand('touch-drag', { from: [x, y], to: [x, y + 12], steps: 3 });
    await el.updateComplete;
    expect(!!searchInput(el), 'a short touch only touches').to.equal(false);
    await executeServerCommand('touch-drag', { from: [x, y], to: [x, y + 90], steps: 6 });
    await waitUntil(() => searchInput(el), 'the pull reveals the search field');
  });

  it('searches the Picklist and History too', async () => {
    const { store } = await connected(searchWorld());
    const el = await renderList(store, 'picklist');
    await openSearch(el);
    await type(el, 'bjorn');
    expect(names(el)).to.deep.equal(['Björn Ek']);
    const history = await renderList(store, 'history');
    await openSearch(history);
    await type(history, 'solved');
    expect(names(history)).to.deep.equal(['Mina Park']);
  });

  it('on History asks the backend for older conversations beyond what is loaded, a page at a time', async () => {
    const { store } = await connected(searchWorld(25));
    expect(store.list('history').map((c) => c.customer.name)).to.deep.equal(['Mina Park']);
    const el = await renderList(store, 'history');
    await openSearch(el);
    await type(el, 'refund');
    await waitUntil(() => itemCount(el) === 20, 'the first page of what the backend found shows');
    expect(names(el)[0]).to.equal('Refund customer 1');
    expect(marks(el)).to.include('Refund');
    const more = () => root(el).querySelector<HTMLElement>('.more-results');
    await clickCenter(more()!);
    await waitUntil(() => itemCount(el) === 25, 'More results shows the rest');
    expect(!!more(), 'nothing more to find').to.equal(false);
    expect(status(el)).to.contain('25 matches');
  });

  it('asks the backend once per pause in typing, and drops an answer to an older query', async () => {
    const queries: string[] = [];
    const { store } = await connected(searchWorld(3), (adapter) => ({
      ...adapter,
      searchConversations: (query, options) => (queries.push(query), adapter.searchConversations(query, options)),
    }));
    const el = await renderList(store, 'history');
    await openSearch(el);
    await type(el, 'refund customer 2');
    await waitUntil(() => queries.length === 1, 'one request for the words typed');
    expect(queries).to.deep.equal(['refund customer 2']);
    await waitUntil(() => names(el).length === 1, 'what it found shows');
    expect(names(el)).to.deep.equal(['Refund customer 2']);
  });

  it('says when the backend search fails, and still shows what is loaded', async () => {
    const { adapter, store } = await connected(searchWorld(3));
    const el = await renderList(store, 'history');
    await openSearch(el);
    adapter.faults.failNext(1, 'network');
    await type(el, 'a');
    await waitUntil(() => root(el).querySelector('.search-problem'), 'the problem shows');
    expect(names(el)).to.deep.equal(['Mina Park']);
  });

  it('with an adapter that cannot search, filters what is loaded and never asks', async () => {
    const backend = searchWorld(3);
    const { store } = await connected(backend, (adapter) => {
      const { searchConversations: _unused, ...without } = adapter;
      return without;
    });
    expect(store.supports('searchConversations')).to.equal(false);
    await expectAsync(store.searchConversations('x')).to.be.rejectedWith('invalid');
    const el = await renderList(store, 'history');
    await openSearch(el);
    await type(el, 'refund');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await el.updateComplete;
    expect(names(el)).to.deep.equal([]);
    expect(!!root(el).querySelector('.search-busy'), 'nothing is asked of the backend').to.equal(false);
  });
});

/** Chai has no rejection helper here: a small one. */
function expectAsync(promise: Promise<unknown>) {
  return {
    to: {
      be: {
        async rejectedWith(code: string) {
          try {
            await promise;
          } catch (error) {
            expect((error as { code?: string }).code).to.equal(code);
            return;
          }
          expect.fail('it resolved');
        },
      },
    },
  };
}
