/**
 * A backend that sends malformed items, as the agent sees it: every payload that used to throw while
 * rendering (or empty the whole list) now leaves that one item out or shows it repaired, and every
 * other conversation, message and note shows as usual. Strings from the backend are only text.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import fc from 'fast-check';
import type { MemoryBackend } from '../../src/adapters/memory.js';
import { customerLabel, type Conversation, type Message, type Note } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import {
  HOSTILE_CONVERSATIONS,
  HOSTILE_MESSAGES,
  HOSTILE_NOTES,
  tamperedAdapter,
  type HostileCase,
  type Tampering,
} from '../../src/testing/hostile-backend.js';
import {
  ANCHOR,
  HOSTILE_SEED,
  hostileScript,
  listFor,
  mustShow,
  pushOf,
  scriptedAdapter,
  type HostileScript,
} from '../helpers/hostile-backend.js';
import { seededBackend } from '../helpers/seed.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import '../../src/elements/conv-list/conv-list.js';
import '../../src/elements/conv-chat/conv-chat.js';
import '../../src/elements/conv-notes/conv-notes.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvNotes } from '../../src/elements/conv-notes/conv-notes.js';

const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });
/** Text as the agent reads it (without the invisible isolation marks). */
const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Everything the element shows, through its inner shadow roots. */
function shownText(root: Element | ShadowRoot): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    const shadow = (node as Element).shadowRoot;
    if (shadow) walk(shadow);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return plain(text);
}

let uncaught: unknown[] = [];
const record = (event: ErrorEvent | PromiseRejectionEvent) =>
  uncaught.push('reason' in event ? event.reason : event.error);
beforeEach(() => {
  uncaught = [];
  window.addEventListener('error', record);
  window.addEventListener('unhandledrejection', record);
});
afterEach(() => {
  window.removeEventListener('error', record);
  window.removeEventListener('unhandledrejection', record);
  expect(uncaught, 'uncaught errors').to.deep.equal([]);
});

/** A store over the demo's backend, with what the backend says changed by `tampering`. */
const hostileWorkspace = (backend: MemoryBackend, tampering: Tampering) =>
  connectedWorkspace({ backend, wrapAdapter: (adapter) => tamperedAdapter(adapter, tampering) });

/** Breaks one conversation of the snapshot `connect()` answers, the rest as the backend sent them. */
const brokenInSnapshot = (id: string, breakIt: (conversation: Conversation) => unknown): Tampering => ({
  result: (method, value) =>
    method === 'connect'
      ? {
          ...(value as object),
          conversations: (value as { conversations: Conversation[] }).conversations.map((c) =>
            c.id === id ? breakIt(c) : c,
          ),
        }
      : value,
});

const itemNames = (el: ConvList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="item"] .name')].map((name) => plain(name.textContent));
const renderList = (store: ConversationStore, list: string) =>
  fixture<ConvList>(html`<conv-list .store=${store} list=${list}></conv-list>`);
const renderChat = (store: ConversationStore, conversationId: string) =>
  fixture<ConvChat>(
    html`<div style="inline-size: 420px; block-size: 640px; display: grid">
      <conv-chat .store=${store} conversation-id=${conversationId}></conv-chat>
    </div>`,
  ).then((box) => box.querySelector('conv-chat')!);

/** The demo's customers with no conversations yet: every item the list has is on screen. */
const quietBackend = () => seededBackend({ replyDelayMs: false, data: () => ({ conversations: [] }) });

