import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, type MemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-notes/conv-notes.js';
import type { ConvNotes } from '../../src/elements/conv-notes/conv-notes.js';
import { clickCenter, focused } from '../helpers/input.js';

interface Workspace {
  backend: MemoryBackend;
  adapter: MemoryAdapter;
  store: ConversationStore;
  /** One of the agent's active conversations that has seeded notes. */
  conversationId: string;
  /** One of the agent's active conversations without notes. */
  withoutNotes: string;
}

async function workspace(): Promise<Workspace> {
  const { backend, adapter, store } = await connectedWorkspace();
  const mine = store.list('conversations');
  const conversationId = mine.find((c) => backend.notes(c.id).length >= 2)!.id;
  const withoutNotes = mine.find((c) => backend.notes(c.id).length === 0)!.id;
  return { backend, adapter, store, conversationId, withoutNotes };
}

async function renderNotes(store: ConversationStore, conversationId: string): Promise<ConvNotes> {
  const el = await fixture<ConvNotes>(
    html`<conv-notes .store=${store} conversation-id=${conversationId}></conv-notes>`,
  );
  await waitUntil(
    () => store.notes(conversationId).status !== 'loading' && store.notes(conversationId).status !== 'idle',
    'notes did not load',
  );
  await el.updateComplete;
  return el;
}

const part = <T extends Element = HTMLElement>(el: ConvNotes, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const shownNotes = (el: ConvNotes) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="note"]')];
const noteTexts = (el: ConvNotes) => shownNotes(el).map((note) => note.querySelector('.text')!.textContent!);

