import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { type MemoryAdapter, type MemoryBackend } from '../src/adapters/memory.js';
import { connectedWorkspace } from './helpers/workspace.js';
import type { ConversationAdapter, OutgoingMessage } from '../src/core/adapter.js';
import { type ConversationStore } from '../src/core/store.js';
import '../src/elements/conv-notes/conv-notes.js';
import type { ConvNotes } from '../src/elements/conv-notes/conv-notes.js';

interface AdapterCall {
  method: string;
  args: unknown[];
}

/** The memory adapter with every call recorded on its way to the backend. */
function recordingAdapter(adapter: MemoryAdapter): {
  adapter: ConversationAdapter;
  calls: AdapterCall[];
  sent: OutgoingMessage[];
} {
  const calls: AdapterCall[] = [];
  const sent: OutgoingMessage[] = [];
  const recorded = new Proxy(adapter, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        // The event sink passed to connect is a function: record only data.
        calls.push({ method: key, args: args.filter((arg) => typeof arg !== 'function' && !(arg instanceof Blob)) });
        if (key === 'sendMessage') sent.push(structuredClone(args[0] as OutgoingMessage));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter: recorded, calls, sent };
}

interface Workspace {
  backend: MemoryBackend;
  memory: MemoryAdapter;
  store: ConversationStore;
  calls: AdapterCall[];
  sent: OutgoingMessage[];
  conversationId: string;
}

async function workspace(): Promise<Workspace> {
  let recording: ReturnType<typeof recordingAdapter> | undefined;
  const {
    backend,
    adapter: memory,
    store,
  } = await connectedWorkspace({ wrapAdapter: (memory) => (recording = recordingAdapter(memory)).adapter });
  const { calls, sent } = recording!;
  const conversationId = store.list('conversations')[0]!.id;
  return { backend, memory, store, calls, sent, conversationId };
}

async function addNoteByTyping(el: ConvNotes, text: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
  const save = el.shadowRoot!.querySelector('[part~="save"]')!.getBoundingClientRect();
  const added = oneEvent(el, 'conv-note-added');
  await sendMouse({
    type: 'click',
    position: [Math.round(save.x + save.width / 2), Math.round(save.y + save.height / 2)],
  });
  await added;
}

async function sendAndWait(store: ConversationStore, conversationId: string, text: string): Promise<void> {
  const clientId = await store.sendMessage(conversationId, { text });
  await waitUntil(
    () => store.messages(conversationId).items.find((m) => m.clientId === clientId)?.status === 'sent',
    `"${text}" was not sent`,
  );
}

/** Everything that reached the customer's side of the backend, across every conversation. */
function everythingTheCustomersCanSee(backend: MemoryBackend): string {
  return JSON.stringify(backend.conversations().map((c) => ({ conversation: c, messages: backend.messages(c.id) })));
}

describe('Internal notes never reach the customer', () => {
  it('keeps notes typed in <conv-notes> and added through the store out of every message sent', async () => {
    const { backend, store, sent, calls, conversationId } = await workspace();
    const el = await fixture<ConvNotes>(
      html`<conv-notes .store=${store} conversation-id=${conversationId}></conv-notes>`,
    );
    await waitUntil(() => store.notes(conversationId).status === 'loaded');

    const notes = [
      'Customer is upset about the late refund',
      'VIP: offer the 20% voucher code SORRY20 only if asked',
      'Manager approved a replacement',
    ];
    await sendAndWait(store, conversationId, 'Hello, I am looking into your order now.');
    await addNoteByTyping(el, notes[0]!);
    await sendAndWait(store, conversationId, 'Thanks for waiting.');
    await addNoteByTyping(el, notes[1]!);
    await store.addNote(conversationId, notes[2]!);
    await sendAndWait(store, conversationId, 'A replacement is on its way.');

    // The notes were really saved, so the checks below are not vacuous.
    expect(backend.notes(conversationId).map((n) => n.text)).to.include.members(notes);
    expect(sent.map((m) => m.text)).to.deep.equal([
      'Hello, I am looking into your order now.',
      'Thanks for waiting.',
      'A replacement is on its way.',
    ]);

    const customerSide = everythingTheCustomersCanSee(backend);
    const otherCalls = JSON.stringify(calls.filter((call) => call.method !== 'addNote' && call.method !== 'listNotes'));
    for (const note of notes) {
      for (const message of sent) expect(JSON.stringify(message)).to.not.contain(note);
      expect(customerSide).to.not.contain(note);
      expect(otherCalls).to.not.contain(note);
      expect(store.draft(conversationId).text).to.not.contain(note);
    }
  });

  it('never queues a note that failed to save for sending once the connection returns', async () => {
    const { backend, memory, store, sent, conversationId } = await workspace();
    const el = await fixture<ConvNotes>(
      html`<conv-notes .store=${store} conversation-id=${conversationId}></conv-notes>`,
    );
    await waitUntil(() => store.notes(conversationId).status === 'loaded');
    const note = 'Do not mention the pending investigation';

    memory.faults.dropConnection();
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!.focus();
    await sendKeys({ type: note });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(
      () => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('not saved'),
      'the failure was not shown',
    );
    memory.faults.restoreConnection();
    await sendAndWait(store, conversationId, 'Back online.');

    expect(store.pendingMessages()).to.deep.equal([]);
    expect(JSON.stringify(sent)).to.not.contain(note);
    expect(everythingTheCustomersCanSee(backend)).to.not.contain(note);
  });
});