describe('<conv-list> with a hostile backend', () => {
  for (const hostile of HOSTILE_CONVERSATIONS.filter((c) => c.outcome === 'repaired')) {
    it(`a conversation with ${hostile.name} is listed as "Customer", and so is every other waiting customer`, async () => {
      const backend = quietBackend();
      const broken = backend.queueConversation({ customer: { id: 'cust-broken', name: 'Broken Name' } });
      backend.queueConversation({ customer: { id: 'cust-sane', name: 'Sane Sally' } });
      backend.queueConversation({ customer: { id: 'cust-phone', phone: '+44 20 7946 0000' } });
      const { store } = await hostileWorkspace(backend, brokenInSnapshot(broken.id, hostile.break));
      const el = await renderList(store, 'picklist');
      const names = itemNames(el);
      expect(names).to.have.members(['Customer', 'Sane Sally', '+44 20 7946 0000']);
    });
  }

  for (const channel of ['constructor', '__proto__']) {
    it(`a conversation on a channel named ${channel} says ${channel}`, async () => {
      const backend = quietBackend();
      backend.queueConversation({ customer: { id: 'cust-odd', name: 'Odd Channel' }, channel });
      const { store } = await connectedWorkspace({ backend });
      const el = await renderList(store, 'picklist');
      const item = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].find(
        (row) => plain(row.querySelector('.name')?.textContent) === 'Odd Channel',
      );
      expect(plain(item?.querySelector('.channel')?.textContent)).to.equal(channel);
    });
  }
});

describe('<conv-chat> with a hostile backend', () => {
  for (const channel of ['constructor', '__proto__']) {
    it(`the header of a chat on a channel named ${channel} says ${channel}`, async () => {
      const backend = seededBackend({ replyDelayMs: false });
      const odd = backend.queueConversation({ customer: { id: 'cust-odd', name: 'Odd Channel' }, channel });
      const { store } = await connectedWorkspace({ backend });
      const el = await renderChat(store, odd.id);
      expect(plain(el.shadowRoot!.querySelector('[part~="header"] .channel')?.textContent)).to.equal(channel);
      expect(plain(el.shadowRoot!.querySelector('[part~="title"]')?.textContent)).to.equal('Odd Channel');
    });
  }

  it('a chat whose customer is null is headed "Customer" and shows its messages', async () => {
    const backend = seededBackend({ replyDelayMs: false });
    const broken = backend.queueConversation({ customer: { id: 'cust-null' }, text: 'Is anyone there?' });
    const { store } = await hostileWorkspace(
      backend,
      brokenInSnapshot(broken.id, (c) => ({ ...c, customer: null })),
    );
    const el = await renderChat(store, broken.id);
    expect(plain(el.shadowRoot!.querySelector('[part~="title"]')?.textContent)).to.equal('Customer');
    await waitUntil(() => shownText(el).includes('Is anyone there?'), 'the message shows');
  });

  /** What the agent sees of the broken message: its words, or nothing. */
  const expectBrokenMessage = (el: ConvChat, hostile: HostileCase<Message>, text: string) =>
    expect(shownText(el).includes(text), `"${text}" shows`).to.equal(hostile.outcome === 'repaired');

  for (const hostile of HOSTILE_MESSAGES) {
    const outcome = hostile.outcome === 'dropped' ? 'is left out' : 'shows';
    it(`a listed message with ${hostile.name} ${outcome}; the messages around it show`, async () => {
      const backend = seededBackend({ replyDelayMs: false });
      const chat = backend.queueConversation({ customer: { id: 'cust-1', name: 'Nia' }, text: 'First question' });
      backend.customerSays(chat.id, 'Broken words');
      backend.customerSays(chat.id, 'Last question');
      const { store } = await hostileWorkspace(backend, {
        result: (method, value) =>
          method === 'listMessages'
            ? {
                ...(value as object),
                items: (value as { items: Message[] }).items.map((m) =>
                  m.text === 'Broken words' ? hostile.break(m) : m,
                ),
              }
            : value,
      });
      const el = await renderChat(store, chat.id);
      await waitUntil(() => shownText(el).includes('Last question'), 'the last message shows');
      expect(shownText(el)).to.include('First question');
      expectBrokenMessage(el, hostile, 'Broken words');
    });

    it(`a pushed message with ${hostile.name} ${outcome}; the next message shows`, async () => {
      const backend = seededBackend({ replyDelayMs: false });
      const chat = backend.queueConversation({ customer: { id: 'cust-1', name: 'Nia' }, text: 'First question' });
      const { store } = await hostileWorkspace(backend, {
        push: (event) =>
          event.type === 'message' && event.message.text === 'Broken words'
            ? { ...event, message: hostile.break(event.message) }
            : event,
      });
      await store.pick(chat.id);
      const el = await renderChat(store, chat.id);
      await waitUntil(() => shownText(el).includes('First question'), 'the first message shows');
      backend.customerSays(chat.id, 'Broken words');
      backend.customerSays(chat.id, 'Last question');
      await waitUntil(() => shownText(el).includes('Last question'), 'the next message shows');
      expectBrokenMessage(el, hostile, 'Broken words');
    });
  }
});

