import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { type MemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import type { Conversation } from '../../src/core/model.js';
import { type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-chat/conv-chat.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvMessageList } from '../../src/elements/conv-message-list/conv-message-list.js';
import type { ConvMessage } from '../../src/elements/conv-message/conv-message.js';
import { clickCenter, focused } from '../helpers/input.js';

interface Workspace {
  backend: MemoryBackend;
  adapter: MemoryAdapter;
  store: ConversationStore;
}

async function workspace({ latencyMs = 0 } = {}): Promise<Workspace> {
  return connectedWorkspace({ latencyMs });
}

/** The seeded conversation of the customer whose name or phone number is given. */
function conversationOf(
  store: ConversationStore,
  who: (c: Conversation) => boolean,
  list: 'conversations' | 'history' | 'picklist' = 'conversations',
): Conversation {
  const conversation = store.list(list).find(who);
  if (!conversation) throw new Error('No such seeded conversation');
  return conversation;
}
const named = (name: string) => (c: Conversation) => c.customer.name === name;
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function renderChat(
  store: ConversationStore,
  conversationId: string | undefined,
  { width = 420, height = 560, dir = 'ltr' } = {},
): Promise<ConvChat> {
  const box = await fixture<HTMLDivElement>(html`
    <div dir=${dir} style="display: flex; flex-direction: column; width: ${width}px; height: ${height}px">
      <conv-chat .store=${store} conversation-id=${conversationId ?? ''}></conv-chat>
    </div>
  `);
  const el = box.querySelector('conv-chat')!;
  if (!conversationId) el.removeAttribute('conversation-id');
  await el.updateComplete;
  if (conversationId) {
    await waitUntil(() => store.messages(conversationId).status === 'loaded', 'the messages did not load');
    await waitUntil(() => shownMessages(el).length > 0, 'no message was shown');
    await settled(el);
  }
  return el;
}

const listOf = (el: ConvChat) => el.shadowRoot!.querySelector<ConvMessageList>('conv-message-list')!;
const scrollerOf = (el: ConvChat) => listOf(el).shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!;
const part = <T extends Element = HTMLElement>(el: ConvChat, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const shownMessages = (el: ConvChat) => [...listOf(el).shadowRoot!.querySelectorAll<ConvMessage>('conv-message')];
const shownSeparators = (el: ConvChat) => [
  ...listOf(el).shadowRoot!.querySelectorAll<HTMLElement>('[part~="separator"]'),
];
const messageShowing = (el: ConvChat, text: string) =>
  shownMessages(el).find((m) => m.shadowRoot!.textContent!.includes(text));
const newMessagesButton = (el: ConvChat) =>
  listOf(el).shadowRoot!.querySelector<HTMLButtonElement>('[part~="new-messages"]');
const menuItems = (el: ConvChat) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];

/** Waits for two frames, so resize observations and the scroll corrections they cause have happened. */
async function settled(el: ConvChat): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await listOf(el).updateComplete;
  }
}

function atBottom(el: ConvChat): boolean {
  const scroller = scrollerOf(el);
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 1;
}

/** Whether the element is inside the visible part of the message list. */
function inView(el: ConvChat, target: Element): boolean {
  const view = scrollerOf(el).getBoundingClientRect();
  const box = target.getBoundingClientRect();
  return box.bottom > view.top && box.top < view.bottom;
}

/** The first row of the list that shows inside the viewport, and where it is. */
function topVisibleRow(el: ConvChat): { key: string; top: number } {
  const view = scrollerOf(el).getBoundingClientRect();
  const row = [...listOf(el).shadowRoot!.querySelectorAll<HTMLElement>('.row')].find(
    (r) => r.getBoundingClientRect().bottom > view.top + 1,
  )!;
  return { key: row.dataset.key!, top: row.getBoundingClientRect().top };
}
const rowTop = (el: ConvChat, key: string) =>
  [...listOf(el).shadowRoot!.querySelectorAll<HTMLElement>('.row')]
    .find((r) => r.dataset.key === key)
    ?.getBoundingClientRect().top;

