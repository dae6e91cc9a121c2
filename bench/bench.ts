/**
 * The benchmark page. `npm run bench` (scripts/bench.mjs) builds it with Vite, loads it afresh for
 * every run and calls `window.bench` step by step, reading the JS heap between the steps.
 *
 * A paint time runs from the moment the data is set (or the store announces the change) to the
 * second animation frame after it: the first frame has then been painted.
 */
import { createMemoryAdapter, createMemoryBackend, type MemoryBackend } from '../src/adapters/memory.js';
import { listOf, type Conversation } from '../src/core/model.js';
import { createConversationStore, type ConversationStore, type StoreTopic } from '../src/core/store.js';
import type { ConvChat } from '../src/elements/conv-chat/conv-chat.js';
import type { ConvMessageList, MessageListRow } from '../src/elements/conv-message-list/conv-message-list.js';
import type { ConvList } from '../src/elements/conv-list/conv-list.js';
import '../src/elements/conv-chat/conv-chat.js';
import '../src/elements/conv-message-list/conv-message-list.js';
import '../src/elements/conv-list/conv-list.js';
import {
  customerHistory,
  extraRows,
  moreMessages,
  photoOf,
  plainTextOf,
  rowsOf,
  type ConversationSpec,
} from './history.js';

export type ConversationVariant = 'plain' | 'list' | 'chat';
export type ConversationListVariant = 'plain' | 'element';

export interface Painted {
  paintMs: number;
  /** Every node under the element, inside shadow roots too (elements, text and comments). */
  nodes: number;
  elements: number;
}

export interface HistoryInserted {
  paintMs: number;
  /** How far the message the agent was reading moved on screen, at most, over the frames that followed. */
  shiftPx: number;
}

/** Older messages that arrive while the agent reads: one page, as the store loads them. */
const OLDER_PAGE = 50;
/** Frames watched after a history insert: long enough for every row to be measured and corrected. */
const FRAMES_WATCHED = 30;
const stage = document.getElementById('stage')!;
const startAt = Date.UTC(2025, 2, 3, 9, 0);

// ── timing ────────────────────────────────────────────────────────────────

/** Resolves in the second animation frame from now, with its time. */
const twoFrames = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );

/** Resolves once the next frame has been painted: in a task queued from that frame's animation callbacks. */
const afterNextPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets every follow-up (measurements, corrections, image decoding) finish before the next step. */
async function settle(): Promise<void> {
  for (let frame = 0; frame < 10; frame++) await afterNextPaint();
  await pause(150);
}

/** Milliseconds from the start `change` reports to the second frame after it. */
async function paintAfter(change: () => number | Promise<number>): Promise<number> {
  const started = await change();
  return (await twoFrames()) - started;
}

/** The moment the store next announces `topic` (and `when` holds): the data has changed then. */
function nextChange(store: ConversationStore, topic: StoreTopic, when: () => boolean = () => true): Promise<number> {
  return new Promise((resolve) => {
    const off = store.on(topic, () => {
      if (!when()) return;
      off();
      resolve(performance.now());
    });
  });
}

