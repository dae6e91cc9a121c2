import { expect, fixture, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import { nothing } from 'lit';
import { executeServerCommand, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import {
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryAdapter,
  type MemoryBackend,
} from '../../src/adapters/memory.js';
import { COLLEAGUE_AGENT, seededBackend } from '../helpers/seed.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import type { Agent } from '../../src/core/model.js';
import { type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import type { EndChatDialog } from '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import { center, clickCenter, focused } from '../helpers/input.js';
import { formatTime } from '../../src/elements/shared/format.js';
import { channelName, defaultStrings } from '../../src/elements/shared/strings.js';

interface Workspace {
  backend: MemoryBackend;
  adapter: MemoryAdapter;
  store: ConversationStore;
}

async function connect(backend: MemoryBackend, agent?: Agent): Promise<Workspace> {
  return connectedWorkspace({ backend, signedInAs: agent });
}

async function workspace(prepare?: (backend: MemoryBackend) => void | Promise<void>): Promise<Workspace> {
  const backend = seededBackend({ replyDelayMs: false });
  await prepare?.(backend);
  return connect(backend);
}

async function renderList(
  store: ConversationStore,
  setup: { list?: string; tabs?: boolean; dir?: string } = {},
): Promise<ConvList> {
  return fixture<ConvList>(
    html`<conv-list
      .store=${store}
      list=${setup.list ?? 'conversations'}
      ?tabs=${setup.tabs ?? false}
      dir=${setup.dir ?? nothing}
    ></conv-list>`,
  );
}

/**
 * Test files share the browser, so this page may be a background tab, where timers are slowed down
 * and no frames are drawn: wait generously, and never for a frame.
 */
const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });

/** Names as the agent reads them (without the invisible isolation marks around each). */
const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const items = (el: ConvList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const names = (el: ConvList) => items(el).map((item) => plain(item.querySelector('.name')!.textContent));
const itemNamed = (el: ConvList, name: string) =>
  items(el).find((item) => plain(item.querySelector('.name')!.textContent) === name);
const buttonIn = (item: HTMLElement | undefined, label: string) =>
  [...(item?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
    (button) => plain(button.textContent) === label || button.getAttribute('aria-label') === label,
  );
const tabs = (el: ConvList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
const menu = (el: ConvList) => el.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
const menuItems = (el: ConvList) =>
  [...menu(el).querySelectorAll<HTMLElement>('[role="menuitem"]')].map((item) => plain(item.textContent));
const noticeText = (el: ConvList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="notice"]')]
    .map((notice) => plain(notice.textContent))
    .join(' ')
    .trim();

/** Presses on the item near its inline end and drags it by `distance` px (negative: to the left). */
async function swipe(item: HTMLElement, distance: number, from: 'left' | 'right' = 'right'): Promise<void> {
  const box = item.getBoundingClientRect();
  const y = Math.round(box.y + box.height / 2);
  const x = Math.round(from === 'right' ? box.right - 70 : box.left + 70);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [x + distance, y] });
  await sendMouse({ type: 'up' });
  // The item slides to where the gesture left it; skip to the end of that slide.
  for (const animation of item.querySelector('.face')!.getAnimations()) animation.finish();
}

/** A real finger (Chromium touch input): down near the item's inline end, a few moves, up. */
async function fingerSwipe(el: ConvList, item: HTMLElement, distance: number): Promise<void> {
  const box = item.getBoundingClientRect();
  const y = Math.round(box.y + box.height / 2);
  const x = Math.round(box.right - 70);
  await executeServerCommand('touch-drag', { from: [x, y], to: [x + distance, y] });
  for (const animation of item.querySelector('.face')!.getAnimations()) animation.finish();
  await settle(el);
}

async function settle(el: ConvList): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

/** The list beside an end-chat dialog, wired as a host page wires them: conv-request-end opens the dialog. */
async function renderWithDialog(
  store: ConversationStore,
  setup: { list?: string; tabs?: boolean } = {},
): Promise<{ el: ConvList; dialog: EndChatDialog }> {
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <conv-list .store=${store} list=${setup.list ?? 'conversations'} ?tabs=${setup.tabs ?? false}></conv-list>
      <end-chat-dialog .store=${store}></end-chat-dialog>
    </div>
  `);
  const dialog = root.querySelector('end-chat-dialog')!;
  root.addEventListener('conv-request-end', (event) => {
    dialog.conversationId = event.detail.conversationId;
    void dialog.show();
  });
  return { el: root.querySelector('conv-list')!, dialog };
}

const dialogButton = (dialog: EndChatDialog, part: 'confirm' | 'cancel') =>
  dialog.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;
/** Its view loads on first open: until then there is no dialog on the screen. */
const dialogShown = (dialog: EndChatDialog) => !!dialog.shadowRoot!.querySelector('dialog')?.open;

/** Confirms in the dialog with the mouse and waits until the chat has ended and the dialog is gone. */
async function confirmEnd(el: ConvList, dialog: EndChatDialog, name: string): Promise<void> {
  await waitUntil(() => dialogShown(dialog), 'the dialog did not open');
  await clickCenter(dialogButton(dialog, 'confirm'));
  await waitUntil(() => !dialogShown(dialog) && !itemNamed(el, name), 'the chat did not end');
  await settle(el);
}

/** The customer shown below `name`. */
const nameAfter = (el: ConvList, name: string) => names(el)[names(el).indexOf(name) + 1]!;
/** The main button of the item named `name`: what focus lands on when an item takes it. */
const itemFocusTarget = (el: ConvList, name: string) => itemNamed(el, name)?.querySelector<HTMLElement>('.select');
/** What has focus (deep), in words a failure can print: an item of `el` by its customer's name, else the element. */
function focusedItemName(el: ConvList): string {
  const active = focused();
  if (active?.getRootNode() === el.shadowRoot && active.matches('.select'))
    return plain(active.querySelector('.name')!.textContent);
  return `not an item: <${active?.localName}> ${plain(active?.textContent).slice(0, 60)}`.trim();
}

/** Focus is on the main button of the item named `name`. */
function expectFocusOnItem(el: ConvList, name: string): void {
  expect(focusedItemName(el)).to.equal(name);
  expect(focused() === itemFocusTarget(el, name), 'the item’s main button has focus').to.equal(true);
}

/** Records every event of one type the list fires. */
function record<T>(el: ConvList, type: string): Array<CustomEvent<T>> {
  const seen: Array<CustomEvent<T>> = [];
  el.addEventListener(type, (event) => seen.push(event as CustomEvent<T>));
  return seen;
}

describe('<conv-list>', () => {
  afterEach(async () => {
    await resetMouse();
    await setViewport({ width: 800, height: 600 });
  });

  describe('lists', () => {
    it('shows Conversations with the offers on top, each with its customer, channel, last message and time', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const offered = store.list('offered');
      const mine = store.list('conversations');
      expect(items(el)).to.have.length(offered.length + mine.length);
      expect(names(el).slice(0, offered.length)).to.include('Camille Dubois');
      for (const item of items(el).slice(0, offered.length)) {
        expect(buttonIn(item, 'Accept'), 'offers can be accepted').to.exist;
        expect(buttonIn(item, 'Reject'), 'offers can be rejected').to.exist;
      }
      const emma = itemNamed(el, 'Emma Clarke')!;
      const conversation = mine.find((c) => c.customer.name === 'Emma Clarke')!;
      expect(plain(emma.querySelector('.channel')!.textContent)).to.equal(
        channelName(defaultStrings, conversation.channel),
      );
      expect(plain(emma.querySelector('.preview')!.textContent)).to.equal(plain(conversation.lastMessage!.text));
      expect(emma.querySelector('time')!.textContent!.trim()).to.not.equal('');
    });

    it('shows the phone number when the customer has no name, and a neutral label when there is neither', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      expect(names(el)).to.include('+44 7700 900123');
      expect(names(el)).to.include('Customer');
    });

    it('shows the Picklist, longest waiting first, each with a Pick button', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'picklist' });
      expect(names(el)).to.deep.equal(
        store.list('picklist').map((c) => plain(c.customer.name ?? c.customer.phone ?? 'Customer')),
      );
      expect(names(el)[0]).to.equal('Hannah Wright');
      for (const item of items(el)) expect(buttonIn(item, 'Pick')).to.exist;
    });

    it('shows History with the ended conversations', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'history' });
      expect(items(el)[0]!.getAttribute('aria-setsize')).to.equal(String(store.list('history').length));
      expect(names(el)).to.include('Tom Fischer');
      expect(buttonIn(items(el)[0], 'Pick')).to.not.exist;
    });

    it('says how many messages are unread, in words for screen readers', async () => {
      const { store, backend } = await workspace();
      const conversation = store.list('conversations').find((c) => c.customer.name === 'Grace Kim')!;
      const el = await renderList(store);
      const before = conversation.unreadCount;
      backend.customerSays(conversation.id, 'Are you there?');
      backend.customerSays(conversation.id, 'Hello?');
      await waitUntil(
        () =>
          itemNamed(el, 'Grace Kim')
            ?.querySelector('[part~="badge"]')
            ?.textContent?.includes(`${before + 2} unread`),
        'the badge did not count the new messages',
      );
      const badge = itemNamed(el, 'Grace Kim')!.querySelector('[part~="badge"]')!;
      expect(plain(badge.querySelector('.visually-hidden')!.textContent)).to.equal(`${before + 2} unread`);
      expect(badge.querySelector('[aria-hidden="true"]')!.textContent).to.equal(String(before + 2));
    });

    it('shows no unread count on an ended chat in History', async () => {
      const { store, backend } = await workspace();
      const grace = store.list('conversations').find((c) => c.customer.name === 'Grace Kim')!;
      const el = await renderList(store, { tabs: true });
      backend.customerSays(grace.id, 'Are you there?');
      await waitUntil(() => itemNamed(el, 'Grace Kim')?.querySelector('[part~="badge"]'), 'no unread count');
      await store.endChat(grace.id);
      tabs(el)[2]!.click();
      await el.updateComplete;
      expect(store.conversation(grace.id)!.status).to.equal('ended');
      expect(itemNamed(el, 'Grace Kim'), 'the ended chat is in History').to.exist;
      expect(itemNamed(el, 'Grace Kim')!.querySelector('[part~="badge"]')?.textContent ?? 'no badge').to.equal(
        'no badge',
      );
      expect(plain(itemNamed(el, 'Grace Kim')!.textContent)).to.not.contain('unread');
    });

    it('says so when a list is empty', async () => {
      const newcomer: Agent = { id: 'agent-3', name: 'Sam Lee' };
      const backend = seededBackend({ replyDelayMs: false });
      const colleague = await connect(backend, COLLEAGUE_AGENT);
      for (const conversation of colleague.store.list('picklist')) await colleague.adapter.pick(conversation.id);
      const { store } = await connect(backend, newcomer);
      const el = await renderList(store, { tabs: true });
      const expected = [
        'No conversations yet. Pick one from the Picklist.',
        'Nobody is waiting.',
        'No ended conversations.',
      ];
      for (const [index, tab] of tabs(el).entries()) {
        tab.click();
        await el.updateComplete;
        expect(items(el)).to.have.length(0);
        expect(plain(el.shadowRoot!.querySelector('[part~="empty"]')!.textContent)).to.equal(expected[index]);
        await expect(el).to.be.accessible();
      }
    });

    it('tells the agent when the connection is lost and when it is back', async () => {
      const { store, adapter } = await workspace();
      const el = await renderList(store);
      adapter.faults.dropConnection();
      await el.updateComplete;
      const status = el.shadowRoot!.querySelector('[role="status"]')!;
      expect(plain(status.textContent)).to.equal('Offline — messages are kept and sent when the connection returns.');
      adapter.faults.restoreConnection();
      await el.updateComplete;
      expect(plain(status.textContent)).to.equal('');
    });

    it('renders hostile customer names and messages as text', async () => {
      const { store } = await workspace((backend) => {
        backend.offerConversation(DEFAULT_AGENT.id, {
          customer: { id: 'trickster', name: '\u202Egnp.exe' },
          text: '<b>bold</b>',
        });
      });
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      const mallory = itemNamed(el, 'Mallory <img src=x onerror=alert(1)>');
      expect(mallory, 'the name shows as typed').to.exist;
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      tabs(el)[0]!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      const trickster = items(el).find((item) => item.querySelector('.name')!.textContent!.includes('\u202E'))!;
      // The name is isolated: its right-to-left override cannot reorder the text around it.
      expect(trickster.querySelector('.name')!.textContent).to.equal('\u2068\u202Egnp.exe\u2069');
      expect(plain(trickster.querySelector('.preview')!.textContent)).to.contain('<b>bold</b>');
    });

    it('follows pushes from the agent’s other device: picks and ended chats move between lists', async () => {
      const { store, backend } = await workspace();
      const phone = await connect(backend);
      const el = await renderList(store, { tabs: true });
      const waiting = store.list('picklist')[0]!;
      const ongoing = store.list('conversations').find((c) => c.customer.name === 'Grace Kim')!;
      await phone.store.pick(waiting.id);
      await phone.store.endChat(ongoing.id);
      await waitUntil(
        () => itemNamed(el, 'Hannah Wright') && !itemNamed(el, 'Grace Kim'),
        'the other device’s changes did not arrive',
      );
      tabs(el)[2]!.click();
      await el.updateComplete;
      expect(names(el)).to.include('Grace Kim');
      tabs(el)[1]!.click();
      await el.updateComplete;
      expect(names(el)).to.not.include('Hannah Wright');
    });
  });

  describe('tabs', () => {
    it('shows Conversations, Picklist and History as tabs with their counts', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      const counts = [
        store.list('offered').length + store.list('conversations').length,
        store.list('picklist').length,
        store.list('history').length,
      ];
      expect(tabs(el).map((tab) => plain(tab.textContent))).to.deep.equal([
        `Conversations ${counts[0]}`,
        `Picklist ${counts[1]}`,
        `History ${counts[2]}`,
      ]);
      expect(tabs(el).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['false', 'true', 'false']);
      expect(el.shadowRoot!.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal(
        tabs(el)[1]!.id,
      );
      await expect(el).to.be.accessible();
    });

    it('switches lists when the agent clicks a tab', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true });
      const changes = record<{ list: string }>(el, 'conv-list-change');
      await clickCenter(tabs(el)[2]!);
      await el.updateComplete;
      expect(el.list).to.equal('history');
      expect(el.getAttribute('list')).to.equal('history');
      expect(names(el)).to.include('Tom Fischer');
      expect(changes.map((event) => event.detail.list)).to.deep.equal(['history']);
    });

    it('moves between tabs with the arrow keys, Home and End', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true });
      tabs(el)[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.list).to.equal('picklist');
      expect(focused()).to.equal(tabs(el)[1]);
      expect(buttonIn(items(el)[0], 'Pick')).to.exist;
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(el.list).to.equal('history');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.list, 'wraps around').to.equal('conversations');
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.list).to.equal('history');
      expect(focused()).to.equal(tabs(el)[2]);
    });

    it('mirrors the arrow keys right-to-left', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true, dir: 'rtl' });
      tabs(el)[0]!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.list).to.equal('picklist');
    });
  });

  describe('picking and offers', () => {
    it('moves a picked conversation to Conversations before the backend answers', async () => {
      const { store, adapter } = await workspace();
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      const hannah = itemNamed(el, 'Hannah Wright')!;
      adapter.faults.hangNext(1);
      await clickCenter(buttonIn(hannah, 'Pick')!);
      await el.updateComplete;
      expect(names(el)).to.not.include('Hannah Wright');
      await clickCenter(tabs(el)[0]!);
      await el.updateComplete;
      expect(names(el)).to.include('Hannah Wright');
    });

    it('keeps a picked conversation in Conversations once the backend confirms it', async () => {
      const { store, backend } = await workspace();
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      const id = store.list('picklist')[0]!.id;
      await clickCenter(buttonIn(itemNamed(el, 'Hannah Wright'), 'Pick')!);
      await waitUntil(
        () => backend.conversations().find((c) => c.id === id)!.status === 'active',
        'the backend did not get the pick',
      );
      await settle(el);
      expect(store.list('conversations').some((c) => c.id === id)).to.equal(true);
      expect(noticeText(el)).to.equal('');
    });

    it('puts the conversation back in the Picklist and says why when another agent was first', async () => {
      const { store, adapter } = await workspace();
      const el = await renderList(store, { list: 'picklist' });
      adapter.faults.failNext(1, 'conflict');
      await clickCenter(buttonIn(itemNamed(el, 'Hannah Wright'), 'Pick')!);
      await waitUntil(
        () => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim() !== '',
        'no message about the conflict',
      );
      expect(plain(el.shadowRoot!.querySelector('[role="alert"]')!.textContent)).to.equal(
        'Another agent picked this conversation first.',
      );
      expect(names(el)[0]).to.equal('Hannah Wright');
      await expect(el).to.be.accessible();
    });

    it('tells the agent when a colleague picked the same conversation a moment earlier', async () => {
      const { store, backend } = await workspace();
      const colleague = await connect(backend, COLLEAGUE_AGENT);
      const el = await renderList(store, { list: 'picklist' });
      const id = store.list('picklist')[0]!.id;
      const pick = buttonIn(itemNamed(el, 'Hannah Wright'), 'Pick')!;
      await colleague.store.pick(id);
      // The agent taps Pick before the news of the colleague's pick has reached this page.
      pick.click();
      await waitUntil(
        () =>
          plain(el.shadowRoot!.querySelector('[role="alert"]')!.textContent) ===
          'Another agent picked this conversation first.',
        'no message about the conflict',
      );
      await waitUntil(() => !itemNamed(el, 'Hannah Wright'), 'the colleague’s conversation stayed in the Picklist');
      expect(store.list('conversations').some((c) => c.id === id)).to.equal(false);
    });

    it('accepts an offer: it becomes one of the agent’s conversations', async () => {
      const { store, backend } = await workspace();
      const el = await renderList(store);
      const camille = itemNamed(el, 'Camille Dubois')!;
      await clickCenter(buttonIn(camille, 'Accept')!);
      await el.updateComplete;
      const accepted = itemNamed(el, 'Camille Dubois')!;
      expect(buttonIn(accepted, 'Accept')).to.not.exist;
      expect(buttonIn(accepted, 'More actions')).to.exist;
      const id = store.list('conversations').find((c) => c.customer.name === 'Camille Dubois')!.id;
      await waitUntil(
        () => backend.conversations().find((c) => c.id === id)!.status === 'active',
        'the backend did not get the accept',
      );
    });

    it('rejects an offer: it leaves the agent’s list', async () => {
      const { store, backend } = await workspace();
      const el = await renderList(store);
      const id = store.list('offered').find((c) => c.customer.name === 'Oliver Bennett')!.id;
      await clickCenter(buttonIn(itemNamed(el, 'Oliver Bennett'), 'Reject')!);
      await el.updateComplete;
      expect(names(el)).to.not.include('Oliver Bennett');
      await waitUntil(
        () => backend.conversations().find((c) => c.id === id)!.status === 'queued',
        'the backend did not get the reject',
      );
    });

    it('keeps keyboard focus in the list when a picked item leaves it', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'picklist' });
      buttonIn(items(el)[0], 'Pick')!.focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(names(el)[0]).to.equal('Javier López');
      expect(focused()).to.equal(items(el)[0]!.querySelector('.select'));
    });
  });

  describe('selection and keyboard', () => {
    it('selects an item on click and tells the host once', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const selections = record<{ conversationId: string }>(el, 'conv-select');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      await clickCenter(itemNamed(el, 'Emma Clarke')!.querySelector('.name')!);
      await el.updateComplete;
      expect(selections.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
      expect(el.selectedId).to.equal(emma.id);
      expect(el.getAttribute('selected-id')).to.equal(emma.id);
      expect(itemNamed(el, 'Emma Clarke')!.querySelector('.select')!.getAttribute('aria-current')).to.equal('true');
    });

    it('selects the focused item with Enter or Space', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'history' });
      const selections = record<{ conversationId: string }>(el, 'conv-select');
      const history = store.list('history');
      items(el)[0]!.querySelector<HTMLElement>('.select')!.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(selections.map((event) => event.detail.conversationId)).to.deep.equal([history[0]!.id, history[1]!.id]);
      expect(el.selectedId).to.equal(history[1]!.id);
    });

    it('shows the host’s selection', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const grace = store.list('conversations').find((c) => c.customer.name === 'Grace Kim')!;
      el.setAttribute('selected-id', grace.id);
      await el.updateComplete;
      expect(itemNamed(el, 'Grace Kim')!.querySelector('.select')!.getAttribute('aria-current')).to.equal('true');
      expect(el.shadowRoot!.querySelectorAll('[aria-current]')).to.have.length(1);
    });

    it('moves focus over the items with the arrow keys, Home and End, one Tab stop for the whole list', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'picklist' });
      const selects = () => items(el).map((item) => item.querySelector<HTMLElement>('.select')!);
      expect(selects().filter((select) => select.tabIndex === 0)).to.have.length(1);
      selects()[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focused()).to.equal(selects()[2]);
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(focused()).to.equal(selects()[1]);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(focused()).to.equal(selects().at(-1));
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(focused()).to.equal(selects()[0]);
      expect(selects().filter((select) => select.tabIndex === 0)).to.deep.equal([selects()[0]]);
    });

    it('opens the item menu with the ContextMenu key and ends a chat from it', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const ends = record<{ conversationId: string }>(el, 'conv-request-end');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      const select = itemNamed(el, 'Emma Clarke')!.querySelector<HTMLElement>('.select')!;
      select.focus();
      await sendKeys({ press: 'ContextMenu' });
      await el.updateComplete;
      expect(menu(el).matches(':popover-open')).to.equal(true);
      expect(menuItems(el)).to.deep.equal(['Internal notes', 'End chat']);
      expect(plain(focused()!.textContent)).to.equal('Internal notes');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowDown' });
      expect(plain(focused()!.textContent)).to.equal('End chat');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(ends.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
      expect(ends[0]!.cancelable).to.equal(true);
      expect(menu(el).matches(':popover-open')).to.equal(false);
    });

    it('opens the item menu with Shift+F10 and Escape gives focus back to the item', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'history' });
      const select = items(el)[0]!.querySelector<HTMLElement>('.select')!;
      select.focus();
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'F10' });
      await sendKeys({ up: 'Shift' });
      await el.updateComplete;
      expect(menuItems(el), 'History offers notes only').to.deep.equal(['Internal notes']);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(menu(el).matches(':popover-open')).to.equal(false);
      expect(focused()).to.equal(select);
    });

    it('opens internal notes from the More actions button', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'picklist' });
      const notes = record<{ conversationId: string }>(el, 'conv-open-notes');
      const more = buttonIn(items(el)[0], 'More actions')!;
      expect(more.getAttribute('aria-haspopup')).to.equal('menu');
      await clickCenter(more);
      await el.updateComplete;
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      expect(menuItems(el)).to.deep.equal(['Internal notes']);
      await clickCenter(menu(el).querySelector('[role="menuitem"]')!);
      await el.updateComplete;
      expect(notes.map((event) => event.detail.conversationId)).to.deep.equal([store.list('picklist')[0]!.id]);
      expect(more.getAttribute('aria-expanded')).to.equal('false');
    });

    it('reaches End chat from the More actions button with the keyboard alone', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const ends = record<{ conversationId: string }>(el, 'conv-request-end');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      itemNamed(el, 'Emma Clarke')!.querySelector<HTMLElement>('.select')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()!.getAttribute('aria-label')).to.equal('More actions');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Enter' });
      expect(ends.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
    });
  });

  describe('swipe', () => {
    it('reveals More and End chat on a half swipe left', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const selections = record(el, 'conv-select');
      const emma = itemNamed(el, 'Emma Clarke')!;
      await swipe(emma, -120);
      await el.updateComplete;
      const actions = emma.querySelector('[part~="actions"]')!;
      expect([...actions.querySelectorAll('button')].map((button) => plain(button.textContent))).to.deep.equal([
        'More',
        'End chat',
      ]);
      // Their styles come with the swipe's drag: the actions lie behind the item, at its end edge, 88 px each.
      expect(getComputedStyle(actions).position).to.equal('absolute');
      expect(Math.round(actions.getBoundingClientRect().right)).to.equal(
        Math.round(emma.getBoundingClientRect().right),
      );
      for (const button of actions.querySelectorAll('button'))
        expect(button.getBoundingClientRect().width).to.be.at.least(88);
      const face = emma.querySelector('.face')!;
      expect(face.getBoundingClientRect().right).to.be.below(emma.getBoundingClientRect().right - 100);
      expect(selections, 'a swipe is not a selection').to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('reveals More and End chat on a half swipe with a finger', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const requests = record(el, 'conv-request-end');
      const emma = itemNamed(el, 'Emma Clarke')!;
      await fingerSwipe(el, emma, -120);
      expect(emma.querySelector('.face')!.getBoundingClientRect().right, 'the item slid under the finger').to.be.below(
        emma.getBoundingClientRect().right - 100,
      );
      expect(
        [...emma.querySelector('[part~="actions"]')!.querySelectorAll('button')].map((button) =>
          plain(button.textContent),
        ),
      ).to.deep.equal(['More', 'End chat']);
      expect(requests).to.have.length(0);
    });

    it('asks to end the chat on a full swipe with a finger', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const requests = record<{ conversationId: string }>(el, 'conv-request-end');
      const emma = itemNamed(el, 'Emma Clarke')!;
      await fingerSwipe(el, emma, -Math.round(emma.getBoundingClientRect().width * 0.75));
      await waitUntil(() => requests.length === 1, 'a full swipe asks to end the chat');
      expect(requests[0]!.detail.conversationId).to.equal(
        store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!.id,
      );
    });

    it('leaves the item in place after a short drag', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const emma = itemNamed(el, 'Emma Clarke')!;
      await swipe(emma, -30);
      await el.updateComplete;
      expect(emma.querySelector('[part~="actions"]')).to.equal(null);
    });

    it('opens internal notes from More after a half swipe', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const notes = record<{ conversationId: string }>(el, 'conv-open-notes');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      const item = itemNamed(el, 'Emma Clarke')!;
      await swipe(item, -120);
      await el.updateComplete;
      await clickCenter(buttonIn(item, 'More')!);
      await el.updateComplete;
      expect(menuItems(el)).to.deep.equal(['Internal notes']);
      await expect(el).to.be.accessible();
      await clickCenter(menu(el).querySelector('[role="menuitem"]')!);
      await el.updateComplete;
      expect(notes.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
      expect(item.querySelector('[part~="actions"]'), 'the item closes again').to.equal(null);
    });

    it('asks to end the chat from End chat after a half swipe', async () => {
      const { store, backend } = await workspace();
      const el = await renderList(store);
      const ends = record<{ conversationId: string }>(el, 'conv-request-end');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      const item = itemNamed(el, 'Emma Clarke')!;
      await swipe(item, -120);
      await el.updateComplete;
      await clickCenter(buttonIn(item, 'End chat')!);
      await el.updateComplete;
      expect(ends.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
      expect(
        backend.conversations().find((c) => c.id === emma.id)!.status,
        'only the host’s confirmation ends it',
      ).to.equal('active');
    });

    it('asks to end the chat on a full swipe left', async () => {
      const { store, backend } = await workspace();
      const el = await renderList(store);
      const ends = record<{ conversationId: string }>(el, 'conv-request-end');
      const emma = store.list('conversations').find((c) => c.customer.name === 'Emma Clarke')!;
      const item = itemNamed(el, 'Emma Clarke')!;
      await swipe(item, -Math.round(item.getBoundingClientRect().width * 0.75));
      await el.updateComplete;
      expect(ends.map((event) => event.detail.conversationId)).to.deep.equal([emma.id]);
      expect(item.querySelector('[part~="actions"]')).to.equal(null);
      expect(backend.conversations().find((c) => c.id === emma.id)!.status).to.equal('active');
    });

    it('offers only More on a Picklist or History item, and a full swipe never ends anything there', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { list: 'history' });
      const ends = record(el, 'conv-request-end');
      const item = items(el)[0]!;
      await swipe(item, -Math.round(item.getBoundingClientRect().width * 0.75));
      await el.updateComplete;
      expect(
        [...item.querySelectorAll('[part~="actions"] button')].map((button) => plain(button.textContent)),
      ).to.deep.equal(['More']);
      expect(ends).to.have.length(0);
    });

    it('swipes the other way right-to-left', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { dir: 'rtl' });
      const emma = itemNamed(el, 'Emma Clarke')!;
      await swipe(emma, -120, 'left');
      await el.updateComplete;
      expect(emma.querySelector('[part~="actions"]'), 'a swipe left does nothing right-to-left').to.equal(null);
      await swipe(emma, 120, 'left');
      await el.updateComplete;
      const actions = emma.querySelector('[part~="actions"]')!;
      expect(actions).to.exist;
      expect(actions.getBoundingClientRect().left).to.be.closeTo(emma.getBoundingClientRect().left, 1);
    });

    it('closes a swiped item when the agent presses elsewhere', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true });
      const emma = itemNamed(el, 'Emma Clarke')!;
      await swipe(emma, -120);
      await el.updateComplete;
      await clickCenter(tabs(el)[0]!);
      await el.updateComplete;
      expect(emma.querySelector('[part~="actions"]')).to.equal(null);
    });
  });

  describe('layout and scale', () => {
    it('keeps the DOM small with 2,000 conversations and still reaches the last one', async () => {
      const { store } = await workspace((backend) => {
        for (let index = 0; index < 2000; index++)
          backend.queueConversation({ customer: { id: `bulk-${index}`, name: `Customer ${index}` } });
      });
      const el = await renderList(store, { list: 'picklist' });
      expect(store.list('picklist').length).to.be.greaterThan(2000);
      expect(items(el).length).to.be.greaterThan(3).and.below(100);
      items(el)[0]!.querySelector<HTMLElement>('.select')!.focus();
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      await settle(el);
      expect(plain(focused()!.querySelector('.name')!.textContent)).to.equal('Customer 1999');
      expect(items(el).length).to.be.below(100);
      const last = focused()!.closest('[part~="item"]')!;
      expect(last.getAttribute('aria-posinset')).to.equal(String(store.list('picklist').length));
      expect(last.getAttribute('aria-setsize')).to.equal(String(store.list('picklist').length));
      const viewport = el.shadowRoot!.querySelector('[part~="list"]')!.getBoundingClientRect();
      expect(last.getBoundingClientRect().bottom).to.be.at.most(viewport.bottom + 1);
    });

    it('shows the items a scroll brings into view', async () => {
      const { store } = await workspace((backend) => {
        for (let index = 0; index < 500; index++)
          backend.queueConversation({ customer: { id: `bulk-${index}`, name: `Customer ${index}` } });
      });
      const el = await renderList(store, { list: 'picklist' });
      const viewport = el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
      viewport.scrollTop = viewport.scrollHeight / 2;
      // Browsers fire scroll events with the next frame, which a background tab never draws.
      viewport.dispatchEvent(new Event('scroll'));
      await waitUntil(() => {
        const box = viewport.getBoundingClientRect();
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        return el.shadowRoot!.elementsFromPoint(x, y).some((node) => node.matches('[part~="item"]'));
      }, 'no item under the middle of the scrolled list');
      expect(items(el).length).to.be.below(100);
    });

    it('works on a phone-sized panel: More actions always visible, buttons large enough to tap', async () => {
      await setViewport({ width: 320, height: 640 });
      const { store } = await workspace();
      const el = await renderList(store);
      const camille = itemNamed(el, 'Camille Dubois')!;
      const emma = itemNamed(el, 'Emma Clarke')!;
      const more = buttonIn(emma, 'More actions')!;
      expect(getComputedStyle(more).opacity).to.equal('1');
      for (const button of [more, buttonIn(camille, 'Accept')!, buttonIn(camille, 'Reject')!]) {
        const box = button.getBoundingClientRect();
        expect(box.height).to.be.at.least(44);
        expect(box.width).to.be.at.least(44);
        expect(box.right).to.be.at.most(320);
      }
      expect(emma.querySelector('.select')!.getBoundingClientRect().width).to.be.greaterThan(120);
      await expect(el).to.be.accessible();
      await clickCenter(more);
      await el.updateComplete;
      const box = menu(el).getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right).to.be.at.most(320);
      expect(box.bottom).to.be.at.most(640);
    });

    it('shows More actions on a wide layout when the agent hovers or focuses an item', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const emma = itemNamed(el, 'Emma Clarke')!;
      const more = buttonIn(emma, 'More actions')!;
      expect(getComputedStyle(more).opacity).to.equal('0');
      await sendMouse({ type: 'move', position: center(emma.querySelector('.name')!) });
      expect(getComputedStyle(more).opacity).to.equal('1');
    });

    it('passes an accessibility check for each list', async () => {
      const { store } = await workspace();
      for (const list of ['conversations', 'picklist', 'history']) {
        const el = await renderList(store, { list });
        await expect(el).to.be.accessible();
      }
    });
  });

  describe('offers that time out', () => {
    it('shows the time left on an offer each second, says once when it expires, and shows it in the Picklist after', async () => {
      // Only this offer, so it is in view in either list.
      const backend = createMemoryBackend({ replyDelayMs: false, offerTimeoutMs: 3000 });
      const { store } = await connect(backend);
      const offer = backend.offerConversation(DEFAULT_AGENT.id, { customer: { id: 'cust-tess', name: 'Tess Quinn' } });
      const el = await renderList(store);
      const picklist = await renderList(store, { list: 'picklist' });
      await waitUntil(() => itemNamed(el, 'Tess Quinn'), 'the offer shows');
      const countdown = () => itemNamed(el, 'Tess Quinn')?.querySelector('.countdown');
      const shown = plain(countdown()?.textContent);
      expect(shown).to.match(/^· 0:0[1-3] left$/);
      // The ticking text is for the eye; screen readers hear, once with the item, when the offer expires.
      expect(countdown()!.getAttribute('aria-hidden')).to.equal('true');
      const label = plain(itemNamed(el, 'Tess Quinn')!.querySelector('.select')!.textContent);
      expect(label).to.include(`Offer expires at ${formatTime(offer.offerExpiresAt!)}`);
      await waitUntil(() => plain(countdown()?.textContent) !== shown, 'the time left goes down');
      expect(plain(countdown()?.textContent)).to.match(/^· 0:0[0-2] left$/);
      await expect(el).to.be.accessible();

      await waitUntil(
        () => !itemNamed(el, 'Tess Quinn') && itemNamed(picklist, 'Tess Quinn'),
        'the offer to go back to the Picklist',
      );
      const returned = itemNamed(picklist, 'Tess Quinn')!;
      expect(returned.querySelector('.countdown'), 'a time left in the Picklist').to.equal(null);
      expect(buttonIn(returned, 'Pick'), 'the Pick button').to.exist;
      expect(plain(returned.textContent)).not.to.include('Offer expires');
      await expect(picklist).to.be.accessible();
    });
  });

  describe('focus after an action', () => {
    it('gives focus to the next item after End chat is confirmed from an item’s More actions menu', async () => {
      const { store } = await workspace();
      const { el, dialog } = await renderWithDialog(store);
      const next = nameAfter(el, 'Emma Clarke');
      await clickCenter(buttonIn(itemNamed(el, 'Emma Clarke'), 'More actions')!);
      await el.updateComplete;
      await clickCenter(menu(el).querySelector('.end')!);
      await confirmEnd(el, dialog, 'Emma Clarke');
      expectFocusOnItem(el, next);
    });

    it('gives focus to the next item after End chat is confirmed from the item menu with the keyboard alone', async () => {
      const { store } = await workspace();
      const { el, dialog } = await renderWithDialog(store);
      const next = nameAfter(el, 'Emma Clarke');
      itemFocusTarget(el, 'Emma Clarke')!.focus();
      await sendKeys({ press: 'ContextMenu' });
      await el.updateComplete;
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialogShown(dialog), 'the dialog did not open');
      await sendKeys({ press: 'Tab' });
      expect(focused() === dialogButton(dialog, 'confirm'), 'End chat in the dialog has focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialogShown(dialog) && !itemNamed(el, 'Emma Clarke'), 'the chat did not end');
      await settle(el);
      expectFocusOnItem(el, next);
    });

    it('gives focus to the next item after a full swipe with a finger and End chat confirmed', async () => {
      const { store } = await workspace();
      const { el, dialog } = await renderWithDialog(store);
      const next = nameAfter(el, 'Emma Clarke');
      const emma = itemNamed(el, 'Emma Clarke')!;
      await fingerSwipe(el, emma, -Math.round(emma.getBoundingClientRect().width * 0.75));
      await confirmEnd(el, dialog, 'Emma Clarke');
      expectFocusOnItem(el, next);
    });

    it('gives focus to the swiped item when the agent cancels ending its chat', async () => {
      const { store } = await workspace();
      const { el, dialog } = await renderWithDialog(store);
      const emma = itemNamed(el, 'Emma Clarke')!;
      await fingerSwipe(el, emma, -Math.round(emma.getBoundingClientRect().width * 0.75));
      await waitUntil(() => dialogShown(dialog), 'the dialog did not open');
      await clickCenter(dialogButton(dialog, 'cancel'));
      await waitUntil(() => !dialogShown(dialog), 'the dialog stayed');
      await settle(el);
      expectFocusOnItem(el, 'Emma Clarke');
    });

    it('gives focus to the next conversation in the Picklist after Pick', async () => {
      const { store } = await workspace();
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      const [first, next] = names(el);
      await clickCenter(buttonIn(itemNamed(el, first!), 'Pick')!);
      await settle(el);
      expect(names(el)).to.not.include(first);
      expectFocusOnItem(el, next!);
    });

    it('gives focus to the Picklist tab after the last waiting conversation is picked', async () => {
      const { store } = await workspace();
      for (const conversation of store.list('picklist').slice(1)) await store.pick(conversation.id);
      const el = await renderList(store, { tabs: true, list: 'picklist' });
      expect(items(el)).to.have.length(1);
      await clickCenter(buttonIn(items(el)[0], 'Pick')!);
      await settle(el);
      expect(items(el)).to.have.length(0);
      expect(focused() === tabs(el)[1], `focus is on ${focusedItemName(el)}`).to.equal(true);
    });

    it('gives focus to what the empty list says when a list without tabs has no item left', async () => {
      const { store } = await workspace();
      for (const conversation of store.list('picklist').slice(1)) await store.pick(conversation.id);
      const el = await renderList(store, { list: 'picklist' });
      buttonIn(items(el)[0], 'Pick')!.focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(focusedItemName(el)).to.equal('not an item: <p> Nobody is waiting.');
      expect(focused() === el.shadowRoot!.querySelector('[part~="empty"]')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('gives focus to the next item after Reject', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const next = nameAfter(el, 'Oliver Bennett');
      await clickCenter(buttonIn(itemNamed(el, 'Oliver Bennett'), 'Reject')!);
      await settle(el);
      expect(names(el)).to.not.include('Oliver Bennett');
      expectFocusOnItem(el, next);
    });

    it('keeps focus on an accepted conversation and selects it, so the host opens its chat', async () => {
      const { store } = await workspace();
      const el = await renderList(store);
      const selections = record<{ conversationId: string }>(el, 'conv-select');
      const camille = store.list('offered').find((c) => c.customer.name === 'Camille Dubois')!;
      await clickCenter(buttonIn(itemNamed(el, 'Camille Dubois'), 'Accept')!);
      await waitUntil(() => selections.length > 0, 'the accepted conversation was not selected');
      await settle(el);
      expect(selections.map((event) => event.detail.conversationId)).to.deep.equal([camille.id]);
      expect(el.selectedId).to.equal(camille.id);
      expectFocusOnItem(el, 'Camille Dubois');
    });

    it('does not select an accepted offer the agent could not have', async () => {
      const { store, adapter } = await workspace();
      const el = await renderList(store);
      const selections = record(el, 'conv-select');
      adapter.faults.failNext(1, 'conflict');
      await clickCenter(buttonIn(itemNamed(el, 'Camille Dubois'), 'Accept')!);
      await waitUntil(() => buttonIn(itemNamed(el, 'Camille Dubois'), 'Accept'), 'the offer did not come back');
      await settle(el);
      expect(selections).to.have.length(0);
      expectFocusOnItem(el, 'Camille Dubois');
    });
  });
});