async function waitForScrollToStop(el: ConvChat): Promise<void> {
  const scroller = scrollerOf(el);
  let last = -1;
  let still = 0;
  await waitUntil(
    () => {
      still = scroller.scrollTop === last ? still + 1 : 0;
      last = scroller.scrollTop;
      return still >= 5;
    },
    'the list kept scrolling',
    { interval: 20 },
  );
}

describe('<conv-chat>', () => {
  before(async () => {
    await setViewport({ width: 1000, height: 800 });
  });

  describe('header', () => {
    it("shows the customer's name and the channel at the top", async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      expect(part(el, 'title').textContent).to.contain('Emma Clarke');
      expect(part(el, 'header').textContent).to.contain('Chat');
    });

    it('shows the phone number when the customer has no name', async () => {
      const { store } = await workspace();
      const byPhone = conversationOf(store, (c) => !c.customer.name && c.customer.phone === '+44 7700 900123');
      const el = await renderChat(store, byPhone.id);
      expect(part(el, 'title').textContent).to.contain('+44 7700 900123');
    });

    it('shows a neutral label when the customer gave neither name nor phone number', async () => {
      const { store } = await workspace();
      const anonymous = conversationOf(store, (c) => !c.customer.name && !c.customer.phone);
      const el = await renderChat(store, anonymous.id);
      expect(
        part(el, 'title')
          .textContent!.replace(/[\u2068\u2069]/g, '')
          .trim(),
      ).to.equal('Customer');
    });

    it("shows a customer's hostile name as text", async () => {
      const { store } = await workspace();
      const mallory = conversationOf(store, (c) => c.customer.name?.startsWith('Mallory') ?? false, 'picklist');
      const el = await renderChat(store, mallory.id);
      expect(part(el, 'title').textContent).to.contain('Mallory <img src=x onerror=alert(1)>');
      expect(part(el, 'title').querySelector('img')).to.equal(null);
    });

    it('says "Select a conversation." when no conversation is chosen', async () => {
      const { store } = await workspace();
      const el = await renderChat(store, undefined);
      expect(part(el, 'empty').textContent).to.equal('Select a conversation.');
      expect(el.shadowRoot!.querySelector('conv-message-list')).to.equal(null);
    });

    it('puts the three-dots button at the top right, and at the top left in a right-to-left page', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const ltr = await renderChat(store, emma.id);
      expect(part(ltr, 'menu-button').getBoundingClientRect().left).to.be.greaterThan(
        part(ltr, 'title').getBoundingClientRect().right,
      );
      const rtl = await renderChat(store, emma.id, { dir: 'rtl' });
      expect(part(rtl, 'menu-button').getBoundingClientRect().right).to.be.lessThan(
        part(rtl, 'title').getBoundingClientRect().left,
      );
    });
  });

  describe('action menu', () => {
    it('opens with Enter, moves with the arrow keys, and Internal notes fires conv-open-notes', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      const button = part<HTMLButtonElement>(el, 'menu-button');
      expect(button.getAttribute('aria-label')).to.equal('Conversation actions');
      expect(button.getAttribute('aria-haspopup')).to.equal('menu');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(part(el, 'menu').hidden).to.equal(false);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(focused()!.textContent?.trim()).to.equal('Internal notes');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()!.textContent?.trim()).to.equal('End chat');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()!.textContent?.trim()).to.equal('Internal notes');
      const opened = oneEvent(el, 'conv-open-notes');
      await sendKeys({ press: 'Enter' });
      const event = await opened;
      expect(event.detail).to.deep.equal({ conversationId: emma.id });
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      expect(part(el, 'menu').hidden).to.equal(true);
      expect(focused()).to.equal(button);
    });

    it('End chat fires a cancelable conv-request-end and leaves the chat to the host', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      part<HTMLButtonElement>(el, 'menu-button').focus();
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(focused()!.textContent?.trim()).to.equal('End chat');
      const requested = oneEvent(el, 'conv-request-end');
      await sendKeys({ press: 'Enter' });
      const event = await requested;
      expect(event.detail).to.deep.equal({ conversationId: emma.id });
      expect(event.cancelable).to.equal(true);
      expect(store.conversation(emma.id)!.status).to.equal('active');
    });

    it('closes with Escape and gives focus back to the three-dots button', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      const button = part<HTMLButtonElement>(el, 'menu-button');
      button.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(part(el, 'menu').hidden).to.equal(false);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(part(el, 'menu').hidden).to.equal(true);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(focused()).to.equal(button);
    });

    it('offers End chat only while the chat is active', async () => {
      const { store } = await workspace();
      const ended = conversationOf(store, named('Tom Fischer'), 'history');
      const el = await renderChat(store, ended.id);
      await clickCenter(part(el, 'menu-button'));
      await el.updateComplete;
      expect(menuItems(el).map((item) => item.textContent?.trim())).to.deep.equal(['Internal notes']);
    });
  });

  describe('messages', () => {
    it("shows the agent's messages at the end side and the customer's at the start, with author and time", async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      const messages = store.messages(emma.id).items;
      const lastAgent = messages.findLast((m) => m.author === 'agent')!;
      const lastCustomer = messages.findLast((m) => m.author === 'customer')!;
      const agentBubble = messageShowing(el, lastAgent.text)!.shadowRoot!.querySelector('[part~="message"]')!;
      const customerBubble = messageShowing(el, lastCustomer.text)!.shadowRoot!.querySelector('[part~="message"]')!;
      const view = scrollerOf(el).getBoundingClientRect();
      expect(view.right - agentBubble.getBoundingClientRect().right).to.be.lessThan(view.width / 4);
      expect(customerBubble.getBoundingClientRect().left - view.left).to.be.lessThan(view.width / 4);
      expect(customerBubble.textContent).to.contain('Emma Clarke');
      const time = customerBubble.querySelector('time')!;
      expect(new Date(time.dateTime).getTime()).to.equal(lastCustomer.sentAt);
      const delivery = messageShowing(el, lastAgent.text)!.shadowRoot!.querySelector('.delivery')!;
      expect(delivery.getAttribute('aria-label')).to.equal('Delivered');
      expect(delivery.querySelector('svg')).to.exist;
    });

    it('shows an image as a thumbnail whose space is reserved before it loads', async () => {
      const { store } = await workspace();
      const byPhone = conversationOf(store, (c) => c.customer.phone === '+44 7700 900123');
      const el = await renderChat(store, byPhone.id);
      const withReceipt = messageShowing(el, 'receipt from the post office')!;
      const thumbnail = withReceipt.shadowRoot!.querySelector<HTMLButtonElement>('[part~="attachment"]')!;
      const image = thumbnail.querySelector('conv-picture')!;
      expect(thumbnail.getAttribute('aria-label')).to.contain('receipt.png');
      // The space is there before any pixel is decoded.
      expect(image.style.aspectRatio).to.equal('30 / 40');
      expect(image.getBoundingClientRect().width).to.equal(30);
      expect(image.getBoundingClientRect().height).to.equal(40);
      // Drawn from the bytes the page holds (a data: URL here), so a strict CSP cannot block it.
      await waitUntil(() => (image.shadowRoot?.querySelector('canvas')?.width ?? 0) > 0, 'the photo is drawn');
    });

    it('opens the full image in a dialog and closes it with Escape', async () => {
      const { store } = await workspace();
      const byPhone = conversationOf(store, (c) => c.customer.phone === '+44 7700 900123');
      const el = await renderChat(store, byPhone.id);
      const withReceipt = messageShowing(el, 'receipt from the post office')!;
      const thumbnail = withReceipt.shadowRoot!.querySelector<HTMLButtonElement>('[part~="attachment"]')!;
      await clickCenter(thumbnail);
      // The full-size view loads on first open.
      await waitUntil(() => withReceipt.shadowRoot!.querySelector('dialog')?.open, 'the image did not open');
      const dialog = withReceipt.shadowRoot!.querySelector('dialog')!;
      expect(dialog.querySelector('conv-picture')!.getAttribute('label')).to.contain('receipt.png');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !withReceipt.shadowRoot!.querySelector('dialog'), 'the image stayed open');
      expect(focused()).to.equal(thumbnail);
    });

    it('shows a shared location as a card with its coordinates and an OpenStreetMap link', async () => {
      const { store } = await workspace();
      const visitor = conversationOf(store, (c) => !c.customer.name && !c.customer.phone);
      const el = await renderChat(store, visitor.id);
      const card = shownMessages(el)
        .map((m) => m.shadowRoot!.querySelector('[part~="location"]'))
        .find((location) => location?.textContent!.includes('53.47940'))!;
      expect(card.textContent).to.contain('53.47940, -2.24530');
      expect(card.textContent).to.contain('Shared location');
      const link = card.querySelector('a')!;
      expect(link.href).to.equal('https://www.openstreetmap.org/?mlat=53.47940&mlon=-2.24530#map=16/53.47940/-2.24530');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.target).to.equal('_blank');
    });

    it('shows system messages in the centre', async () => {
      const { store } = await workspace();
      const ended = conversationOf(store, named('Tom Fischer'), 'history');
      const el = await renderChat(store, ended.id);
      const notice = store.messages(ended.id).items.find((m) => m.author === 'system')!;
      // The notice is worded from the catalog, the agent's name isolated: "⁨Alex Morgan⁩ ended the chat".
      const shown = shownMessages(el).find((m) => m.shadowRoot!.querySelector('[data-author="system"]'))!;
      expect(shown.shadowRoot!.textContent!.replace(/[\u2066-\u2069]/g, '')).to.include(notice.text);
      const bubble = shown.shadowRoot!.querySelector('[part~="message"]')!.getBoundingClientRect();
      const view = scrollerOf(el).getBoundingClientRect();
      expect(Math.abs(bubble.left - view.left - (view.right - bubble.right))).to.be.lessThan(20);
    });

    it('shows hostile text as text and links only http(s) addresses, safely', async () => {
      const { store, backend } = await workspace();
      const jonas = conversationOf(store, named('Jonas Becker'));
      const hostile =
        '<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,<script>alert(1)</script> see https://track.example.com/RM1?x=1';
      backend.customerSays(jonas.id, hostile);
      const el = await renderChat(store, jonas.id);
      await waitUntil(() => messageShowing(el, 'onerror'), 'the message did not show');
      const message = messageShowing(el, 'onerror')!;
      const text = message.shadowRoot!.querySelector('.text')!;
      expect(text.textContent).to.equal(hostile);
      expect(message.shadowRoot!.querySelector('img, script')).to.equal(null);
      const links = [...text.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://track.example.com/RM1?x=1']);
      expect(links[0]!.rel).to.equal('noopener noreferrer');
    });

    it('keeps long words inside the bubble at 320 px wide', async () => {
      const { store, backend } = await workspace();
      const jonas = conversationOf(store, named('Jonas Becker'));
      backend.customerSays(jonas.id, `Tracking: ${'X'.repeat(300)}`);
      const el = await renderChat(store, jonas.id, { width: 320 });
      await waitUntil(() => messageShowing(el, 'XXXX'), 'the message did not show');
      const scroller = scrollerOf(el);
      expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth);
      const bubble = messageShowing(el, 'XXXX')!
        .shadowRoot!.querySelector('[part~="message"]')!
        .getBoundingClientRect();
      expect(bubble.right).to.be.at.most(scroller.getBoundingClientRect().right);
    });
  });

  describe('sending state', () => {
    it('shows Retry and Delete on a message that was not sent, and Retry sends it once', async () => {
      const { store, backend, adapter } = await workspace();
      const jonas = conversationOf(store, named('Jonas Becker'));
      const el = await renderChat(store, jonas.id);
      adapter.faults.failNext(1, 'invalid');
      await store.sendMessage(jonas.id, { text: 'Your refund is on its way.' });
      await waitUntil(
        () =>
          messageShowing(el, 'Your refund is on its way.')?.shadowRoot!.querySelector(
            '.delivery[data-status="failed"]',
          ),
        'the message did not fail',
      );
      const message = messageShowing(el, 'Your refund is on its way.')!;
      expect(message.shadowRoot!.textContent).to.contain('Not sent');
      const buttons = [...message.shadowRoot!.querySelectorAll('button')];
      expect(buttons.map((b) => b.textContent)).to.deep.equal(['Retry', 'Delete']);
      await clickCenter(buttons[0]!);
      await waitUntil(
        () =>
          messageShowing(el, 'Your refund is on its way.')?.shadowRoot!.querySelector(
            '.delivery[data-status="sent"], .delivery[data-status="delivered"]',
          ),
        'the message was not sent',
      );
      expect(backend.sentMessages().filter((m) => m.text === 'Your refund is on its way.')).to.have.length(1);
      expect(messageShowing(el, 'Your refund is on its way.')!.shadowRoot!.querySelector('button')).to.equal(null);
    });

    it('shows the upload progress of a photo, and Cancel upload drops the message', async () => {
      const { store, backend } = await workspace({ latencyMs: 400 });
      const jonas = conversationOf(store, named('Jonas Becker'));
      const el = await renderChat(store, jonas.id);
      const png = Uint8Array.from(atob(ONE_PIXEL_PNG), (char) => char.charCodeAt(0));
      await store.sendMessage(jonas.id, {
        text: 'The label you need',
        files: [{ blob: new Blob([png], { type: 'image/png' }), name: 'label.png', width: 1, height: 1 }],
      });
      await waitUntil(
        () => messageShowing(el, 'The label you need')?.shadowRoot!.querySelector('progress'),
        'no upload progress was shown',
      );
      const message = messageShowing(el, 'The label you need')!;
      expect(message.shadowRoot!.querySelector('progress')!.getAttribute('aria-label')).to.match(/^Uploading \d+%$/);
      const cancel = [...message.shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent === 'Cancel upload',
      )!;
      await clickCenter(cancel);
      await waitUntil(() => !messageShowing(el, 'The label you need'), 'the message stayed');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(backend.sentMessages().filter((m) => m.text === 'The label you need')).to.have.length(0);
      expect(backend.uploads()).to.have.length(0);
    });

    it('brings the view down to a message the agent sends while reading further up', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      scrollerOf(el).focus();
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'PageUp' });
      await waitForScrollToStop(el);
      expect(atBottom(el)).to.equal(false);
      await store.sendMessage(emma.id, { text: 'Yes, it can come on Friday.' });
      await waitUntil(() => messageShowing(el, 'Yes, it can come on Friday.'), 'the sent message did not show');
      await settled(el);
      expect(atBottom(el)).to.equal(true);
      expect(newMessagesButton(el)).to.equal(null);
    });

    it('Delete removes a message that was not sent', async () => {
      const { store, backend, adapter } = await workspace();
      const jonas = conversationOf(store, named('Jonas Becker'));
      const el = await renderChat(store, jonas.id);
      adapter.faults.failNext(1, 'invalid');
      await store.sendMessage(jonas.id, { text: 'Wrong customer, sorry.' });
      await waitUntil(
        () =>
          messageShowing(el, 'Wrong customer, sorry.')?.shadowRoot!.querySelector('.delivery[data-status="failed"]'),
        'the message did not fail',
      );
      const remove = [...messageShowing(el, 'Wrong customer, sorry.')!.shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent === 'Delete',
      )!;
      await clickCenter(remove);
      await waitUntil(() => !messageShowing(el, 'Wrong customer, sorry.'), 'the message stayed');
      expect(backend.sentMessages().filter((m) => m.text === 'Wrong customer, sorry.')).to.have.length(0);
    });
  });

  describe('history', () => {
    it('loads earlier messages and then previous conversations when the agent scrolls to the top, under dated separators, oldest at the top', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      const shownBefore = store.messages(emma.id).items.length;
      scrollerOf(el).focus();
      for (let attempt = 0; attempt < 12 && store.previousConversations(emma.id).items.length === 0; attempt++) {
        await sendKeys({ press: 'Home' });
        await waitForScrollToStop(el);
        await settled(el);
      }
      expect(store.messages(emma.id).items.length).to.be.greaterThan(shownBefore);
      expect(store.messages(emma.id).olderCursor).to.equal(undefined);
      await waitUntil(() => shownSeparators(el).length > 0, 'no separator was shown');
      const labels = shownSeparators(el).map((s) => s.textContent!.trim());
      expect(labels[0]).to.match(/^Conversation from (today|yesterday|\S+day\b)/);
      const separatorRows = listOf(el).items.filter((row) => row.kind === 'separator');
      const dates = store.previousConversations(emma.id).items.map((p) => p.conversation.createdAt);
      expect(separatorRows).to.have.length(dates.length + 1);
      expect(dates.slice().sort((a, b) => b - a)).to.deep.equal(dates);
      expect(separatorRows.at(-1)!.key).to.equal(`conversation:${emma.id}`);
    });

    it('keeps the message the agent was reading exactly in place while earlier history is inserted above it', async () => {
      const { store, adapter } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      while (store.messages(emma.id).olderCursor || store.messages(emma.id).status !== 'loaded') {
        await store.loadMessages(emma.id, { older: store.messages(emma.id).status === 'loaded' });
      }
      // The backend answers only when the test says so, so the position can be measured before and after.
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const listPrevious = adapter.listPreviousConversations.bind(adapter);
      adapter.listPreviousConversations = async (...args) => {
        await answered;
        return listPrevious(...args);
      };
      const el = await renderChat(store, emma.id);
      scrollerOf(el).focus();
      for (let attempt = 0; attempt < 5 && store.previousConversations(emma.id).status !== 'loading'; attempt++) {
        await sendKeys({ press: 'Home' });
        await waitForScrollToStop(el);
      }
      expect(store.previousConversations(emma.id).status, 'reaching the top asks for previous conversations').to.equal(
        'loading',
      );
      await settled(el);
      const before = topVisibleRow(el);
      answer();
      await waitUntil(
        () => listOf(el).items.some((row) => row.kind === 'separator'),
        'no previous conversation arrived',
      );
      await settled(el);
      expect(listOf(el).items.findIndex((row) => row.key === before.key)).to.be.greaterThan(0);
      expect(rowTop(el, before.key)! - before.top).to.equal(0);
    });

    it('loads earlier history with the "Show previous conversations" button from the keyboard', async () => {
      const { store } = await workspace();
      const daniel = conversationOf(store, named('Daniel Okafor'));
      const el = await renderChat(store, daniel.id);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.history-button')!;
      expect(button.textContent!.trim()).to.equal('Show previous conversations');
      const before = store.messages(daniel.id).items.length;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.messages(daniel.id).items.length > before, 'no earlier messages were loaded');
    });

    it('loads earlier history when the agent pulls down at the top', async () => {
      const { store } = await workspace();
      const jonas = conversationOf(store, named('Jonas Becker'));
      const el = await renderChat(store, jonas.id);
      expect(scrollerOf(el).scrollTop).to.equal(0);
      const box = scrollerOf(el).getBoundingClientRect();
      const x = Math.round(box.left + box.width / 2);
      await sendMouse({ type: 'move', position: [x, Math.round(box.top + 20)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x, Math.round(box.top + 60)] });
      await sendMouse({ type: 'move', position: [x, Math.round(box.top + 120)] });
      await sendMouse({ type: 'up' });
      await waitUntil(
        () => store.previousConversations(jonas.id).status === 'loaded',
        'pulling down did not ask for earlier history',
      );
    });
  });

  describe('staying at the bottom', () => {
    it('keeps the view at the bottom when the customer writes', async () => {
      const { store, backend } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      expect(atBottom(el)).to.equal(true);
      backend.customerSays(emma.id, 'Is anyone there?');
      await waitUntil(() => messageShowing(el, 'Is anyone there?'), 'the new message did not show');
      await settled(el);
      expect(atBottom(el)).to.equal(true);
      expect(inView(el, messageShowing(el, 'Is anyone there?')!)).to.equal(true);
      expect(newMessagesButton(el)).to.equal(null);
    });

    it('shows a "New messages" button instead of moving when the agent has scrolled up, and the button brings the view down', async () => {
      const { store, backend } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      scrollerOf(el).focus();
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'PageUp' });
      await waitForScrollToStop(el);
      await settled(el);
      expect(atBottom(el)).to.equal(false);
      const reading = topVisibleRow(el);
      backend.customerSays(emma.id, 'Hello? Still there?');
      await waitUntil(() => newMessagesButton(el), 'no "New messages" button appeared');
      await settled(el);
      expect(rowTop(el, reading.key)).to.equal(reading.top);
      expect(newMessagesButton(el)!.textContent).to.contain('New messages');
      await clickCenter(newMessagesButton(el)!);
      await settled(el);
      expect(atBottom(el)).to.equal(true);
      expect(inView(el, messageShowing(el, 'Hello? Still there?')!)).to.equal(true);
      expect(newMessagesButton(el)).to.equal(null);
    });
  });

  describe('rendering', () => {
    it("does not re-render when another conversation's customer writes", async () => {
      const { store, backend } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const jonas = conversationOf(store, named('Jonas Becker'));
      const el = await renderChat(store, emma.id);
      let updates = 0;
      el.addController({ hostUpdated: () => updates++ });
      backend.customerSays(jonas.id, 'Any news on my parcel?');
      await waitUntil(
        () =>
          store.messages(jonas.id).items.some((m) => m.text === 'Any news on my parcel?') ||
          store.conversation(jonas.id)!.lastMessage?.text === 'Any news on my parcel?',
        'the other message did not arrive',
      );
      await settled(el);
      expect(updates).to.equal(0);
      backend.customerSays(emma.id, 'One more thing.');
      await waitUntil(() => updates > 0, 'a message in this conversation did not re-render it');
    });

    it('hands the list the rows it already had when a message arrives or one is confirmed, with only that row new', async () => {
      const { store, backend } = await workspace({ latencyMs: 50 });
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      const before = listOf(el).items;
      backend.customerSays(emma.id, 'One more thing.');
      await waitUntil(() => listOf(el).items.length === before.length + 1, 'the new message did not reach the list');
      const afterArrival = listOf(el).items;
      // The very same row objects (ordered.members compares with ===), in the same order.
      expect(afterArrival.slice(0, before.length)).to.have.ordered.members([...before]);

      const sending = store.sendMessage(emma.id, { text: 'Checking now.' });
      await waitUntil(() => listOf(el).items.length === afterArrival.length + 1, 'the pending message was not shown');
      const pendingRow = listOf(el).items.at(-1)!;
      expect(pendingRow.kind === 'message' && pendingRow.message.status).to.be.oneOf(['pending', 'sending']);
      await sending;
      const sentRow = () => listOf(el).items.find((row) => row.key === pendingRow.key);
      await waitUntil(() => sentRow() !== pendingRow, 'the confirmed message kept its pending row');
      const afterSending = listOf(el).items;
      expect(afterSending.slice(0, afterArrival.length)).to.have.ordered.members([...afterArrival]);
      const sent = sentRow();
      expect(sent?.kind === 'message' && sent.message.status).to.be.oneOf(['sent', 'delivered', 'read']);
    });
  });

  describe('accessibility', () => {
    it('passes axe with messages shown', async () => {
      const { store } = await workspace();
      const byPhone = conversationOf(store, (c) => c.customer.phone === '+44 7700 900123');
      const el = await renderChat(store, byPhone.id);
      await expect(el).to.be.accessible();
    });

    it('passes axe with the action menu open', async () => {
      const { store } = await workspace();
      const emma = conversationOf(store, named('Emma Clarke'));
      const el = await renderChat(store, emma.id);
      part<HTMLButtonElement>(el, 'menu-button').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('passes axe with no conversation chosen', async () => {
      const { store } = await workspace();
      const el = await renderChat(store, undefined);
      await expect(el).to.be.accessible();
    });
  });
});
