import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Message } from '../../src/core/model.js';
import '../../src/elements/conv-message-list/conv-message-list.js';
import type { ConvMessageList, MessageListRow } from '../../src/elements/conv-message-list/conv-message-list.js';
import { ConvMessage } from '../../src/elements/conv-message/conv-message.js';
import { loadOnFirstUse } from '../../src/elements/shared/load-on-first-use.js';

const START = Date.UTC(2025, 2, 3, 9, 0);
const PARCEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function message(index: number): Message {
  const author = index % 3 === 0 ? 'agent' : 'customer';
  return {
    id: `m${index}`,
    clientId: `m${index}`,
    conversationId: `c${Math.floor(index / 40)}`,
    author,
    authorName: author === 'agent' ? 'Alex Morgan' : 'Emma Clarke',
    text: `Message ${index}. ${'Where is my parcel? '.repeat(index % 9)}`.trim(),
    attachments:
      index % 7 === 0
        ? [
            {
              name: `photo-${index}.png`,
              mimeType: 'image/png',
              size: 70,
              url: PARCEL,
              width: 400 + (index % 5) * 100,
              height: 300,
            },
          ]
        : [],
    location: index % 13 === 0 ? { latitude: 51.5226, longitude: -0.1571 } : undefined,
    sentAt: START + index * 60_000,
    status: author === 'agent' ? 'read' : 'delivered',
  };
}

/** `count` rows: a dated separator above every 40 messages, like a customer's long history. */
function history(count: number): MessageListRow[] {
  const rows: MessageListRow[] = [];
  for (let index = 0; rows.length < count; index++) {
    if (index % 40 === 0)
      rows.push({ kind: 'separator', key: `conversation:c${index / 40}`, label: `Conversation number ${index / 40}` });
    if (rows.length < count) rows.push({ kind: 'message', key: `m${index}`, message: message(index) });
  }
  return rows;
}

async function renderList(items: MessageListRow[]): Promise<ConvMessageList> {
  const el = await fixture<ConvMessageList>(
    html`<conv-message-list style="height: 600px; width: 400px" .items=${items}></conv-message-list>`,
  );
  await settled(el);
  return el;
}

async function settled(el: ConvMessageList): Promise<void> {
  for (let frame = 0; frame < 4; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
  }
}

