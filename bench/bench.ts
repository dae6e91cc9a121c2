/**
 * The benchmark page. `npm run bench` (scripts/bench.mjs) builds it with Vite, loads it afresh for
 * every run and calls `window.bench` step by step, reading the JS heap between the steps.
 *
 * A paint time runs from the moment the data is set (or the store announces the change) to the
 * second animation frame after it: the first frame has then been painted.
 */
import { customerHistory } from './history.js';
import {
  makeConversationListView,
  type ConversationListVariant,
  type ConversationListView,
} from './conversation-list-views.js';
import {
  makeConversationView,
  OLDER_PAGE,
  rowUnderEyes,
  topOf,
  type ConversationVariant,
  type ConversationView,
} from './conversation-views.js';
import { afterNextPaint, countNodes, paintAfter, pause, settle, stage } from './timing.js';

export type { ConversationListVariant, ConversationVariant };

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

/** Frames watched after a history insert: long enough for every row to be measured and corrected. */
const FRAMES_WATCHED = 30;

let conversation: ConversationView | undefined;
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

  /** The agent types `query` into the list's search, a key at a time: each keystroke's paint. */
  async searchConversationList(query: string): Promise<number[]> {
    const view = conversationList!;
    await view.search('');
    await settle();
    const samples: number[] = [];
    for (let length = 1; length <= query.length; length++) {
      samples.push(await paintAfter(() => view.search(query.slice(0, length))));
      await settle();
    }
    return samples;
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
