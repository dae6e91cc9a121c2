/**
 * The whole workspace in the pseudo-locale en-XA, in each main state: every word on screen comes from
 * the catalog (accented), and nothing is cut off or pushed off screen, on a phone and on a desktop.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/conv-workspace/conv-workspace.js';
import { defaultStrings, loadLocale } from '../../src/index.js';
import type { ConversationStore } from '../../src/core/store.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import type { ConvWorkspace } from '../../src/elements/conv-workspace/conv-workspace.js';
import { pdfFile, photoFile } from '../fixtures/images.js';
import { clickCenter } from '../helpers/input.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import pseudoCatalog, { pseudoLocalize } from '../../src/locales/en-xa.js';
import { expectNothingClipped, settled, shownText, visibleLabels, visibleTextNodes } from './helpers.js';

const pseudo = pseudoCatalog(defaultStrings);

const ACCENTED = /[åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]/;

/** What came from the backend or the agent, not from the catalog: names, messages, notes, file names. */
function dataOf(store: ConversationStore): string[] {
  const data: string[] = [];
  for (const name of ['conversations', 'picklist', 'history'] as const)
    for (const conversation of store.list(name)) {
      data.push(
        conversation.customer.name ?? '',
        conversation.customer.phone ?? '',
        conversation.lastMessage?.text ?? '',
      );
      const histories = [
        store.messages(conversation.id).items,
        ...store.previousConversations(conversation.id).items.map((p) => p.messages),
      ];
      for (const message of histories.flat())
        data.push(
          message.text,
          message.authorName ?? '',
          message.location?.label ?? '',
          ...message.attachments.map((a) => a.name),
        );
      for (const note of store.notes(conversation.id).items) data.push(note.text, note.author.name);
    }
  // Longest first, so a message is taken out whole before a name inside it.
  return data.filter((text) => text.trim().length > 1).sort((a, b) => b.length - a.length);
}

/** Latin letters left over once data, isolated spans, file types and sizes, and what Intl wrote (inside <time>) are taken out. */
function unmarked(text: string, data: readonly string[]): boolean {
  if (ACCENTED.test(text)) return false;
  let rest = text.replace(/\u2068[^\u2069]*\u2069/g, '');
  for (const item of data) rest = rest.split(item).join('');
  // A file's type ("PNG") and size as Intl writes it ("254 bytes", "1.5 kB") describe the file, not the interface.
  rest = rest.replace(/\b[A-Z0-9]{2,5}\b|[\d.,\s]+(bytes?|kB|MB)\b/g, '');
  return /[A-Za-z]{2,}/.test(rest);
}

function expectAllFromCatalog(el: ConvWorkspace, store: ConversationStore, state: string, expected: string[]): void {
  const shown = shownText(el);
  for (const words of expected) expect(shown, `${state}: “${words}” is not shown`).to.include(words);
  const data = dataOf(store);
  const words = visibleTextNodes(el)
    .filter((node) => !node.parentElement!.closest('time'))
    .map((node) => node.data.trim())
    .filter((text) => unmarked(text, data));
  expect(words, `${state}: words not from the catalog`).to.deep.equal([]);
  const labels = visibleLabels(el)
    .filter(({ element }) => !element.closest('time'))
    .map(({ label }) => label)
    .filter((label) => unmarked(label, data));
  expect(labels, `${state}: names not from the catalog`).to.deep.equal([]);
  expectNothingClipped(
    el,
    (text) => `${state}: ${text.data.trim()}`,
    // A list's preview of the last message (a system notice is in the catalog's words) ends in an ellipsis by design.
    (text) =>
      ACCENTED.test(text.data.replace(/\u2068[^\u2069]*\u2069/g, '')) && !text.parentElement!.closest('.preview'),
  );
}

const inShadow = <T extends Element>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector)!;