async function typeNote(el: ConvNotes, text: string): Promise<void> {
  part<HTMLTextAreaElement>(el, 'input').focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

describe('<conv-notes>', () => {
  it('says there are no notes yet when the conversation has none', async () => {
    const { store, withoutNotes } = await workspace();
    const el = await renderNotes(store, withoutNotes);
    expect(el.shadowRoot!.textContent).to.contain('No internal notes yet.');
    expect(shownNotes(el)).to.have.length(0);
  });

  it('tells the agent only agents see internal notes', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    expect(part(el, 'header').textContent).to.contain('Internal notes');
    expect(part(el, 'header').textContent).to.contain('Only agents see internal notes.');
  });

  it('saves a typed note with the Save button and shows it at the top, above the earlier notes, with author and time', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    const earlier = noteTexts(el);
    expect(earlier.length).to.be.at.least(2);

    await typeNote(el, 'Customer prefers email');
    const added = oneEvent(el, 'conv-note-added');
    await clickCenter(part(el, 'save'));
    const event = await added;
    await el.updateComplete;

    expect(event.detail.conversationId).to.equal(conversationId);
    expect(event.detail.note.text).to.equal('Customer prefers email');
    expect(noteTexts(el)).to.deep.equal(['Customer prefers email', ...earlier]);
    const top = shownNotes(el)[0]!;
    expect(top.querySelector('.text')!.textContent).to.equal('Customer prefers email');
    expect(top.querySelector('.author')!.textContent).to.contain(store.agent!.name);
    expect(top.querySelector('time')!.getAttribute('datetime')).to.equal(
      new Date(event.detail.note.createdAt).toISOString(),
    );
    expect(top.querySelector('time')!.textContent!.trim()).to.not.equal('');
  });

  it('saves with Ctrl+Enter, empties the field and keeps focus in it', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);

    await typeNote(el, 'Called back at noon');
    const added = oneEvent(el, 'conv-note-added');
    await pressCtrlEnter();
    await added;
    await el.updateComplete;

    expect(noteTexts(el)[0]).to.equal('Called back at noon');
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('');
    expect(focused()).to.equal(part(el, 'input'));
  });

  it('puts the caret in the New note field when a host moves focus to the notes', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    el.focus();
    expect(focused() === part(el, 'input'), 'New note has focus').to.equal(true);
    await sendKeys({ type: 'Prefers a call' });
    await el.updateComplete;
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('Prefers a call');
  });

  it('keeps New note closed where the agent may not add notes: a Picklist chat, with the reason', async () => {
    const { store } = await workspace();
    const waiting = store.list('picklist')[0]!.id;
    const el = await renderNotes(store, waiting);
    expect(part<HTMLTextAreaElement>(el, 'input').disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'save').disabled).to.equal(true);
    expect(part(el, 'header').textContent).to.contain('Only the agent handling this conversation adds notes to it.');
    await expect(el).to.be.accessible();
  });

  it('shows notes newest first', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    for (const text of ['First', 'Second', 'Third']) {
      await typeNote(el, text);
      const added = oneEvent(el, 'conv-note-added');
      await pressCtrlEnter();
      await added;
      await el.updateComplete;
    }
    const times = shownNotes(el).map((note) => Date.parse(note.querySelector('time')!.getAttribute('datetime')!));
    expect(noteTexts(el).slice(0, 3)).to.deep.equal(['Third', 'Second', 'First']);
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
  });

  it('grows the New note field as the agent writes more lines, and shrinks it after saving', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    const field = part<HTMLTextAreaElement>(el, 'input');
    const emptyHeight = field.getBoundingClientRect().height;
    await typeNote(el, 'Order 4471\nRefund: 30 EUR\nCourier: DPD\nCall back: Friday\nAddress confirmed');
    expect(field.value.split('\n')).to.have.length(5);
    expect(field.getBoundingClientRect().height).to.be.greaterThan(emptyHeight);

    const added = oneEvent(el, 'conv-note-added');
    await pressCtrlEnter();
    await added;
    await el.updateComplete;
    expect(field.getBoundingClientRect().height).to.equal(emptyHeight);
    expect(noteTexts(el)[0]).to.equal('Order 4471\nRefund: 30 EUR\nCourier: DPD\nCall back: Friday\nAddress confirmed');
  });

  it('keeps Save disabled while the field is empty or blank', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    expect(part<HTMLButtonElement>(el, 'save').disabled).to.be.true;
    await typeNote(el, '   ');
    expect(part<HTMLButtonElement>(el, 'save').disabled).to.be.true;
    await typeNote(el, 'x');
    expect(part<HTMLButtonElement>(el, 'save').disabled).to.be.false;
  });

  it('keeps the text and says the note was not saved when saving fails, and a second Save works', async () => {
    const { adapter, store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    const before = shownNotes(el).length;

    await typeNote(el, 'Refund approved by Sam');
    adapter.faults.failNext(1, 'network');
    await clickCenter(part(el, 'save'));
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    await waitUntil(() => alert.textContent!.includes('The note was not saved'), 'no error was shown');

    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('Refund approved by Sam');
    expect(shownNotes(el)).to.have.length(before);

    const added = oneEvent(el, 'conv-note-added');
    await clickCenter(part(el, 'save'));
    await added;
    await el.updateComplete;
    expect(noteTexts(el)[0]).to.equal('Refund approved by Sam');
    expect(alert.textContent!.trim()).to.equal('');
  });

  it('shows a note added on another device', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    const desktop = createMemoryAdapter({ backend, latencyMs: 0 });
    await desktop.connect(() => {});
    await desktop.addNote({ clientId: 'note-desktop', conversationId, text: 'Added from the desktop app' });
    await waitUntil(() => noteTexts(el).includes('Added from the desktop app'), 'the pushed note did not appear');
    expect(noteTexts(el)[0]).to.equal('Added from the desktop app');
  });

  it('renders hostile note text as plain text', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    const hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];
    for (const text of hostile) {
      await typeNote(el, text);
      const added = oneEvent(el, 'conv-note-added');
      await pressCtrlEnter();
      await added;
      await el.updateComplete;
    }
    expect(noteTexts(el).slice(0, 3)).to.deep.equal([...hostile].reverse());
    expect(el.shadowRoot!.querySelector('script')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part~="list"] img')).to.be.null;
    expect(el.shadowRoot!.querySelector('a[href^="javascript:"]')).to.be.null;
    expect(el.shadowRoot!.querySelectorAll('[part~="list"] a')).to.have.length(0);
  });

  it('turns http(s) addresses in a note into links that open safely', async () => {
    const { store, conversationId } = await workspace();
    await store.addNote(conversationId, 'Order details: https://shop.example/orders/42 (paid)');
    const el = await renderNotes(store, conversationId);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="note"] a')!;
    expect(link.href).to.equal('https://shop.example/orders/42');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.target).to.equal('_blank');
  });

  it('says the notes are loading until they arrive', async () => {
    const { adapter, store, conversationId } = await workspace();
    adapter.faults.hangNext(1);
    const el = await fixture<ConvNotes>(
      html`<conv-notes .store=${store} conversation-id=${conversationId}></conv-notes>`,
    );
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.equal('Loading notes…');
    expect(shownNotes(el)).to.have.length(0);
  });

  it('does not carry a half-written note over to another conversation', async () => {
    const { store, conversationId, withoutNotes } = await workspace();
    const el = await renderNotes(store, conversationId);
    await typeNote(el, 'Meant for the first customer');
    el.conversationId = withoutNotes;
    await waitUntil(() => store.notes(withoutNotes).status === 'loaded');
    await el.updateComplete;
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('');
    expect(el.shadowRoot!.textContent).to.contain('No internal notes yet.');
  });

  it('offers Retry when the notes could not be loaded', async () => {
    const { adapter, store, conversationId } = await workspace();
    adapter.faults.failNext(1, 'network');
    const el = await renderNotes(store, conversationId);
    const alert = el.shadowRoot!.querySelector('.load-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('The internal notes could not be loaded.');

    await clickCenter(alert.querySelector('button')!);
    await waitUntil(() => store.notes(conversationId).status === 'loaded', 'notes did not load on retry');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.load-error')).to.be.null;
  });

  it('passes an accessibility audit when empty', async () => {
    const { store, withoutNotes } = await workspace();
    const el = await renderNotes(store, withoutNotes);
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit with notes', async () => {
    const { store, conversationId } = await workspace();
    await store.addNote(conversationId, 'See https://crm.example/c/7 for the contract');
    const el = await renderNotes(store, conversationId);
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit showing a saving error', async () => {
    const { adapter, store, conversationId } = await workspace();
    const el = await renderNotes(store, conversationId);
    await typeNote(el, 'Will fail');
    adapter.faults.failNext(1, 'network');
    await pressCtrlEnter();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('not saved'));
    await expect(el).to.be.accessible();
  });
});
