import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type MemoryAdapter } from '../../src/adapters/memory.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { createConvEvent } from '../../src/events/index.js';
import { type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import type { EndChatDialog } from '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import { clickCenter, focused } from '../helpers/input.js';

interface Workspace {
  adapter: MemoryAdapter;
  store: ConversationStore;
  /** One of the agent's active conversations with a named customer. */
  conversationId: string;
}

async function workspace(): Promise<Workspace> {
  const { adapter, store } = await connectedWorkspace();
  const conversationId = store.list('conversations').find((c) => c.customer.name)!.id;
  return { adapter, store, conversationId };
}

/**
 * A page with an "End chat" button that asks to end the chat, and the dialog opened for that request,
 * the way a host wires it.
 */
async function page(store: ConversationStore, conversationId: string) {
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <button id="opener">End chat</button>
      <end-chat-dialog .store=${store} conversation-id=${conversationId}></end-chat-dialog>
    </div>
  `);
  const dialog = root.querySelector('end-chat-dialog')!;
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  const requestEnd = () => opener.dispatchEvent(createConvEvent('conv-request-end', { conversationId }));
  opener.addEventListener('click', requestEnd);
  root.addEventListener('conv-request-end', (event) => {
    dialog.conversationId = event.detail.conversationId;
    void dialog.show();
  });
  return { dialog, opener, requestEnd };
}

const part = <T extends Element = HTMLElement>(el: EndChatDialog, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
/** Its view loads on first open: until then there is no dialog to show. */
const isShown = (el: EndChatDialog) => !!el.shadowRoot!.querySelector<HTMLDialogElement>('[part="dialog"]')?.open;

async function openWithMouse(dialog: EndChatDialog, opener: HTMLButtonElement): Promise<void> {
  await clickCenter(opener);
  await waitUntil(() => isShown(dialog), 'the dialog did not open');
}

function countEvents(target: EventTarget, name: string): { count: number } {
  const counter = { count: 0 };
  target.addEventListener(name, () => counter.count++);
  return counter;
}

describe('<end-chat-dialog>', () => {
  it('asks to confirm ending the chat with the customer by name', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const name = store.conversation(conversationId)!.customer.name!;
    expect(part(dialog, 'title').textContent).to.equal(`End chat with \u2068${name}\u2069?`);
    expect(part(dialog, 'dialog').textContent).to.contain('The conversation moves to History.');
    expect(part(dialog, 'confirm').textContent!.trim()).to.equal('End chat');
    expect(part(dialog, 'cancel').textContent!.trim()).to.equal('Cancel');
  });

  it('moves focus to Cancel when it opens', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    expect(focused()).to.equal(part(dialog, 'cancel'));
    expect(dialog.open).to.be.true;
    expect(dialog.hasAttribute('open')).to.be.true;
  });

  it('is a labelled modal dialog', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const box = part<HTMLDialogElement>(dialog, 'dialog');
    expect(box.matches(':modal')).to.be.true;
    expect(dialog.shadowRoot!.getElementById(box.getAttribute('aria-labelledby')!)).to.equal(part(dialog, 'title'));
    expect(dialog.shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'The conversation moves to History.',
    );
  });

  it('closes on Escape, reports the cancel and returns focus to the button that opened it', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const cancelled = oneEvent(dialog, 'conv-end-cancel');
    await sendKeys({ press: 'Escape' });
    const event = await cancelled;
    await dialog.updateComplete;
    expect(event.detail.conversationId).to.equal(conversationId);
    expect(isShown(dialog)).to.be.false;
    expect(dialog.open).to.be.false;
    expect(focused()).to.equal(opener);
    expect(store.conversation(conversationId)!.status).to.equal('active');
  });

  it('gives focus to the element around the button that opened it when that button is gone', async () => {
    const { store, conversationId } = await workspace();
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div id="pane"></div>
        <end-chat-dialog .store=${store} conversation-id=${conversationId}></end-chat-dialog>
      </div>
    `);
    const dialog = root.querySelector('end-chat-dialog')!;
    // A pane of its own, as <conv-list> is: focusing it focuses what it holds.
    const pane = root.querySelector('#pane')!.attachShadow({ mode: 'open', delegatesFocus: true });
    pane.innerHTML = '<button id="end">End chat</button><button id="next">Next conversation</button>';
    pane.querySelector('#end')!.addEventListener('click', () => void dialog.show());
    await openWithMouse(dialog, pane.querySelector<HTMLButtonElement>('#end')!);
    pane.querySelector('#end')!.remove();
    await clickCenter(part(dialog, 'confirm'));
    await waitUntil(() => !isShown(dialog), 'the dialog stayed open');
    expect(focused() === pane.querySelector('#next'), `focus is on ${focused()?.localName}`).to.equal(true);
  });

  it('gives focus to the element that asked to end the chat when nothing had focus', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener, requestEnd } = await page(store, conversationId);
    // As after a full swipe with a finger, which focuses nothing.
    expect(focused() === document.body, 'nothing has focus').to.equal(true);
    requestEnd();
    await waitUntil(() => isShown(dialog), 'the dialog did not open');
    await sendKeys({ press: 'Escape' });
    await dialog.updateComplete;
    expect(focused() === opener, `focus is on ${focused()?.localName}`).to.equal(true);
  });

  it('closes on Cancel without ending the chat', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const cancels = countEvents(dialog, 'conv-end-cancel');
    const ends = countEvents(dialog, 'conv-chat-ended');
    await clickCenter(part(dialog, 'cancel'));
    await dialog.updateComplete;
    expect(isShown(dialog)).to.be.false;
    expect(cancels.count).to.equal(1);
    expect(ends.count).to.equal(0);
    expect(focused()).to.equal(opener);
    expect(store.list('conversations').map((c) => c.id)).to.include(conversationId);
  });

  it('ends the chat: the conversation moves to History and conv-chat-ended fires once', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const ends = countEvents(dialog, 'conv-chat-ended');
    const ended = oneEvent(dialog, 'conv-chat-ended');
    await clickCenter(part(dialog, 'confirm'));
    const event = await ended;
    await dialog.updateComplete;

    expect(event.detail.conversationId).to.equal(conversationId);
    expect(isShown(dialog)).to.be.false;
    expect(store.list('conversations').map((c) => c.id)).to.not.include(conversationId);
    expect(store.list('history').map((c) => c.id)).to.include(conversationId);
    expect(focused()).to.equal(opener);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ends.count).to.equal(1);
  });

  it('ends the chat from the keyboard', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    opener.focus();
    const ended = oneEvent(dialog, 'conv-chat-ended');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => isShown(dialog), 'the dialog did not open');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(dialog, 'confirm'));
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(store.conversation(conversationId)!.status).to.equal('ended');
  });

  it('stays open with an error when the chat could not be ended, and ending again works', async () => {
    const { adapter, store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const ends = countEvents(dialog, 'conv-chat-ended');
    adapter.faults.failNext(1, 'network');
    await clickCenter(part(dialog, 'confirm'));
    const alert = dialog.shadowRoot!.querySelector('[role="alert"]')!;
    await waitUntil(() => alert.textContent!.includes('The chat was not ended.'), 'no error was shown');
    await dialog.updateComplete;

    expect(isShown(dialog)).to.be.true;
    expect(ends.count).to.equal(0);
    expect(store.list('conversations').map((c) => c.id)).to.include(conversationId);
    expect(part(dialog, 'confirm').getAttribute('aria-disabled')).to.equal('false');
    expect(part(dialog, 'cancel').getAttribute('aria-disabled')).to.equal('false');

    const ended = oneEvent(dialog, 'conv-chat-ended');
    await clickCenter(part(dialog, 'confirm'));
    await ended;
    expect(store.list('history').map((c) => c.id)).to.include(conversationId);
  });

  it('shows progress and disables both buttons while ending', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const ended = oneEvent(dialog, 'conv-chat-ended');
    part(dialog, 'confirm').click();
    await dialog.updateComplete;
    expect(part(dialog, 'confirm').textContent!.trim()).to.equal('Ending chat…');
    expect(part(dialog, 'confirm').getAttribute('aria-disabled')).to.equal('true');
    expect(part(dialog, 'cancel').getAttribute('aria-disabled')).to.equal('true');
    await ended;
  });

  it('stays open on Escape while the chat is being ended', async () => {
    const { adapter, store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    const cancels = countEvents(dialog, 'conv-end-cancel');
    adapter.faults.hangNext(1);
    await clickCenter(part(dialog, 'confirm'));
    await dialog.updateComplete;
    await sendKeys({ press: 'Escape' });
    await dialog.updateComplete;
    expect(isShown(dialog)).to.be.true;
    expect(part(dialog, 'confirm').textContent!.trim()).to.equal('Ending chat…');
    expect(cancels.count).to.equal(0);
  });

  it('just closes when the chat has already ended', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    await store.endChat(conversationId);
    const ends = countEvents(dialog, 'conv-chat-ended');
    const cancels = countEvents(dialog, 'conv-end-cancel');
    await clickCenter(part(dialog, 'confirm'));
    await dialog.updateComplete;
    expect(isShown(dialog)).to.be.false;
    expect(dialog.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('');
    expect(ends.count + cancels.count).to.equal(0);
  });

  it('names the customer by phone number when there is no name', async () => {
    const { store } = await workspace();
    const conversation = store.list('conversations').find((c) => !c.customer.name && c.customer.phone);
    expect(conversation, 'an active conversation with a customer known only by phone').to.exist;
    const { dialog, opener } = await page(store, conversation!.id);
    await openWithMouse(dialog, opener);
    expect(part(dialog, 'title').textContent).to.equal(`End chat with \u2068${conversation!.customer.phone}\u2069?`);
  });

  it('opens and closes through the open attribute and show() / hide()', async () => {
    const { store, conversationId } = await workspace();
    const { dialog } = await page(store, conversationId);
    dialog.setAttribute('open', '');
    await dialog.updateComplete;
    expect(isShown(dialog)).to.be.true;
    await dialog.hide();
    expect(isShown(dialog)).to.be.false;
    expect(dialog.hasAttribute('open')).to.be.false;
    await dialog.show();
    expect(isShown(dialog)).to.be.true;
  });

  it('passes an accessibility audit when open', async () => {
    const { store, conversationId } = await workspace();
    const { dialog, opener } = await page(store, conversationId);
    await openWithMouse(dialog, opener);
    await expect(dialog).to.be.accessible();
  });
});