for (const size of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
])
  describe(`<conv-workspace lang="en-XA"> at ${size.width} px`, () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('shows only the catalog’s words, none of them cut off, in the lists, a chat with every kind of message, the composer with a file and an error, the notes and the dialog', async () => {
      await setViewport(size);
      await loadLocale('en-XA');
      const { store, adapter } = await connectedWorkspace();
      const el = await fixture<ConvWorkspace>(html`<conv-workspace lang="en-XA" .store=${store}></conv-workspace>`);
      const list = inShadow<ConvList>(el, 'conv-list');
      await waitUntil(() => list.shadowRoot!.querySelectorAll('.item').length > 0, 'nothing was listed');
      await settled(el);
      expectAllFromCatalog(el, store, 'Conversations', [pseudo.conversations, pseudo.accept, pseudo.reject]);

      const tabs = [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tab"]')];
      for (const [index, state, expected] of [
        [1, 'Picklist', pseudo.pick],
        [2, 'History', pseudo.history],
        [0, 'Conversations again', pseudo.picklist],
      ] as const) {
        await clickCenter(tabs[index]!);
        await settled(el);
        expectAllFromCatalog(el, store, state, [expected]);
      }

      // A chat with text, a location, a photo, a message that failed and the customer's earlier conversations.
      const chosen = store
        .list('conversations')
        .find((c) => c.status === 'active' && c.customer.name === 'Emma Clarke')!;
      const item = list.shadowRoot!.querySelector<HTMLElement>(`.item[data-id="${chosen.id}"] .select`)!;
      await clickCenter(item);
      await waitUntil(() => el.conversationId === chosen.id);
      await store.sendMessage(chosen.id, {
        text: 'Here is the spot.',
        location: { latitude: 60.1699, longitude: 24.9384 },
      });
      await store.sendMessage(chosen.id, {
        text: '',
        files: [{ blob: await photoFile('label.png'), name: 'label.png', mimeType: 'image/png' }],
      });
      adapter.faults.failNext(1, 'invalid');
      await store.sendMessage(chosen.id, { text: 'This one does not get through.' }).catch(() => undefined);
      await waitUntil(() => store.messages(chosen.id).items.some((m) => m.status === 'failed'), 'no message failed', {
        timeout: 8000,
      });
      await settled(el);
      expectAllFromCatalog(el, store, 'chat', [
        pseudo.failed,
        pseudo.retry,
        pseudo.sharedLocation,
        pseudo.openMap,
        pseudo.loadPreviousConversations,
      ]);

      // The customer's earlier conversations above, each under its dated separator.
      while (store.messages(chosen.id).olderCursor) await store.loadMessages(chosen.id, { older: true });
      await store.loadPreviousConversations(chosen.id);
      await settled(el);
      const messageList = inShadow<HTMLElement>(inShadow(el, 'conv-chat'), 'conv-message-list');
      const scroller = inShadow<HTMLElement>(messageList, '[part~="scroller"]');
      for (let step = 0; step < 20 && !messageList.shadowRoot!.querySelector('[part="separator"]'); step++) {
        scroller.scrollTop -= 2000;
        await settled(el);
      }
      expect(messageList.shadowRoot!.querySelector('[part="separator"]'), 'no separator came into view').to.exist;
      expectAllFromCatalog(el, store, 'earlier conversations', [pseudoLocalize('Conversation from').slice(1, -1)]);

      // The composer with a file in its tray, then a file the policy refuses.
      const chat = inShadow<ConvChat>(el, 'conv-chat');
      const composer = chat.shadowRoot!.querySelector('conv-composer')!;
      const hand = async (file: File) => {
        const input = composer.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"][multiple]')!;
        const files = new DataTransfer();
        files.items.add(file);
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      await hand(await photoFile('receipt.png'));
      await waitUntil(() => composer.shadowRoot!.querySelector('[part~="attachment"]'), 'the photo was not attached');
      await settled(el);
      expectAllFromCatalog(el, store, 'composer with a file', [
        'receipt.png',
        pseudo.attachmentDetails('PNG', '').slice(0, 6),
      ]);
      await hand(pdfFile('terms.pdf'));
      await waitUntil(
        () => composer.shadowRoot!.querySelector('[part~="error"]')?.textContent?.includes('terms.pdf'),
        'the refusal was not shown',
      );
      await settled(el);
      expectAllFromCatalog(el, store, 'a refused file', ['terms.pdf', pseudoLocalize('can’t be sent').slice(1, -1)]);

      // The notes, from the chat's menu.
      inShadow<HTMLElement>(chat, '[part="menu-button"]').click();
      await chat.updateComplete;
      await settled(el);
      expectAllFromCatalog(el, store, 'chat menu', [pseudo.internalNotes, pseudo.endChat]);
      chat.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')[0]!.click();
      await waitUntil(() => el.notesOpen && (size.width > 600 || el.screen === 'notes'), 'the notes did not open');
      await settled(el);
      expectAllFromCatalog(el, store, 'notes', [pseudo.save, pseudo.notesHint]);

      // End chat asks first.
      if (size.width <= 600) el.back();
      await settled(el);
      inShadow<HTMLElement>(chat, '[part="menu-button"]').click();
      await chat.updateComplete;
      [...chat.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].at(-1)!.click();
      const dialog = inShadow<HTMLElement>(el, 'end-chat-dialog');
      await waitUntil(() => dialog.shadowRoot?.querySelector('dialog')?.open, 'the dialog did not open');
      await settled(el);
      expectAllFromCatalog(el, store, 'end-chat dialog', [pseudo.endChatExplanation, pseudo.cancel]);
    });
  });
