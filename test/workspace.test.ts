/**
 * The seed's flows across elements, wired the way the README tells a host page to wire them:
 * Internal notes from the chat's three-dots menu and from a list item's half swipe → More, and End chat
 * from the menu, a half swipe and a full swipe, always confirmed, cancelled once and confirmed once.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { seededBackend } from './helpers/seed.js';
import { connectedWorkspace } from './helpers/workspace.js';
import { type ConversationStore } from '../src/core/store.js';
import '../src/index.js';
import type { ConvChat, ConvList, ConvNotes, EndChatDialog } from '../src/index.js';

interface Workspace {
  store: ConversationStore;
  list: ConvList;
  chat: ConvChat;
  notes: ConvNotes;
  dialog: EndChatDialog;
  ended: string[];
}

/** The host page of the README: selection and notes follow the list and the chat; end requests open the dialog. */
async function workspace(): Promise<Workspace> {
  const { store } = await connectedWorkspace({ backend: seededBackend({ replyDelayMs: false, seed: 21 }) });
  const root = await fixture<HTMLElement>(html`
    <conv-provider .store=${store}>
      <div style="display: grid; grid-template-columns: 360px 1fr 300px; block-size: 700px">
        <conv-list tabs></conv-list>
        <conv-chat></conv-chat>
        <conv-notes></conv-notes>
      </div>
      <end-chat-dialog></end-chat-dialog>
    </conv-provider>
  `);
  const [list, chat, notes, dialog] = [
    root.querySelector('conv-list')!,
    root.querySelector('conv-chat')!,
    root.querySelector('conv-notes')!,
    root.querySelector('end-chat-dialog')!,
  ];
  const ended: string[] = [];
  const show = (id: string) => (chat.conversationId = notes.conversationId = dialog.conversationId = id);
  root.addEventListener('conv-select', (event) => show(event.detail.conversationId));
  root.addEventListener('conv-open-notes', (event) => {
    show(event.detail.conversationId);
    notes.updateComplete.then(() => notes.shadowRoot!.querySelector('textarea')!.focus());
  });
  root.addEventListener('conv-request-end', (event) =>
    Object.assign(dialog, { conversationId: event.detail.conversationId, open: true }),
  );
  root.addEventListener('conv-chat-ended', (event) => ended.push(event.detail.conversationId));
  return { store, list, chat, notes, dialog, ended };
}

const center = (target: Element): [number, number] => {
  const box = target.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
};
const click = (target: Element) => sendMouse({ type: 'click', position: center(target) });
const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const firstItem = (list: ConvList) => list.shadowRoot!.querySelector<HTMLElement>('[part~="item"]:not(:has(.offer))')!;
const buttonNamed = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLElement>('button, [role="menuitem"]')].find(
    (button) => plain(button.textContent) === name || button.getAttribute('aria-label') === name,
  );

async function swipe(item: HTMLElement, distance: number): Promise<void> {
  const box = item.getBoundingClientRect();
  const y = Math.round(box.y + box.height / 2);
  const x = Math.round(box.right - 70);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [x + distance / 2, y] });
  await sendMouse({ type: 'move', position: [x + distance, y] });
  await sendMouse({ type: 'up' });
  for (const animation of item.querySelector('.face')?.getAnimations() ?? []) animation.finish();
}

async function saveNote(notes: ConvNotes, text: string): Promise<void> {
  const field = notes.shadowRoot!.querySelector('textarea')!;
  await click(field);
  await sendKeys({ type: text });
  await click(notes.shadowRoot!.querySelector('[part~="save"]')!);
  await waitUntil(
    () => plain(notes.shadowRoot!.querySelector('[part~="note"]')?.textContent).includes(text),
    'the note shows at the top',
  );
}

async function confirmDialog(dialog: EndChatDialog, choice: 'End chat' | 'Cancel'): Promise<void> {
  await waitUntil(() => dialog.open && dialog.shadowRoot!.querySelector('dialog')?.open, 'the end-chat dialog opens');
  await dialog.updateComplete;
  await click(dialog.shadowRoot!.querySelector(choice === 'End chat' ? '[part~="confirm"]' : '[part~="cancel"]')!);
  await waitUntil(() => !dialog.shadowRoot!.querySelector('dialog')?.open, 'the dialog closes');
}

