/** Arabic mirrored, German's long words in place, Japanese dates: the workspace in three real languages. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/conv-workspace/conv-workspace.js';
import { loadLocale } from '../../src/index.js';
import type { ConversationStore } from '../../src/core/store.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import type { ConvWorkspace } from '../../src/elements/conv-workspace/conv-workspace.js';
import { formatDay, formatTime } from '../../src/elements/shared/format.js';
import { channelName } from '../../src/elements/shared/strings.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import ja from '../../src/locales/ja.js';
import { clickCenter } from '../helpers/input.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { expectNothingClipped, settled, shownText } from './helpers.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const inShadow = <T extends Element>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector)!;
const list = (el: ConvWorkspace) => inShadow<ConvList>(el, 'conv-list');
const chat = (el: ConvWorkspace) => inShadow<ConvChat>(el, 'conv-chat');
const itemOf = (el: ConvWorkspace, id: string) =>
  list(el).shadowRoot!.querySelector<HTMLElement>(`.item[data-id="${id}"]`)!;

async function workspaceIn(lang: string, size: typeof PHONE): Promise<{ el: ConvWorkspace; store: ConversationStore }> {
  await setViewport(size);
  await loadLocale(lang);
  const { store } = await connectedWorkspace();
  const el = await fixture<ConvWorkspace>(html`<conv-workspace lang=${lang} .store=${store}></conv-workspace>`);
  await waitUntil(() => list(el).shadowRoot!.querySelectorAll('.item').length > 0, 'nothing was listed');
  await settled(el);
  return { el, store };
}

async function openChat(el: ConvWorkspace, store: ConversationStore, name?: string): Promise<string> {
  const chosen = store
    .list('conversations')
    .find((c) => c.status === 'active' && c.customer.name && (!name || c.customer.name === name))!;
  await clickCenter(itemOf(el, chosen.id).querySelector<HTMLElement>('.select')!);
  await waitUntil(() => el.conversationId === chosen.id);
  await settled(el);
  return chosen.id;
}

afterEach(() => setViewport({ width: 800, height: 600 }));

describe('Arabic', () => {
  it('mirrors the workspace from lang="ar" alone: the list on the right, names right-aligned, and stays axe clean', async () => {
    const { el, store } = await workspaceIn('ar', DESKTOP);
    expect(el.getAttribute('dir'), 'the language gives the direction when the page names none').to.equal('rtl');
    expect(getComputedStyle(list(el)).direction).to.equal('rtl');
    const listBox = inShadow<HTMLElement>(el, '[part="list-pane"]').getBoundingClientRect();
    const chatBox = inShadow<HTMLElement>(el, '[part="chat-pane"]').getBoundingClientRect();
    expect(listBox.left, 'the list is the first pane from the right').to.be.greaterThan(chatBox.left);
    expect(shownText(el)).to.include(ar.conversations).and.include(ar.picklist);
    await openChat(el, store);
    const conversation = store.conversation(el.conversationId!)!;
    expect(shownText(el)).to.include(channelName(ar, conversation.channel)).and.include(ar.loadPreviousConversations);
    expectNothingClipped(
      el,
      (text) => text.data,
      (text) => !/[\u2068]/.test(text.data),
    );
    await expect(el).to.be.accessible();
  });

  it('mirrors the swipe: a swipe to the right reveals the actions at the item’s left edge', async () => {
    const { el, store } = await workspaceIn('ar', PHONE);
    const mine = store.list('conversations').find((c) => c.status === 'active')!;
    const item = itemOf(el, mine.id);
    const swipe = async (distance: number) => {
      const box = item.getBoundingClientRect();
      const [x, y] = [Math.round(box.left + 70), Math.round(box.y + box.height / 2)];
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x + distance, y] });
      await sendMouse({ type: 'up' });
      for (const animation of item.querySelector('.face')!.getAnimations()) animation.finish();
      await list(el).updateComplete;
    };
    await swipe(-120);
    expect(item.querySelector('[part~="actions"]'), 'a swipe to the left does nothing right to left').to.equal(null);
    await swipe(120);
    const actions = item.querySelector<HTMLElement>('[part~="actions"]')!;
    expect(actions, 'a swipe to the right reveals the actions').to.exist;
    expect(actions.getBoundingClientRect().left).to.be.closeTo(item.getBoundingClientRect().left, 1);
    expect(actions.textContent).to.include(ar.more);
  });

  it('keeps a direction the page sets itself', async () => {
    await loadLocale('ar');
    const { store } = await connectedWorkspace();
    const page = await fixture<HTMLElement>(
      html`<div dir="ltr"><conv-workspace lang="ar" .store=${store}></conv-workspace></div>`,
    );
    const el = page.querySelector('conv-workspace')!;
    await settled(el);
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(el).direction).to.equal('ltr');
    el.lang = 'de';
    page.removeAttribute('dir');
    el.lang = 'ar';
    await waitUntil(() => el.getAttribute('dir') === 'rtl');
    el.lang = 'de';
    await waitUntil(() => !el.hasAttribute('dir'), 'German is not mirrored');
  });
});

describe('German', () => {
  for (const size of [PHONE, DESKTOP])
    it(`fits its longest labels at ${size.width} px: the tabs, the item actions, the chat menu, the notes and the dialog`, async () => {
      const { el, store } = await workspaceIn('de', size);
      const catalogWords = (text: Text) =>
        !/[\u2068]/.test(text.data) && !text.parentElement!.closest('.preview, .name, .text');
      expectNothingClipped(el, (text) => text.data, catalogWords);
      expect(shownText(el)).to.include(de.conversations).and.include(de.picklist);
      await openChat(el, store);
      const menuButton = inShadow<HTMLElement>(chat(el), '[part="menu-button"]');
      menuButton.click();
      await settled(el);
      expect(shownText(el)).to.include(de.internalNotes).and.include(de.endChat);
      expectNothingClipped(el, (text) => text.data, catalogWords);
      [...chat(el).shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].at(-1)!.click();
      const dialog = inShadow<HTMLElement>(el, 'end-chat-dialog');
      await waitUntil(() => dialog.shadowRoot?.querySelector('dialog')?.open, 'the dialog did not open');
      await settled(el);
      expect(shownText(el)).to.include(de.endChatExplanation).and.include(de.cancel);
      expectNothingClipped(el, (text) => text.data, catalogWords);
    });
});

describe('Japanese', () => {
  it('writes times, days and the earlier conversations’ separators as Japanese does', async () => {
    const { el, store } = await workspaceIn('ja', DESKTOP);
    const id = await openChat(el, store, 'Emma Clarke');
    const message = store.messages(id).items.at(-1)!;
    const times = [
      ...chat(el).shadowRoot!.querySelector('conv-message-list')!.shadowRoot!.querySelectorAll('conv-message'),
    ]
      .map((node) => node.shadowRoot?.querySelector('time')?.textContent?.trim())
      .filter(Boolean);
    expect(times).to.include(formatTime(message.sentAt, undefined, 'ja'));
    expect(formatTime(message.sentAt, undefined, 'ja')).to.match(/^\d{1,2}:\d{2}$/);
    const day = formatDay(Date.now() - 24 * 3600 * 1000, Date.now(), 'ja');
    expect(day).to.equal('昨日');
    expect(ja.conversationOn(day)).to.equal('昨日の会話');
    expect(
      ja.conversationOn(formatDay(new Date(2026, 0, 5).getTime(), new Date(2026, 10, 20).getTime(), 'ja')),
    ).to.equal('2026年1月5日月曜日の会話');
    while (store.messages(id).olderCursor) await store.loadMessages(id, { older: true });
    await store.loadPreviousConversations(id);
    await waitUntil(() => store.previousConversations(id).items.length > 0, 'Emma has no earlier conversations');
    await settled(el);
    // The list renders only the rows near its viewport: read the separators' labels from its rows.
    const rows = (
      chat(el).shadowRoot!.querySelector('conv-message-list') as unknown as {
        items: Array<{ kind: string; label?: string }>;
      }
    ).items;
    const separators = rows.filter((row) => row.kind === 'separator').map((row) => row.label!);
    expect(separators.length).to.be.greaterThan(0);
    for (const separator of separators) expect(separator).to.match(/の会話$/);
    expect(shownText(el)).to.include(ja.conversations).and.include(ja.picklist);
  });
});
