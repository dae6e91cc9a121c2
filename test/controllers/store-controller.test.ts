import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { StoreController } from '../../src/controllers/store-controller.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-provider/conv-provider.js';
import type { ConvProvider } from '../../src/elements/conv-provider/conv-provider.js';
import { seededBackend } from '../helpers/seed.js';

/** The smallest element that shows one conversation's messages the way conv-kit's elements do. */
class StoreProbe extends LitElement {
  static override properties = { conversationId: { attribute: 'conversation-id' }, store: { attribute: false } };
  declare conversationId: string;
  declare store?: ConversationStore;
  renders = 0;
  readonly storesSeen: ConversationStore[] = [];
  readonly connection = new StoreController(
    this,
    () => [`messages:${this.conversationId}`],
    (store) => this.storesSeen.push(store),
  );

  constructor() {
    super();
    this.conversationId = '';
  }

  protected override render() {
    this.renders++;
    return html`${this.connection.store ? 'connected' : 'no store'}`;
  }
}
customElements.define('store-probe', StoreProbe);
declare global {
  interface HTMLElementTagNameMap {
    'store-probe': StoreProbe;
  }
}

type StoreTopic = Parameters<ConversationStore['on']>[0];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectedStore() {
  const backend = seededBackend({ replyDelayMs: false });
  const store = createConversationStore({ adapter: createMemoryAdapter({ backend, latencyMs: 0 }) });
  await store.connect();
  const [first, second] = store.list('conversations');
  return { backend, store, first: first!.id, second: second!.id };
}

/** The same store, counting who listens to which topic. */
function watched(store: ConversationStore) {
  const listening = new Map<StoreTopic, number>();
  const count = (topic: StoreTopic, by: number) => listening.set(topic, (listening.get(topic) ?? 0) + by);
  const spy: ConversationStore = Object.assign(Object.create(store), {
    on(topic: StoreTopic, listener: (payload?: unknown) => void) {
      count(topic, 1);
      const off = store.on(topic, listener);
      return () => {
        count(topic, -1);
        off();
      };
    },
  });
  const topics = () => [...listening].filter(([, listeners]) => listeners > 0).map(([topic]) => topic);
  return { spy, topics };
}

describe('StoreController', () => {
  it('renders its element again when a topic the element shows changes', async () => {
    const { backend, store, first } = await connectedStore();
    const probe = await fixture<StoreProbe>(html`<store-probe .store=${store} conversation-id=${first}></store-probe>`);
    const before = probe.renders;
    backend.customerSays(first, 'Is anyone there?');
    await waitUntil(() => probe.renders > before, 'the element rendered the new message');
  });

  it('leaves its element alone when only other conversations change', async () => {
    const { backend, store, first, second } = await connectedStore();
    const probe = await fixture<StoreProbe>(html`<store-probe .store=${store} conversation-id=${first}></store-probe>`);
    const before = probe.renders;
    backend.customerSays(second, 'Hello from another chat');
    await pause(50);
    expect(probe.renders).to.equal(before);
  });

  it('follows the conversation its element shows now, and no longer the one before', async () => {
    const { backend, store, first, second } = await connectedStore();
    const { spy, topics } = watched(store);
    const probe = await fixture<StoreProbe>(html`<store-probe .store=${spy} conversation-id=${first}></store-probe>`);
    expect(topics()).to.deep.equal([`messages:${first}`]);

    probe.conversationId = second;
    await probe.updateComplete;
    expect(topics()).to.deep.equal([`messages:${second}`]);
    const before = probe.renders;
    backend.customerSays(first, 'Still waiting');
    await pause(50);
    expect(probe.renders).to.equal(before);
    backend.customerSays(second, 'Hi again');
    await waitUntil(() => probe.renders > before, 'the element rendered the message of the conversation it shows now');
  });

  it('stops listening when its element leaves the page and listens again when it comes back', async () => {
    const { backend, store, first } = await connectedStore();
    const { spy, topics } = watched(store);
    const probe = await fixture<StoreProbe>(html`<store-probe .store=${spy} conversation-id=${first}></store-probe>`);
    const page = probe.parentElement!;

    probe.remove();
    expect(topics()).to.deep.equal([]);
    const before = probe.renders;
    backend.customerSays(first, 'Nobody listens');
    await pause(50);
    expect(probe.renders).to.equal(before);

    page.append(probe);
    await probe.updateComplete;
    expect(topics()).to.deep.equal([`messages:${first}`]);
  });

  it('finds the store of the <conv-provider> around its element and tells the element once', async () => {
    const { store, first } = await connectedStore();
    const provider = await fixture<ConvProvider>(
      html`<conv-provider .store=${store}
        ><div><store-probe conversation-id=${first}></store-probe></div
      ></conv-provider>`,
    );
    const probe = provider.querySelector('store-probe')!;
    await probe.updateComplete;
    expect(probe.connection.store).to.equal(store);
    expect(probe.storesSeen).to.deep.equal([store]);
    expect(probe.shadowRoot!.textContent).to.equal('connected');
  });

  it('prefers a store set on the element itself to the provider’s', async () => {
    const provided = await connectedStore();
    const own = await connectedStore();
    const provider = await fixture<ConvProvider>(
      html`<conv-provider .store=${provided.store}><store-probe .store=${own.store}></store-probe></conv-provider>`,
    );
    const probe = provider.querySelector('store-probe')!;
    await probe.updateComplete;
    expect(probe.connection.store).to.equal(own.store);
    expect(probe.storesSeen).to.deep.equal([own.store]);
  });

  it('leaves its element without a store, and listening to nothing, outside any provider', async () => {
    const probe = await fixture<StoreProbe>(html`<store-probe conversation-id="conv-1"></store-probe>`);
    expect(probe.connection.store).to.be.undefined;
    expect(probe.storesSeen).to.deep.equal([]);
    expect(probe.shadowRoot!.textContent).to.equal('no store');
  });
});