const scrollerOf = (el: ConvMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!;
const renderedRows = (el: ConvMessageList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')];

/** Every node the list put in the page, its messages' shadow roots included. */
function nodesIn(root: ShadowRoot): number {
  let count = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) {
    count++;
    const shadow = (walker.currentNode as Element).shadowRoot;
    if (shadow) count += nodesIn(shadow);
  }
  return count;
}

function topVisibleRow(el: ConvMessageList): { key: string; top: number } {
  const view = scrollerOf(el).getBoundingClientRect();
  const row = renderedRows(el).find((r) => r.getBoundingClientRect().bottom > view.top + 1)!;
  return { key: row.dataset.key!, top: row.getBoundingClientRect().top };
}

const pullIndicator = (el: ConvMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[part~="pull-indicator"]')!;

/** The pull indicator as the agent sees it: hidden, or showing inside the top of the list, armed or not. */
function pullShown(el: ConvMessageList): 'hidden' | 'pulling' | 'armed' {
  const indicator = pullIndicator(el);
  // Letting go slides it back up out of sight; it is gone once hidden.
  if (!indicator.dataset.state) return getComputedStyle(indicator).visibility === 'visible' ? 'pulling' : 'hidden';
  expect(getComputedStyle(indicator).visibility).to.equal('visible');
  const box = indicator.getBoundingClientRect();
  const view = scrollerOf(el).getBoundingClientRect();
  expect(box.bottom, 'the indicator shows below the top edge').to.be.greaterThan(view.top);
  expect(box.width).to.be.greaterThan(0);
  return indicator.dataset.state === 'armed' ? 'armed' : 'pulling';
}

/** A list of `count` rows scrolled to its very top, and the conv-load-earlier events from then on. */
async function atTheTop(count: number): Promise<{ el: ConvMessageList; loads: Event[] }> {
  const el = await renderList(history(count));
  scrollerOf(el).scrollTop = 0;
  await settled(el);
  expect(scrollerOf(el).scrollTop).to.equal(0);
  const loads: Event[] = [];
  el.addEventListener('conv-load-earlier', (event) => loads.push(event));
  return { el, loads };
}

/** A point in the middle of the list, `dy` px below its top edge. */
function nearTheTop(el: ConvMessageList, dy: number): [number, number] {
  const box = scrollerOf(el).getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + dy)];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const indicatorGone = (el: ConvMessageList) =>
  waitUntil(() => pullShown(el) === 'hidden', 'the pull indicator stayed after the finger let go');

describe('<conv-message-list>', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('keeps fewer than 1,000 nodes in the page with 10,000 rows, wherever the agent scrolls', async () => {
    const items = history(10_000);
    const el = await renderList(items);
    expect(items).to.have.length(10_000);
    expect(nodesIn(el.shadowRoot!)).to.be.lessThan(1000);
    for (const fraction of [0.5, 0.1, 0]) {
      const scroller = scrollerOf(el);
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * fraction;
      await settled(el);
      expect(nodesIn(el.shadowRoot!)).to.be.lessThan(1000);
    }
  });

  it('opens at the newest message', async () => {
    const items = history(10_000);
    const el = await renderList(items);
    const scroller = scrollerOf(el);
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.at.most(1);
    const last = renderedRows(el).at(-1)!;
    expect(last.dataset.key).to.equal(items.at(-1)!.key);
    expect(last.getBoundingClientRect().bottom).to.be.closeTo(scroller.getBoundingClientRect().bottom, 1);
    expect(last.getAttribute('aria-setsize')).to.equal('10000');
    expect(last.getAttribute('aria-posinset')).to.equal('10000');
  });

  it('shows the rows at any scroll position, with no blank space in the viewport', async () => {
    const el = await renderList(history(10_000));
    const scroller = scrollerOf(el);
    scroller.scrollTop = scroller.scrollHeight / 2;
    await settled(el);
    const view = scroller.getBoundingClientRect();
    const rows = renderedRows(el).map((r) => r.getBoundingClientRect());
    expect(rows[0]!.top).to.be.at.most(view.top);
    expect(rows.at(-1)!.bottom).to.be.at.least(view.bottom);
    const index = Number(renderedRows(el)[0]!.getAttribute('aria-posinset'));
    expect(index).to.be.within(2000, 8000);
  });

  it('moves the content exactly as far as the agent scrolls up, through rows never shown before', async () => {
    const el = await renderList(history(10_000));
    const scroller = scrollerOf(el);
    for (let step = 0; step < 40; step++) {
      const before = topVisibleRow(el);
      scroller.scrollTop -= 250;
      await settled(el);
      const row = renderedRows(el).find((r) => r.dataset.key === before.key)!;
      expect(row.getBoundingClientRect().top - before.top, `step ${step}`).to.equal(250);
      const view = scroller.getBoundingClientRect();
      expect(renderedRows(el)[0]!.getBoundingClientRect().top, `no blank space at step ${step}`).to.be.at.most(
        view.top,
      );
    }
  });

  it('re-renders only the new message when one is appended', async () => {
    const items = history(10_000);
    const el = await renderList(items);
    const updated = new Set<string>();
    const original = ConvMessage.prototype['updated'];
    ConvMessage.prototype['updated'] = function (this: ConvMessage, ...args: Parameters<typeof original>) {
      updated.add(this.message!.clientId);
      return original.apply(this, args);
    };
    try {
      const next: MessageListRow = {
        kind: 'message',
        key: 'new',
        message: { ...message(20_000), clientId: 'new', text: 'Is anyone there?' },
      };
      el.items = [...items, next];
      await settled(el);
      expect([...updated]).to.deep.equal(['new']);
      expect(renderedRows(el).at(-1)!.dataset.key).to.equal('new');
    } finally {
      ConvMessage.prototype['updated'] = original;
    }
  });

  it('keeps the row at the top of the viewport exactly in place when rows are inserted above it', async () => {
    const items = history(2_000);
    const el = await renderList(items.slice(1_000));
    const scroller = scrollerOf(el);
    scroller.scrollTop = 300;
    await settled(el);
    const before = topVisibleRow(el);
    el.items = items;
    await settled(el);
    const after = renderedRows(el).find((r) => r.dataset.key === before.key)!;
    expect(after.getBoundingClientRect().top - before.top).to.equal(0);
    expect(scroller.scrollTop).to.be.greaterThan(10_000);
  });

  it('keeps keyboard focus in the list when the focused message scrolls out of the window', async () => {
    const el = await renderList(history(10_000));
    const thumbnail = [...el.shadowRoot!.querySelectorAll('conv-message')]
      .map((m) => m.shadowRoot!.querySelector<HTMLElement>('[part~="attachment"]'))
      .findLast(Boolean)!;
    thumbnail.focus();
    scrollerOf(el).scrollTop = 0;
    await settled(el);
    expect(thumbnail.isConnected).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(scrollerOf(el));
  });

  it('reserves the space of images before they load', async () => {
    const withPhoto: MessageListRow = { kind: 'message', key: 'm0', message: message(0) };
    const el = await renderList([withPhoto]);
    const image = el.shadowRoot!.querySelector('conv-message')!.shadowRoot!.querySelector('conv-picture')!;
    await waitUntil(() => image.getBoundingClientRect().height > 0);
    // 400 × 300 shown at most 240 wide.
    expect(image.getBoundingClientRect().width).to.equal(240);
    expect(image.getBoundingClientRect().height).to.equal(180);
  });

  describe('pulling down at the top', () => {
    // The drag loads with the first press at the top. The dev server compiles the chunk on first request, far
    // slower than a built page fetches it: load it first, so the moves below all reach it.
    before(() => loadOnFirstUse());

    it('loads earlier history when the agent pulls down with a finger and lets go, showing the pull as it goes', async () => {
      const { el, loads } = await atTheTop(200);
      const [x, y] = nearTheTop(el, 40);
      await executeServerCommand('touch-down', { at: [x, y] });
      await executeServerCommand('touch-move', { to: [x, y + 40], steps: 4 });
      expect(pullShown(el), 'a short pull shows the indicator, not yet armed').to.equal('pulling');
      await executeServerCommand('touch-move', { to: [x, y + 140], steps: 6 });
      expect(pullShown(el), 'far enough: letting go will load').to.equal('armed');
      expect(loads, 'nothing loads while the finger is still down').to.have.length(0);
      await executeServerCommand('touch-up');
      await waitUntil(() => loads.length > 0, 'letting go did not ask for earlier history');
      await indicatorGone(el);
      expect(loads).to.have.length(1);
    });

    it('loads earlier history on a finger pull in a conversation too short to scroll', async () => {
      const { el, loads } = await atTheTop(3);
      const [x, y] = nearTheTop(el, 40);
      await executeServerCommand('touch-drag', { from: [x, y], to: [x, y + 160], steps: 8 });
      await waitUntil(() => loads.length > 0, 'the pull did not ask for earlier history');
      expect(loads).to.have.length(1);
    });

    it('does nothing when the finger lets go before the indicator is armed', async () => {
      const { el, loads } = await atTheTop(200);
      const [x, y] = nearTheTop(el, 40);
      await executeServerCommand('touch-drag', { from: [x, y], to: [x, y + 30], steps: 3 });
      await indicatorGone(el);
      await pause(100);
      expect(loads).to.have.length(0);
    });

    it('leaves native scrolling to the finger: dragging up scrolls the messages and pulls nothing', async () => {
      const { el, loads } = await atTheTop(200);
      expect(getComputedStyle(scrollerOf(el)).touchAction).to.equal('auto');
      const [x, y] = nearTheTop(el, 400);
      await executeServerCommand('touch-down', { at: [x, y] });
      await executeServerCommand('touch-move', { to: [x, y - 300], steps: 10 });
      expect(pullShown(el)).to.equal('hidden');
      await executeServerCommand('touch-up');
      await waitUntil(() => scrollerOf(el).scrollTop > 100, 'the finger did not scroll the messages');
      expect(loads).to.have.length(0);
    });

    it('loads earlier history when the agent pulls down with the mouse and lets go', async () => {
      const { el, loads } = await atTheTop(200);
      const [x, y] = nearTheTop(el, 20);
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x, y + 30] });
      expect(pullShown(el)).to.equal('pulling');
      await sendMouse({ type: 'move', position: [x, y + 100] });
      expect(pullShown(el)).to.equal('armed');
      expect(loads).to.have.length(0);
      await sendMouse({ type: 'up' });
      expect(loads).to.have.length(1);
      await indicatorGone(el);
    });

    it('loads earlier history when the agent presses Page Up, Home or ArrowUp at the top', async () => {
      const { el, loads } = await atTheTop(200);
      scrollerOf(el).focus();
      for (const key of ['PageUp', 'Home', 'ArrowUp']) await sendKeys({ press: key });
      expect(loads).to.have.length(3);
    });

    it('passes an accessibility check while the agent pulls', async () => {
      const { el } = await atTheTop(200);
      const [x, y] = nearTheTop(el, 40);
      await executeServerCommand('touch-down', { at: [x, y] });
      await executeServerCommand('touch-move', { to: [x, y + 140], steps: 6 });
      try {
        expect(pullShown(el)).to.equal('armed');
        await expect(el).to.be.accessible();
      } finally {
        await executeServerCommand('touch-up');
      }
    });
  });
});
