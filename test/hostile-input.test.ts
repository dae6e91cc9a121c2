/**
 * Hostile and broken input across the whole workspace: markup, scripts, event handlers, javascript:
 * and data: URLs in customer names, messages, notes and file names render as text; right-to-left
 * overrides are isolated; very long words wrap; control characters do no harm.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../src/adapters/memory.js';
import { seededBackend } from './helpers/seed.js';
import { createConversationStore } from '../src/core/store.js';
import '../src/elements/conv-provider/conv-provider.js';
import '../src/elements/conv-list/conv-list.js';
import '../src/elements/conv-chat/conv-chat.js';
import '../src/elements/conv-notes/conv-notes.js';
import type { ConvChat } from '../src/elements/conv-chat/conv-chat.js';
import type { ConvNotes } from '../src/elements/conv-notes/conv-notes.js';

const PWN = 'window.__pwned = true';
const HOSTILE_NAME = `<img src=x onerror="${PWN}">Mallory\u202Egnp.exe`;
const HOSTILE_TEXTS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `<a href="javascript:${PWN}">click</a> javascript:alert(1)`,
  'data:text/html,<script>alert(1)</script>',
  '<svg onload="alert(1)"><circle r=5 /></svg>',
  'Track it at https://track.example.com/RM123456785GB please',
  `control \u0000\u0007\u001b[31m characters \u202E reversed`,
];
const LONG_WORD = 'A'.repeat(4000);

/** Every element under `root`, through every shadow root. */
function allElements(root: Node): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    for (const child of (node as ParentNode).children ?? []) {
      found.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  return found;
}

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/**
 * The chat renders only the messages near its viewport: scroll it from top to bottom and collect
 * every element that was ever rendered, so each assertion sees every hostile message.
 */
async function everythingTheChatShows(chat: HTMLElement): Promise<Element[]> {
  const scroller = allElements(chat).find((el) => el.classList.contains('scroller')) as HTMLElement;
  const seen = new Set<Element>();
  scroller.scrollTop = 0;
  await frames();
  for (let guard = 0; guard < 200; guard++) {
    for (const el of allElements(chat)) seen.add(el);
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
    scroller.scrollTop += scroller.clientHeight / 2;
    await frames();
  }
  for (const el of allElements(chat)) seen.add(el);
  return [...seen];
}

async function hostileWorkspace() {
  const backend = seededBackend({ replyDelayMs: false, seed: 11 });
  const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const store = createConversationStore({ adapter });
  await store.connect();
  const queued = backend.queueConversation({
    customer: { id: 'cust-hostile', name: HOSTILE_NAME },
    text: HOSTILE_TEXTS[0],
  });
  await waitUntil(() => store.conversation(queued.id));
  await store.pick(queued.id);
  for (const text of HOSTILE_TEXTS.slice(1)) backend.customerSays(queued.id, text);
  backend.customerSays(queued.id, 'see file', {
    attachments: [
      {
        name: `"><svg onload=alert(1)>\u202Egnp.exe`,
        mimeType: 'application/octet-stream',
        size: 12,
        url: `javascript:${PWN}`,
      },
    ],
  });
  await store.addNote(queued.id, `<img src=x onerror="${PWN}"> note with javascript:alert(1) and <b>bold</b>`);
  const root = await fixture<HTMLElement>(html`
    <conv-provider .store=${store}>
      <div style="display: grid; grid-template-columns: 300px 420px 300px; height: 1600px">
        <conv-list list="conversations"></conv-list>
        <conv-chat conversation-id=${queued.id}></conv-chat>
        <conv-notes conversation-id=${queued.id}></conv-notes>
      </div>
    </conv-provider>
  `);
  const chat = root.querySelector<ConvChat>('conv-chat')!;
  const notes = root.querySelector<ConvNotes>('conv-notes')!;
  await waitUntil(
    () => store.messages(queued.id).items.length >= HOSTILE_TEXTS.length + 1,
    'the hostile messages arrive',
  );
  await waitUntil(
    () => allElements(chat).some((el) => el.textContent?.includes('Track it at')),
    'the hostile messages render',
  );
  await frames();
  await waitUntil(() => allElements(notes).some((el) => el.getAttribute('part')?.includes('note')), 'the note renders');
  return { root, chat, notes, store, backend, conversationId: queued.id };
}