describe('agent workspace', () => {
  beforeEach(() => setViewport({ width: 1300, height: 800 }));
  afterEach(() => resetMouse());

  it('adds an internal note from the chat’s three-dots menu; it shows at the top', async () => {
    const { list, chat, notes } = await workspace();
    await click(firstItem(list).querySelector('button.select')!);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="menu-button"]'));
    await click(chat.shadowRoot!.querySelector('[part~="menu-button"]')!);
    await click(buttonNamed(chat.shadowRoot!, 'Internal notes')!);
    expect(notes.conversationId).to.equal(chat.conversationId);
    await saveNote(notes, 'Asked for a refund by bank transfer');
    await saveNote(notes, 'Refund approved');
    const shown = [...notes.shadowRoot!.querySelectorAll('[part~="note"]')].map((note) => plain(note.textContent));
    expect(shown[0]).to.include('Refund approved');
    expect(shown[1]).to.include('Asked for a refund by bank transfer');
  });

  it('adds an internal note from a list item’s half swipe → More → Internal notes', async () => {
    const { list, notes, store } = await workspace();
    await click(list.shadowRoot!.querySelector('[role="tab"][data-list="history"]')!);
    const item = firstItem(list);
    const id = item.dataset.id ?? store.list('history')[0]!.id;
    await swipe(item, -120);
    await click(buttonNamed(item, 'More')!);
    await click(buttonNamed(list.shadowRoot!, 'Internal notes')!);
    expect(notes.conversationId).to.equal(id);
    await saveNote(notes, 'Customer came back about the same parcel');
  });

  it('ends a chat from the three-dots menu: cancelled once, then confirmed, and it moves to History', async () => {
    const { list, chat, dialog, store, ended } = await workspace();
    await click(firstItem(list).querySelector('button.select')!);
    const id = chat.conversationId!;
    const openMenuAndEnd = async () => {
      await click(chat.shadowRoot!.querySelector('[part~="menu-button"]')!);
      await click(buttonNamed(chat.shadowRoot!, 'End chat')!);
    };
    await openMenuAndEnd();
    await confirmDialog(dialog, 'Cancel');
    expect(store.conversation(id)?.status).to.equal('active');
    await openMenuAndEnd();
    await confirmDialog(dialog, 'End chat');
    await waitUntil(() => store.list('history').some((c) => c.id === id), 'the chat moves to History');
    expect(ended).to.deep.equal([id]);
  });

  it('ends a chat from a half swipe → End chat, after confirming', async () => {
    const { list, dialog, store, ended } = await workspace();
    const item = firstItem(list);
    const id = item.dataset.id!;
    await swipe(item, -120);
    await click(buttonNamed(item, 'End chat')!);
    await confirmDialog(dialog, 'End chat');
    await waitUntil(() => store.conversation(id)?.status === 'ended', 'the chat ends');
    expect(ended).to.deep.equal([id]);
  });

  it('asks to end a chat on a full swipe, and ends it only when confirmed', async () => {
    const { list, dialog, store, ended } = await workspace();
    const item = firstItem(list);
    const id = item.dataset.id!;
    await swipe(item, -300);
    await confirmDialog(dialog, 'Cancel');
    expect(store.conversation(id)?.status).to.equal('active');
    await swipe(firstItem(list), -300);
    await confirmDialog(dialog, 'End chat');
    await waitUntil(() => store.conversation(id)?.status === 'ended', 'the chat ends');
    expect(ended).to.deep.equal([id]);
  });

  it('speaks the integrator’s words where the strings property replaces the defaults', async () => {
    const { list, chat } = await workspace();
    chat.strings = { endChat: 'Chat beenden', internalNotes: 'Interne Notizen' };
    list.strings = { picklist: 'Warteliste' };
    await click(firstItem(list).querySelector('button.select')!);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="menu-button"]'));
    await click(chat.shadowRoot!.querySelector('[part~="menu-button"]')!);
    const items = [...chat.shadowRoot!.querySelectorAll('[role="menuitem"]')].map((item) => plain(item.textContent));
    expect(items).to.deep.equal(['Interne Notizen', 'Chat beenden']);
    expect(plain(list.shadowRoot!.querySelector('[role="tab"][data-list="picklist"]')!.textContent)).to.match(
      /^Warteliste \d+$/,
    );
    expect(plain(list.shadowRoot!.querySelector('[role="tab"][data-list="history"]')!.textContent)).to.match(
      /^History \d+$/,
    );
  });

  describe('theming', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));
    const surfaceOf = (element: Element) =>
      getComputedStyle(element.shadowRoot!.querySelector('[part~="header"]') ?? element)
        .getPropertyValue('--_surface')
        .trim();

    it('follows the system’s dark mode, and the theme attribute overrides it either way', async () => {
      const { chat, list } = await workspace();
      await click(firstItem(list).querySelector('button.select')!);
      await waitUntil(() => chat.shadowRoot!.querySelector('[part~="header"]'));
      const light = surfaceOf(chat);
      await emulateMedia({ colorScheme: 'dark' });
      const dark = surfaceOf(chat);
      expect(dark).not.to.equal(light);
      chat.theme = 'light';
      await chat.updateComplete;
      expect(surfaceOf(chat)).to.equal(light);
      await emulateMedia({ colorScheme: 'light' });
      chat.theme = 'dark';
      await chat.updateComplete;
      expect(surfaceOf(chat)).to.equal(dark);
    });

    it('takes the integrator’s --conv-* colours', async () => {
      const { list } = await workspace();
      list.style.setProperty('--conv-accent', 'rgb(200, 0, 100)');
      const accept = list.shadowRoot!.querySelector<HTMLElement>('.item-action.primary')!;
      expect(getComputedStyle(accept).backgroundColor).to.equal('rgb(200, 0, 100)');
    });

    it('passes axe, colour contrast included, in dark mode', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const { list, chat } = await workspace();
      await click(firstItem(list).querySelector('button.select')!);
      await waitUntil(() => chat.shadowRoot!.querySelector('[part~="title"]'));
      await expect(list.closest('conv-provider')!).to.be.accessible();
    });
  });

  it('passes axe with the whole workspace on screen', async () => {
    const { list, chat } = await workspace();
    await click(firstItem(list).querySelector('button.select')!);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="title"]'));
    await expect(list.closest('conv-provider')!).to.be.accessible();
  });
});