describe('<conv-notes> with a hostile backend', () => {
  for (const hostile of HOSTILE_NOTES) {
    it(`a note with ${hostile.name} is left out; the other notes show`, async () => {
      const backend = seededBackend({ replyDelayMs: false });
      const chat = backend.queueConversation({ customer: { id: 'cust-1', name: 'Nia' } });
      const writer = await connectedWorkspace({ backend });
      await writer.store.pick(chat.id);
      await writer.store.addNote(chat.id, 'Broken note');
      await writer.store.addNote(chat.id, 'Call back after 5');
      const { store } = await hostileWorkspace(backend, {
        result: (method, value) =>
          method === 'listNotes'
            ? (value as Note[]).map((n) => (n.text === 'Broken note' ? hostile.break(n) : n))
            : value,
      });
      const el = await fixture<ConvNotes>(html`<conv-notes .store=${store} conversation-id=${chat.id}></conv-notes>`);
      await waitUntil(() => shownText(el).includes('Call back after 5'), 'the other note shows');
      expect(shownText(el)).to.not.include('Broken note');
    });
  }
});

/** Rendering takes a few frames a run: fewer runs than the store's 1,000. */
const RUNS = 100;

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** What an agent sees of one random hostile backend: every valid customer, message and note, and no error. */
async function renderAgainst(script: HostileScript): Promise<void> {
  const adapter = scriptedAdapter(script);
  const store = createConversationStore({ adapter });
  try {
    await store.connect().catch(() => undefined); // a broken snapshot fails as invalid (the store test checks how)
    const box = await fixture<HTMLDivElement>(
      html`<div style="display: grid; grid-template-columns: repeat(5, 320px); block-size: 1600px">
        <conv-list .store=${store} list="conversations"></conv-list>
        <conv-list .store=${store} list="picklist"></conv-list>
        <conv-list .store=${store} list="history"></conv-list>
        <conv-chat .store=${store} conversation-id=${ANCHOR}></conv-chat>
        <conv-notes .store=${store} conversation-id=${ANCHOR}></conv-notes>
      </div>`,
    );
    for (const push of script.pushes) expect(adapter.push(pushOf(push)), 'what the store threw').to.equal(undefined);
    await waitUntil(
      () => !['idle', 'loading'].includes(store.messages(ANCHOR).status) || script.brokenSnapshot !== undefined,
      'the messages loaded',
    );
    await frames();
    await frames();
    if (script.brokenSnapshot !== undefined) return;

    const [conversations, picklist, history] = [...box.querySelectorAll<ConvList>('conv-list')].map(itemNames);
    const shownIn = { conversations, offered: conversations, picklist, history };
    const valid = mustShow(script);
    for (const conversation of valid.conversations) {
      const list = listFor(conversation);
      if (list) expect(shownIn[list], list).to.include(customerLabel(conversation.customer) ?? 'Customer');
    }
    const chat = shownText(box.querySelector('conv-chat')!);
    for (const message of valid.messages) expect(chat, 'the chat').to.include(message.text);
    const notes = shownText(box.querySelector('conv-notes')!);
    for (const note of valid.notes) expect(notes, 'the notes').to.include(note.text);
    expect(uncaught, 'uncaught errors').to.deep.equal([]);
  } finally {
    store.disconnect();
    fixtureCleanup();
  }
}

describe('the elements with a hostile backend', () => {
  it(`<conv-list>, <conv-chat> and <conv-notes> show every valid item and throw nothing (${RUNS} random backends, seed ${HOSTILE_SEED})`, async function () {
    this.timeout(180_000);
    await fc.assert(fc.asyncProperty(hostileScript({ onScreen: true }), renderAgainst), {
      seed: HOSTILE_SEED,
      numRuns: RUNS,
    });
  });
});