describe('hostile input', () => {
  afterEach(() => delete (window as { __pwned?: boolean }).__pwned);

  it('runs no script from names, messages, notes or file names', async () => {
    const { root, chat } = await hostileWorkspace();
    const elements = [...allElements(root), ...(await everythingTheChatShows(chat))];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as { __pwned?: boolean }).__pwned).to.be.undefined;
    expect(elements.filter((el) => el.localName === 'script')).to.have.length(0);
    // conv-kit's own icons are decorative (aria-hidden); a customer's <svg> must never become one.
    expect(elements.filter((el) => el.localName === 'svg' && el.getAttribute('aria-hidden') !== 'true')).to.have.length(
      0,
    );
    expect(elements.filter((el) => el.localName === 'img' && el.getAttribute('src') === 'x')).to.have.length(0);
    const handlers = elements.flatMap((el) =>
      [...el.attributes]
        .filter((attribute) => /^on/i.test(attribute.name))
        .map((attribute) => `<${el.localName} ${attribute.name}>`),
    );
    expect(handlers).to.deep.equal([]);
  });

  it('shows the markup as the text the customer typed', async () => {
    const { chat, notes } = await hostileWorkspace();
    const chatText = (await everythingTheChatShows(chat)).map((el) => el.textContent ?? '').join('\n');
    expect(chatText).to.include(`<script>${PWN}</script>`);
    expect(chatText).to.include('<svg onload="alert(1)">');
    const noteText = allElements(notes)
      .map((el) => el.textContent ?? '')
      .join('\n');
    expect(noteText).to.include('<b>bold</b>');
  });

  it('makes only http(s) links clickable, and opens them safely', async () => {
    const { root, chat } = await hostileWorkspace();
    const links = [...allElements(root), ...(await everythingTheChatShows(chat))].filter(
      (el): el is HTMLAnchorElement => el.localName === 'a' && el.hasAttribute('href'),
    );
    expect(links.some((a) => a.href.startsWith('https://track.example.com/'))).to.be.true;
    for (const link of links) {
      expect(new URL(link.href).protocol, link.href).to.match(/^https?:$/);
      if (new URL(link.href).origin !== location.origin)
        expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    }
  });

  it('isolates right-to-left overrides in names so they cannot reorder the text around them', async () => {
    const { chat } = await hostileWorkspace();
    const title = allElements(chat).find((el) => el.getAttribute('part')?.split(' ').includes('title'))!;
    expect(title.textContent).to.include('Mallory');
    expect(title.textContent).to.match(/\u2068[^\u2069]*\u202E[^\u2069]*\u2069/);
  });

  it('wraps a 4,000-character word instead of widening the chat', async () => {
    const { chat, backend, store, conversationId } = await hostileWorkspace();
    backend.customerSays(conversationId, LONG_WORD);
    await waitUntil(() => store.messages(conversationId).items.some((m) => m.text === LONG_WORD));
    await waitUntil(
      () => allElements(chat).some((el) => el.textContent?.includes('AAAAAAAAAA')),
      'the newest message shows at the bottom',
    );
    const bubbles = allElements(chat).filter((el) =>
      el.getAttribute('part')?.split(' ').includes('message'),
    ) as HTMLElement[]; // the long word is the newest message: shown at the bottom
    const long = bubbles.find((el) => el.textContent?.includes('AAAAAAAAAA'));
    expect(long, 'the long word renders').to.exist;
    const chatBox = chat.getBoundingClientRect();
    expect(long!.getBoundingClientRect().right).to.be.at.most(chatBox.right + 1);
    expect(long!.scrollWidth).to.be.at.most(long!.clientWidth + 1);
  });

  it('keeps the customer name with markup as text in the list', async () => {
    const { root } = await hostileWorkspace();
    const list = root.querySelector('conv-list')!;
    const text = allElements(list)
      .map((el) => el.textContent ?? '')
      .join(' ');
    expect(text).to.include('<img src=x onerror=');
    expect(allElements(list).filter((el) => el.localName === 'img')).to.have.length(0);
  });
});
