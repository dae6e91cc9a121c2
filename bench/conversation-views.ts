/**
 * The long conversation shown three ways, for the same steps: the plain-DOM floor (every row a
 * <div>), <conv-message-list> driven through `.items`, and <conv-chat> loading through the store.
 */
import { createMemoryAdapter, createMemoryBackend, type MemoryBackend } from '../src/adapters/memory.js';
import { createConversationStore, type ConversationStore } from '../src/core/store.js';
import type { ConvChat } from '../src/elements/conv-chat/conv-chat.js';
import type { ConvMessageList, MessageListRow } from '../src/elements/conv-message-list/conv-message-list.js';
import '../src/elements/conv-chat/conv-chat.js';
import '../src/elements/conv-message-list/conv-message-list.js';
import { extraRows, moreMessages, photoOf, plainTextOf, rowsOf, type ConversationSpec } from './history.js';
import { nextChange, panel } from './timing.js';

export type ConversationVariant = 'plain' | 'list' | 'chat';

/** Older messages that arrive while the agent reads: one page, as the store loads them. */
export const OLDER_PAGE = 50;
const startAt = Date.UTC(2025, 2, 3, 9, 0);

export interface ConversationView {
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

export async function makeConversationView(
  variant: ConversationVariant,
  history: ConversationSpec[],
  options: { unloaded?: number } = {},
): Promise<ConversationView> {
  if (variant === 'chat') return chatView(await chatFixture(history, options));
  const rows = rowsOf(history, startAt);
  return variant === 'plain' ? plainView(rows) : listView(rows);
}

/** The row at the middle of the viewport: the message the agent is reading. */
export function rowUnderEyes(view: ConversationView): { key: string; top: number } {
  const viewport = view.scroller.getBoundingClientRect();
  const middle = viewport.top + viewport.height / 2;
  for (const row of view.rows()) {
    const box = row.getBoundingClientRect();
    if (box.top <= middle && box.bottom > middle) return { key: row.dataset.key!, top: box.top - viewport.top };
  }
  throw new Error('No row at the middle of the viewport');
}

export function topOf(view: ConversationView, key: string): number {
  const row = view.rows().find((candidate) => candidate.dataset.key === key);
  if (!row) return Number.NaN;
  return row.getBoundingClientRect().top - view.scroller.getBoundingClientRect().top;
}
