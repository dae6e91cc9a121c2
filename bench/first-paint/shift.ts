/**
 * The page scripts/first-paint-coverage.mjs measures: an agent's workspace in the middle of a shift,
 * as an integrator's page sets it up. This module is the page's own code and the backend; conv-kit
 * itself is the workspace page, built exactly as the size budget measures it and loaded as a file
 * of its own (workspace-page.js), so the coverage of that file is conv-kit's alone.
 *
 * The shift is the demo's world (demo/seed/world.ts): 8 conversations of the agent's own, 3 offered,
 * 14 waiting in the Picklist, 15 ended, notes, photos and locations. The workspace opens on Emma
 * Clarke's chat (262 messages, two notes, 14 earlier conversations), as a page restoring the agent's
 * last open conversation does.
 *
 * Opened with `?evaluate-only`, the page only imports conv-kit and does nothing with it: what
 * evaluating its modules runs by itself, before any element exists.
 */
import { createConversationStore, type ConvWorkspace } from '../../test/node/pages/workspace-page.js';
import { createMemoryAdapter, createMemoryBackend } from '../../src/adapters/memory.js';
import { demoSeed } from '../../demo/seed/world.js';

/** What the measuring script reads and calls. */
export interface FirstPaintPage {
  /** Resolves once the workspace has painted the lists, the open chat and its notes. */
  painted: Promise<{
    paintedMs: number;
    openConversationId: string;
    nextConversationId: string;
    /** Of the open conversation: messages in the store, and on the backend. */
    messagesLoaded: number;
    messages: number;
  }>;
  /** Resolves once `conversationId` shows in the chat with its messages, painted. */
  shows(conversationId: string): Promise<void>;
  /** Resolves once the agent's message with `text` has been sent in `conversationId` and painted. */
  sent(conversationId: string, text: string): Promise<void>;
}

/** With `?evaluate-only`: conv-kit's modules have been evaluated, and nothing else has run. */
export interface EvaluatedOnlyPage {
  evaluated: true;
}

declare global {
  interface Window {
    firstPaint: FirstPaintPage | EvaluatedOnlyPage;
  }
}

/** Places the workspace in the shift and tells the measuring script how far it is. */
function startShift(): FirstPaintPage {
  const backend = createMemoryBackend({ ...demoSeed(), replyDelayMs: false });
  const adapter = createMemoryAdapter({ backend });
  const mine = (customerId: string) =>
    backend
      .conversations()
      .find(
        (conversation) =>
          conversation.customer.id === customerId &&
          conversation.status === 'active' &&
          conversation.assigneeId === adapter.agent.id,
      )!.id;
  const openConversationId = mine('cust-emma-clarke');
  const nextConversationId = mine('cust-layla-haddad');

  const store = createConversationStore({ adapter });
  const workspace = document.createElement('conv-workspace') as ConvWorkspace;
  workspace.store = store;
  workspace.conversationId = openConversationId;

  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

  /** Every Lit element in the workspace, inside shadow roots too. */
  function elementsUnder(root: Element | ShadowRoot): Element[] {
    const found: Element[] = [];
    for (const element of root.querySelectorAll('*')) {
      if ('updateComplete' in element) found.push(element);
      if (element.shadowRoot) found.push(...elementsUnder(element.shadowRoot));
    }
    return found;
  }

  /** Waits until `ready` holds in a frame and no element has an update left, then two frames more: the result is on screen. */
  async function paintedWhen(ready: () => boolean, what: string): Promise<void> {
    const giveUp = performance.now() + 20_000;
    for (;;) {
      if (performance.now() > giveUp) throw new Error(`The workspace never showed ${what}`);
      await frame();
      if (!ready()) continue;
      const elements = [workspace, ...elementsUnder(workspace.shadowRoot!)] as Array<
        Element & { updateComplete: Promise<boolean>; isUpdatePending: boolean }
      >;
      await Promise.all(elements.map((element) => element.updateComplete));
      if (elements.some((element) => element.isUpdatePending)) continue;
      await frame();
      await frame();
      if (!elements.some((element) => element.isUpdatePending)) return;
    }
  }

  const chat = () => workspace.shadowRoot?.querySelector('conv-chat');
  const messageList = () => chat()?.shadowRoot?.querySelector('conv-message-list');
  const renderedRows = () => messageList()?.shadowRoot?.querySelectorAll('[role="listitem"][data-key]').length ?? 0;
  const listRows = () =>
    workspace.shadowRoot?.querySelector('conv-list')?.shadowRoot?.querySelectorAll('[role="listitem"]').length ?? 0;
  const notesShown = (conversationId: string) =>
    store.notes(conversationId).items.length > 0 &&
    (workspace.shadowRoot?.querySelector('conv-notes')?.shadowRoot?.textContent ?? '').includes(
      store.notes(conversationId).items.at(-1)!.text,
    );
  const chatShows = (conversationId: string) =>
    chat()?.conversationId === conversationId && store.messages(conversationId).items.length > 0 && renderedRows() > 0;

  const started = performance.now();
  document.getElementById('stage')!.append(workspace);
  const connected = store.connect();

  return {
    painted: (async () => {
      await connected;
      await paintedWhen(
        () => listRows() > 0 && chatShows(openConversationId) && notesShown(openConversationId),
        'the lists, the open chat and its notes',
      );
      return {
        paintedMs: performance.now() - started,
        openConversationId,
        nextConversationId,
        messagesLoaded: store.messages(openConversationId).items.length,
        messages: backend.messages(openConversationId).length,
      };
    })(),
    shows: (conversationId) => paintedWhen(() => chatShows(conversationId), `conversation ${conversationId}`),
    sent: (conversationId, text) =>
      paintedWhen(
        () =>
          store
            .messages(conversationId)
            .items.some(
              (message) => message.author === 'agent' && message.text === text && message.status !== 'sending',
            ),
        `the agent's message in ${conversationId}`,
      ),
  };
}

window.firstPaint = new URLSearchParams(location.search).has('evaluate-only') ? { evaluated: true } : startShift();
