/** The agent's Conversations tab with thousands of conversations: the plain-DOM floor and <conv-list>. */
import { createMemoryAdapter, createMemoryBackend } from '../src/adapters/memory.js';
import { listOf, type Conversation } from '../src/core/model.js';
import { createConversationStore } from '../src/core/store.js';
import type { ConvList } from '../src/elements/conv-list/conv-list.js';
import '../src/elements/conv-list/conv-list.js';
import { nextChange, panel } from './timing.js';

export type ConversationListVariant = 'plain' | 'element';

export interface ConversationListView {
  readonly root: Element;
  show(): number;
  /** A customer writes in a conversation on screen: its unread count goes up and it moves to the top. */
  unreadChange(): number | Promise<number>;
  /** The search field holds `query`: the list shows what matches (a keystroke of the agent's). */
  search(query: string): number | Promise<number>;
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

export async function makeConversationListView(
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
      search(query) {
        const started = performance.now();
        const needle = query.toLowerCase();
        for (const div of scroller.children as HTMLCollectionOf<HTMLElement>)
          div.hidden = !div.textContent!.toLowerCase().includes(needle);
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
    async search(query) {
      const root = list.shadowRoot!;
      let input = root.querySelector<HTMLInputElement>('[part~="search-input"]');
      if (!input) {
        root.querySelector<HTMLElement>('.search-open')!.click();
        while (!(input = root.querySelector<HTMLInputElement>('[part~="search-input"]')))
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const started = performance.now();
      input.value = query;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      return started;
    },
  };
}