function countNodes(root: Node): { nodes: number; elements: number } {
  let nodes = 0;
  let elements = 0;
  const visit = (node: Node) => {
    nodes++;
    if (node instanceof Element) {
      elements++;
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return { nodes, elements };
}

function panel(): HTMLDivElement {
  const element = document.createElement('div');
  element.className = 'panel';
  stage.append(element);
  return element;
}

// ── conversations: the plain-DOM floor, <conv-message-list>, <conv-chat> ──

interface ConversationView {
  /** What is counted and measured. */
  readonly root: Element;
  readonly scroller: HTMLElement;
  /** The rendered rows, each carrying its key in `data-key`. */
  rows(): HTMLElement[];
  /** Each returns when the data was set. */
  show(): number | Promise<number>;
  appendOne(): number | Promise<number>;
  insertOlderPage(): number | Promise<number>;
}

function plainView(rows: MessageListRow[]): ConversationView {
  const scroller = document.createElement('div');
  scroller.className = 'plain';
  panel().append(scroller);
  const write = (batch: MessageListRow[]) => {
    const fragment = document.createDocumentFragment();
    for (const row of batch) {
      const div = document.createElement('div');
      div.dataset.key = row.key;
      div.textContent = plainTextOf(row);
      fragment.append(div);
    }
    return fragment;
  };
  let appended = 0;
  return {
    root: scroller,
    scroller,
    rows: () => [...scroller.children] as HTMLElement[],
    show() {
      const started = performance.now();
      scroller.append(write(rows));
      scroller.scrollTop = scroller.scrollHeight;
      return started;
    },
    appendOne() {
      const started = performance.now();
      scroller.append(write(extraRows(moreMessages(1, 100 + appended), `new-${appended++}`, startAt)));
      scroller.scrollTop = scroller.scrollHeight;
      return started;
    },
    insertOlderPage() {
      const started = performance.now();
      scroller.prepend(write(extraRows(moreMessages(OLDER_PAGE, 7), 'older', startAt)));
      return started;
    },
  };
}

const scrollerOf = (list: ConvMessageList) => list.shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!;
const renderedRows = (list: ConvMessageList) => [
  ...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"][data-key]'),
];

function listView(rows: MessageListRow[]): ConversationView {
  const list = document.createElement('conv-message-list');
  panel().append(list);
  let appended = 0;
  return {
    root: list,
    get scroller() {
      return scrollerOf(list);
    },
    rows: () => renderedRows(list),
    show() {
      const started = performance.now();
      list.items = rows;
      return started;
    },
    appendOne() {
      const started = performance.now();
      list.items = [...list.items, ...extraRows(moreMessages(1, 100 + appended), `new-${appended++}`, startAt)];
      return started;
    },
    insertOlderPage() {
      const started = performance.now();
      list.items = [...extraRows(moreMessages(OLDER_PAGE, 7), 'older', startAt), ...list.items];
      return started;
    },
  };
}

interface ChatFixture {
  backend: MemoryBackend;
  store: ConversationStore;
  conversationId: string;
}

/**
 * The history, told to the memory backend as it would have happened (the customer writes, the agent
 * answers through the adapter, earlier conversations end), then loaded into a store the way
 * `<conv-chat>` loads it, page by page. `unloaded` older messages of the open conversation stay on the backend.
 */
async function chatFixture(history: ConversationSpec[], { unloaded = 0 } = {}): Promise<ChatFixture> {
  const backend = createMemoryBackend({ seed: 7, replyDelayMs: false });
  const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const customer = { id: 'bench-customer', name: 'Amira Haddad', phone: '+44 7700 900123' };
  let conversationId = '';
  for (const [index, { messages }] of history.entries()) {
    const [opening, ...rest] = messages;
    conversationId = backend.offerConversation(adapter.agent.id, {
      customer,
      channel: 'whatsapp',
      text: opening!.text,
    }).id;
    await adapter.accept(conversationId);
    const id = conversationId;
    // Each call below queues a zero-delay timer at once, so the backend stores the messages in this order.
    const told = rest
      .filter((spec) => spec.author !== 'system')
      .map((spec, position) => {
        const attachments = photoOf(spec, `IMG_${position}.jpg`);
        if (spec.author === 'agent')
          return adapter.sendMessage({
            clientId: `${id}-${position}`,
            conversationId: id,
            text: spec.text,
            attachments,
            location: spec.location,
          });
        return new Promise((resolve) =>
          setTimeout(() => resolve(backend.customerSays(id, spec.text, { attachments, location: spec.location })), 0),
        );
      });
    await Promise.all(told);
    if (index < history.length - 1) backend.endByCustomer(conversationId);
  }
  const total = history.at(-1)!.messages.length;
  const store = createConversationStore({ adapter });
  await store.connect();
  await store.loadMessages(conversationId);
  while (store.messages(conversationId).olderCursor && store.messages(conversationId).items.length < total - unloaded)
    await store.loadMessages(conversationId, { older: true });
  if (!unloaded) await store.loadPreviousConversations(conversationId);
  return { backend, store, conversationId };
}

function chatView({ backend, store, conversationId }: ChatFixture): ConversationView {
  const chat = document.createElement('conv-chat') as ConvChat;
  chat.store = store;
  panel().append(chat);
  const list = () => chat.shadowRoot!.querySelector('conv-message-list')!;
  let appended = 0;
  return {
    root: chat,
    get scroller() {
      return scrollerOf(list());
    },
    rows: () => renderedRows(list()),
    show() {
      const started = performance.now();
      chat.conversationId = conversationId;
      return started;
    },
    appendOne() {
      const changed = nextChange(store, `messages:${conversationId}`);
      backend.customerSays(conversationId, moreMessages(1, 100 + appended++)[0]!.text || 'Thanks!');
      return changed;
    },
    insertOlderPage() {
      const before = store.messages(conversationId).items.length;
      const changed = nextChange(
        store,
        `messages:${conversationId}`,
        () => store.messages(conversationId).items.length > before,
      );
      void store.loadMessages(conversationId, { older: true });
      return changed;
    },
  };
}

async function makeConversationView(
  variant: ConversationVariant,
  history: ConversationSpec[],
  options: { unloaded?: number } = {},
): Promise<ConversationView> {
  if (variant === 'chat') return chatView(await chatFixture(history, options));
  const rows = rowsOf(history, startAt);
  return variant === 'plain' ? plainView(rows) : listView(rows);
}

let conversation: ConversationView | undefined;

/** The row at the middle of the viewport: the message the agent is reading. */
function rowUnderEyes(view: ConversationView): { key: string; top: number } {
  const viewport = view.scroller.getBoundingClientRect();
  const middle = viewport.top + viewport.height / 2;
  for (const row of view.rows()) {
    const box = row.getBoundingClientRect();
    if (box.top <= middle && box.bottom > middle) return { key: row.dataset.key!, top: box.top - viewport.top };
  }
  throw new Error('No row at the middle of the viewport');
}

function topOf(view: ConversationView, key: string): number {
  const row = view.rows().find((candidate) => candidate.dataset.key === key);
  if (!row) return Number.NaN;
  return row.getBoundingClientRect().top - view.scroller.getBoundingClientRect().top;
}

// ── conversation lists: the plain-DOM floor and <conv-list> ──

interface ConversationListView {
  readonly root: Element;
  show(): number;
  /** A customer writes in a conversation on screen: its unread count goes up and it moves to the top. */
  unreadChange(): number | Promise<number>;
}

/**
 * `count` conversations in the agent's Conversations tab: the seeded ones plus new customers offered to
 * the agent, nearly all accepted (every fiftieth still waits for Accept or Reject).
 */
async function conversationListStore(count: number) {
  const backend = createMemoryBackend({ seed: 7, replyDelayMs: false });
  const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const agentId = adapter.agent.id;
  const inTab = (c: Conversation) => ['offered', 'conversations'].includes(listOf(c, agentId) ?? '');
  const seeded = backend.conversations().filter(inTab).length;
  const offered = Array.from({ length: count - seeded }, () => backend.offerConversation(agentId).id);
  await Promise.all(offered.filter((_, index) => index % 50 !== 0).map((id) => adapter.accept(id)));
  const store = createConversationStore({ adapter });
  await store.connect();
  const shown = [...store.list('offered'), ...store.list('conversations')];
  if (shown.length !== count)
    throw new Error(`The Conversations tab holds ${shown.length} conversations, not ${count}`);
  return { backend, store, shown };
}

async function makeConversationListView(
  variant: ConversationListVariant,
  count: number,
): Promise<ConversationListView> {
  const { backend, store, shown } = await conversationListStore(count);
  let changes = 0;
  if (variant === 'plain') {
    const scroller = document.createElement('div');
    scroller.className = 'plain';
    panel().append(scroller);
    return {
      root: scroller,
      show() {
        const started = performance.now();
        const fragment = document.createDocumentFragment();
        for (const item of shown) {
          const div = document.createElement('div');
          div.textContent = `${item.customer.name ?? item.customer.phone}\n${item.lastMessage?.text ?? ''}`;
          fragment.append(div);
        }
        scroller.append(fragment);
        return started;
      },
      unreadChange() {
        const started = performance.now();
        const div = scroller.children[2]!;
        div.textContent = `${div.textContent} (${++changes})`;
        scroller.prepend(div);
        return started;
      },
    };
  }
  const list = document.createElement('conv-list') as ConvList;
  list.tabs = true;
  panel().append(list);
  return {
    root: list,
    show() {
      const started = performance.now();
      list.store = store;
      return started;
    },
    unreadChange() {
      const items = [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].sort(
        (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
      );
      const id = items[2]!.dataset.id!;
      const changed = nextChange(store, `conversation:${id}`);
      backend.customerSays(id, `Any news about my order? (${++changes})`);
      return changed;
    },
  };
}

let conversationList: ConversationListView | undefined;

// ── warm-up ─────────────────────────────────────────────────────────────

/** One small render of the same kind first, so the figures are about the data, not about code running for the first time. */
async function warmUp(render: () => Promise<{ root: Element; show(): number | Promise<number> }>): Promise<void> {
  const view = await render();
  await view.show();
  await settle();
  view.root.closest('.panel')!.remove();
  await settle();
}

// ── what scripts/bench.mjs calls ─────────────────────────────────────────

const api = {
  /** A change that renders nothing: what two frames cost on their own. */
  async frameOverhead(times: number): Promise<number[]> {
    const probe = stage.appendChild(document.createElement('span'));
    const samples: number[] = [];
    for (let index = 0; index < times; index++) {
      samples.push(
        await paintAfter(() => {
          const started = performance.now();
          probe.textContent = String(index);
          return started;
        }),
      );
      await pause(20);
    }
    probe.remove();
    return samples;
  },

  /** Builds the data and an empty view; the heap is read after this, before anything is shown. */
  async prepareConversation(
    variant: ConversationVariant,
    count: number,
    { olderOnBackend = false } = {},
  ): Promise<{ rows: number }> {
    await warmUp(() => makeConversationView(variant, customerHistory(50, { seed: 2 })));
    // For a history insert through the store, the open conversation alone holds the messages, one older page still on the backend.
    const history = olderOnBackend
      ? customerHistory(count + OLDER_PAGE, { earlierConversations: 0 })
      : customerHistory(count);
    conversation = await makeConversationView(variant, history, { unloaded: olderOnBackend ? OLDER_PAGE : 0 });
    await settle();
    return {
      rows:
        history.reduce((sum, { messages }) => sum + messages.length, 0) -
        (olderOnBackend ? OLDER_PAGE : 0) +
        (history.length > 1 ? history.length : 0),
    };
  },

  async showConversation(): Promise<Painted> {
    const view = conversation!;
    const paintMs = await paintAfter(() => view.show());
    await settle();
    return { paintMs, ...countNodes(view.root) };
  },

  /** New messages while the agent is at the newest one: each is painted at the bottom. */
  async appendMessages(times: number): Promise<number[]> {
    const view = conversation!;
    const samples: number[] = [];
    for (let index = 0; index < times; index++) {
      samples.push(await paintAfter(() => view.appendOne()));
      await settle();
    }
    return samples;
  },

  /** The agent reads the middle of the history when a page of older messages arrives above. */
  async insertOlderPage(): Promise<HistoryInserted> {
    const view = conversation!;
    view.scroller.scrollTop = (view.scroller.scrollHeight - view.scroller.clientHeight) / 2;
    await settle();
    const reading = rowUnderEyes(view);
    const paintMs = await paintAfter(() => view.insertOlderPage());
    let shiftPx = Math.abs(topOf(view, reading.key) - reading.top);
    for (let frame = 0; frame < FRAMES_WATCHED; frame++) {
      await afterNextPaint();
      shiftPx = Math.max(shiftPx, Math.abs(topOf(view, reading.key) - reading.top));
    }
    if (Number.isNaN(shiftPx)) throw new Error('The message the agent was reading is no longer rendered');
    return { paintMs, shiftPx };
  },

  async prepareConversationList(variant: ConversationListVariant, count: number): Promise<void> {
    await warmUp(() => makeConversationListView(variant, 40));
    conversationList = await makeConversationListView(variant, count);
    await settle();
  },

  async showConversationList(): Promise<Painted> {
    const view = conversationList!;
    const paintMs = await paintAfter(() => view.show());
    await settle();
    return { paintMs, ...countNodes(view.root) };
  },

  async changeUnreadCounts(times: number): Promise<number[]> {
    const view = conversationList!;
    const samples: number[] = [];
    for (let index = 0; index < times; index++) {
      samples.push(await paintAfter(() => view.unreadChange()));
      await settle();
    }
    return samples;
  },
};

export type BenchApi = typeof api;

declare global {
  interface Window {
    bench: BenchApi;
  }
}

window.bench = api;
