import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { ConversationStore } from '../../src/core/store.js';
import type { MemoryBackend } from '../../src/adapters/memory.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import type { ConvNotes } from '../../src/elements/conv-notes/conv-notes.js';
import type { EndChatDialog } from '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import { layoutForWidth, type ConvWorkspace } from '../../src/elements/conv-workspace/conv-workspace.js';
import '../../src/elements/conv-workspace/conv-workspace.js';
import { clickCenter, focused } from '../helpers/input.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { photoFile } from '../fixtures/images.js';

const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 768, height: 1024 },
  desktop: { width: 1440, height: 900 },
} as const;

async function renderWorkspace(
  size: (typeof SIZES)[keyof typeof SIZES],
  attributes: { browserHistory?: boolean } = {},
): Promise<{ el: ConvWorkspace; store: ConversationStore; backend: MemoryBackend }> {
  await setViewport(size);
  const { store, backend } = await connectedWorkspace();
  const el = await fixture<ConvWorkspace>(
    html`<conv-workspace .store=${store} ?browser-history=${attributes.browserHistory}></conv-workspace>`,
  );
  await waitUntil(() => el.layout === layoutForWidth(size.width), 'the layout did not follow the width');
  await waitUntil(() => items(el).length > 0, 'no conversations were listed');
  return { el, store, backend };
}

const inShadow = <T extends Element>(el: ConvWorkspace, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const list = (el: ConvWorkspace) => inShadow<ConvList>(el, 'conv-list');
const chat = (el: ConvWorkspace) => inShadow<ConvChat>(el, 'conv-chat');
const notes = (el: ConvWorkspace) => inShadow<ConvNotes>(el, 'conv-notes');
const dialog = (el: ConvWorkspace) => inShadow<EndChatDialog>(el, 'end-chat-dialog');
/** The confirmation is on the screen (its view loads on first open, so `open` alone does not say so). */
const dialogShown = (el: ConvWorkspace) => !!dialog(el).shadowRoot?.querySelector('dialog')?.open;
const pane = (el: ConvWorkspace, name: 'list' | 'chat' | 'notes') => inShadow<HTMLElement>(el, `[part="${name}-pane"]`);
const items = (el: ConvWorkspace) => [...(list(el).shadowRoot?.querySelectorAll<HTMLElement>('.item .select') ?? [])];
/** The first item of a chat the agent handles (offers come first in Conversations). */
const activeItem = (el: ConvWorkspace, store: ConversationStore) =>
  items(el).find((button) => {
    const id = button.closest<HTMLElement>('.item')!.dataset.id!;
    return store.conversation(id)?.status === 'active';
  })!;
const visible = (node: Element) => node.getBoundingClientRect().width > 0 && node.getBoundingClientRect().height > 0;
const chatInput = (el: ConvWorkspace) =>
  chat(el).shadowRoot!.querySelector('conv-composer')!.shadowRoot!.querySelector('textarea')!;
const chatMenuItem = (el: ConvWorkspace, label: string) =>
  [...chat(el).shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
    (item) => item.textContent!.trim() === label,
  )!;

async function openChatMenuItem(el: ConvWorkspace, label: string): Promise<void> {
  chat(el).shadowRoot!.querySelector<HTMLElement>('[part="menu-button"]')!.click();
  await chat(el).updateComplete;
  chatMenuItem(el, label).click();
}

/** Nothing sticks out sideways, and no pane that shows text is squeezed below 200 px. */
function expectFits(el: ConvWorkspace): void {
  expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
  for (const name of ['list', 'chat', 'notes'] as const) {
    const node = pane(el, name);
    if (!visible(node)) continue;
    expect(node.scrollWidth, `${name} overflows`).to.be.at.most(node.clientWidth);
    expect(node.getBoundingClientRect().width, `${name} is too narrow`).to.be.at.least(200);
  }
}

afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

describe('<conv-workspace>', () => {
  it('chooses its layout by its own width, not the window', () => {
    expect([389, 599, 600, 999, 1000, 1440].map(layoutForWidth)).to.deep.equal([
      'narrow',
      'narrow',
      'medium',
      'medium',
      'wide',
      'wide',
    ]);
  });

  describe('on a desktop (1440×900)', () => {
    it('shows list, chat and notes side by side once a conversation is chosen', async () => {
      const { el, store } = await renderWorkspace(SIZES.desktop);
      expect(visible(pane(el, 'notes'))).to.equal(false);
      await clickCenter(activeItem(el, store));
      await waitUntil(() => visible(pane(el, 'notes')), 'the notes did not show');
      const [listBox, chatBox, notesBox] = (['list', 'chat', 'notes'] as const).map((name) =>
        pane(el, name).getBoundingClientRect(),
      );
      expect(listBox!.right).to.be.at.most(chatBox!.left + 1);
      expect(chatBox!.right).to.be.at.most(notesBox!.left + 1);
      expect(chat(el).conversationId).to.equal(el.conversationId);
      expect(notes(el).conversationId).to.equal(el.conversationId);
      expect(list(el).selectedId).to.equal(el.conversationId);
      expectFits(el);
      await expect(el).to.be.accessible();
    });

    it('closes the notes column, gives focus to the message box, and reopens it from the chat menu', async () => {
      const { el, store } = await renderWorkspace(SIZES.desktop);
      await clickCenter(activeItem(el, store));
      await waitUntil(() => visible(pane(el, 'notes')));
      inShadow<HTMLElement>(el, '[part="close-notes"]').click();
      await waitUntil(() => !visible(pane(el, 'notes')), 'the notes stayed open');
      await waitUntil(() => focused() === chatInput(el), 'focus did not go to the message box');
      await openChatMenuItem(el, 'Internal notes');
      await waitUntil(() => visible(pane(el, 'notes')), 'the notes did not reopen');
      await waitUntil(() => focused() === notes(el).shadowRoot!.querySelector('textarea'), 'focus is not in New note');
    });

    it('asks before ending a chat from the chat menu, and ends it on confirm', async () => {
      const { el, store } = await renderWorkspace(SIZES.desktop);
      await clickCenter(activeItem(el, store));
      const conversationId = el.conversationId!;
      await waitUntil(() => chatInput(el) && !chatInput(el).disabled);
      await openChatMenuItem(el, 'End chat');
      await waitUntil(() => dialogShown(el), 'the dialog did not open');
      expect(dialog(el).conversationId).to.equal(conversationId);
      dialog(el).shadowRoot!.querySelector<HTMLElement>('[part="confirm"]')!.click();
      await waitUntil(() => store.conversation(conversationId)?.status === 'ended', 'the chat did not end');
      await waitUntil(() => focused() !== document.body && focused() !== null, 'focus fell to the page');
    });

    it('puts the caret in the message box of an offer the agent accepts', async () => {
      const { el, store } = await renderWorkspace(SIZES.desktop);
      const accept = [...list(el).shadowRoot!.querySelectorAll<HTMLElement>('.item button')].find(
        (button) => button.textContent!.trim() === 'Accept',
      )!;
      const offered = accept.closest<HTMLElement>('.item')!.dataset.id!;
      await clickCenter(accept);
      await waitUntil(() => store.conversation(offered)?.status === 'active', 'the offer was not accepted');
      await waitUntil(() => el.conversationId === offered, 'the accepted chat was not opened');
      await waitUntil(
        () => chatInput(el) && !chatInput(el).disabled && focused() === chatInput(el),
        'focus did not go to the message box',
      );
    });

    it('leaves ending to a page that prevents conv-request-end', async () => {
      const { el, store } = await renderWorkspace(SIZES.desktop);
      const takeOver = (event: Event) => event.preventDefault();
      document.addEventListener('conv-request-end', takeOver);
      try {
        await clickCenter(activeItem(el, store));
        await waitUntil(() => chatInput(el) && !chatInput(el).disabled);
        await openChatMenuItem(el, 'End chat');
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(dialog(el).open).to.equal(false);
      } finally {
        document.removeEventListener('conv-request-end', takeOver);
      }
    });
  });

  describe('on a tablet (768×1024)', () => {
    it('shows list and chat, and the notes as a sheet over the chat that Escape closes', async () => {
      const { el, store } = await renderWorkspace(SIZES.tablet);
      await clickCenter(activeItem(el, store));
      await waitUntil(() => chatInput(el) && !chatInput(el).disabled);
      expect(visible(pane(el, 'notes'))).to.equal(false);
      expect(pane(el, 'list').getBoundingClientRect().right).to.be.at.most(
        pane(el, 'chat').getBoundingClientRect().left + 1,
      );
      expectFits(el);
      await openChatMenuItem(el, 'Internal notes');
      await waitUntil(() => visible(pane(el, 'notes')), 'the notes sheet did not open');
      const sheet = pane(el, 'notes').getBoundingClientRect();
      const chatBox = pane(el, 'chat').getBoundingClientRect();
      expect(sheet.left).to.be.greaterThan(chatBox.left);
      expect(sheet.right).to.be.closeTo(chatBox.right, 1);
      await waitUntil(() => focused() === notes(el).shadowRoot!.querySelector('textarea'), 'focus is not in New note');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !visible(pane(el, 'notes')), 'Escape did not close the sheet');
      await waitUntil(() => focused() === chatInput(el), 'focus did not return to the message box');
    });
  });

  describe('on a phone (390×844)', () => {
    it('goes list → chat → notes and back, one screen at a time, focus following', async () => {
      const { el, store } = await renderWorkspace(SIZES.phone);
      expect(visible(pane(el, 'list'))).to.equal(true);
      expect(visible(pane(el, 'chat'))).to.equal(false);
      expect(pane(el, 'list').getBoundingClientRect().width).to.be.closeTo(el.getBoundingClientRect().width, 1);
      expectFits(el);
      await expect(el).to.be.accessible();

      const first = activeItem(el, store);
      const chosenId = first.closest<HTMLElement>('.item')!.dataset.id;
      first.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.screen === 'chat' && visible(pane(el, 'chat')), 'the chat did not show');
      expect(visible(pane(el, 'list'))).to.equal(false);
      expect(pane(el, 'chat').getBoundingClientRect().width).to.be.closeTo(el.getBoundingClientRect().width, 1);
      await waitUntil(() => focused() === chatInput(el), 'focus did not go to the message box');
      expectFits(el);
      await expect(el).to.be.accessible();

      await openChatMenuItem(el, 'Internal notes');
      await waitUntil(() => el.screen === 'notes' && visible(pane(el, 'notes')), 'the notes did not show');
      expect(visible(pane(el, 'chat'))).to.equal(false);
      const title = inShadow<HTMLElement>(el, '.notes-customer').textContent!.trim();
      expect(title).to.not.equal('');
      await waitUntil(() => focused() === notes(el).shadowRoot!.querySelector('textarea'), 'focus is not in New note');
      expectFits(el);
      await expect(el).to.be.accessible();

      inShadow<HTMLElement>(el, '[part="notes-bar"] [part="back"]').click();
      await waitUntil(() => el.screen === 'chat' && visible(pane(el, 'chat')), 'Back did not return to the chat');
      await waitUntil(() => focused() === chatInput(el), 'focus did not return to the message box');

      chat(el).querySelector<HTMLElement>('[part="back"]')!.click();
      await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')), 'Back did not return to the list');
      await waitUntil(
        () => focused()?.closest('.item')?.getAttribute('data-id') === chosenId,
        'focus did not return to the conversation in the list',
      );
    });

    it('goes back to the lists after End chat is confirmed, focus in the list', async () => {
      const { el, store } = await renderWorkspace(SIZES.phone);
      await clickCenter(activeItem(el, store));
      const conversationId = el.conversationId!;
      await waitUntil(() => el.screen === 'chat' && chatInput(el) && !chatInput(el).disabled);
      await openChatMenuItem(el, 'End chat');
      await waitUntil(() => dialogShown(el), 'the dialog did not open');
      dialog(el).shadowRoot!.querySelector<HTMLElement>('[part="confirm"]')!.click();
      await waitUntil(() => store.conversation(conversationId)?.status === 'ended', 'the chat did not end');
      await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')), 'the lists did not show again');
      await waitUntil(() => list(el).shadowRoot!.contains(focused()), 'focus is not in the list');
    });

    it("steps back with the browser's back button when browser-history is set", async () => {
      const { el, store } = await renderWorkspace(SIZES.phone, { browserHistory: true });
      await clickCenter(activeItem(el, store));
      await waitUntil(() => el.screen === 'chat');
      // The chat is an entry of its own in the browser's history (its length caps at 50, so the state tells).
      expect((history.state as { convWorkspaceScreen?: string } | null)?.convWorkspaceScreen).to.equal('chat');
      history.back();
      await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')), 'Back did not return to the list');
    });
  });

  it('hands the chosen conversation to a chat given through its slot', async () => {
    await setViewport(SIZES.desktop);
    const { store } = await connectedWorkspace();
    const el = await fixture<ConvWorkspace>(
      html`<conv-workspace .store=${store}><div slot="chat" id="own-chat">The page's own chat</div></conv-workspace>`,
    );
    await waitUntil(() => items(el).length > 0);
    await clickCenter(activeItem(el, store));
    const own = el.querySelector<HTMLElement & { conversationId?: string }>('#own-chat')!;
    await waitUntil(() => own.conversationId === el.conversationId && !!own.conversationId);
    expect(visible(own)).to.equal(true);
    expect(el.shadowRoot!.querySelector('conv-chat')).to.not.equal(null); // the fallback stays, unshown
  });

  it('hands emoji data the host serves itself to its chat', async () => {
    const { store } = await connectedWorkspace();
    const el = await fixture<ConvWorkspace>(
      html`<conv-workspace .store=${store} emoji-data-url="/static/emoji/it.json"></conv-workspace>`,
    );
    expect(chat(el).emojiDataUrl).to.equal('/static/emoji/it.json');
    el.emojiDataUrl = undefined;
    await el.updateComplete;
    expect(chat(el).emojiDataUrl ?? undefined, 'back to conv-kit’s own data').to.equal(undefined);
  });
});

describe('<conv-workspace>: the help page, step by step, at each size', () => {
  for (const [device, size] of Object.entries(SIZES)) {
    it(`on a ${device} (${size.width}×${size.height}): pick, accept, write with an emoji, previous conversations, a note, End chat`, async () => {
      const { el, store } = await renderWorkspace(size);
      const narrow = el.layout === 'narrow';
      const tab = (name: string) =>
        list(el).shadowRoot!.querySelector<HTMLElement>(`[role="tab"][data-list="${name}"]`)!;
      const itemButtonNamed = (label: string) =>
        [...list(el).shadowRoot!.querySelectorAll<HTMLElement>('.item button')].find(
          (button) => button.textContent!.trim() === label,
        );
      const backToList = async () => {
        if (!narrow || el.screen === 'list') return;
        chat(el).querySelector<HTMLElement>('[part="back"]')!.click();
        await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')), 'Back did not return to the list');
      };

      // Picklist → Pick.
      await clickCenter(tab('picklist'));
      await waitUntil(() => itemButtonNamed('Pick'), 'nobody waits in the Picklist');
      const waitingId = itemButtonNamed('Pick')!.closest<HTMLElement>('.item')!.dataset.id!;
      await clickCenter(itemButtonNamed('Pick')!);
      await waitUntil(() => store.conversation(waitingId)?.status === 'active', 'Pick did not take the conversation');
      expectFits(el);

      // Conversations → Accept an offer: the chat opens, ready to write.
      await clickCenter(tab('conversations'));
      await waitUntil(() => itemButtonNamed('Accept'), 'no offer to accept');
      const offeredId = itemButtonNamed('Accept')!.closest<HTMLElement>('.item')!.dataset.id!;
      await clickCenter(itemButtonNamed('Accept')!);
      await waitUntil(
        () => el.conversationId === offeredId && visible(pane(el, 'chat')),
        'the accepted chat did not open',
      );
      await waitUntil(() => focused() === chatInput(el), 'focus did not go to the message box');
      expectFits(el);

      // Write, add an emoji from the picker, send with Enter.
      await sendKeys({ type: 'Hello ' });
      const composer = chat(el).shadowRoot!.querySelector('conv-composer')!;
      composer.shadowRoot!.querySelector<HTMLElement>('[part~="emoji"]')!.click();
      const firstEmoji = () =>
        composer
          .shadowRoot!.querySelector('conv-emoji-picker')
          ?.shadowRoot?.querySelector<HTMLElement>('[role="gridcell"] button');
      await waitUntil(firstEmoji, 'no emoji were shown', { timeout: 15_000 });
      firstEmoji()!.click();
      await waitUntil(() => chatInput(el).value.startsWith('Hello ') && chatInput(el).value.length > 6);
      chatInput(el).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () =>
          store
            .messages(offeredId)
            .items.some((message) => message.author === 'agent' && message.text.startsWith('Hello ')),
        'the message was not sent',
      );
      expectFits(el);
      await expect(el).to.be.accessible();

      // Previous conversations with a returning customer.
      await backToList();
      const returning = store.list('conversations').find((c) => c.customer.name === 'Daniel Okafor')!;
      const returningItem = list(el).shadowRoot!.querySelector<HTMLElement>(
        `.item[data-id="${returning.id}"] .select`,
      )!;
      returningItem.scrollIntoView({ block: 'nearest' }); // as the agent scrolls to it: on a phone it may sit under the fold
      await clickCenter(returningItem);
      await waitUntil(() => el.conversationId === returning.id && visible(pane(el, 'chat')));
      const historyButton = () => chat(el).shadowRoot!.querySelector<HTMLElement>('.history-button');
      await waitUntil(historyButton, 'no "Show previous conversations" button');
      const before = store.messages(returning.id).items.length;
      historyButton()!.click();
      await waitUntil(() => store.messages(returning.id).items.length > before, 'no earlier messages were loaded');

      // Internal notes from the chat menu, saved.
      await openChatMenuItem(el, 'Internal notes');
      await waitUntil(() => visible(pane(el, 'notes')), 'the notes did not show');
      await waitUntil(() => focused() === notes(el).shadowRoot!.querySelector('textarea'), 'focus is not in New note');
      await sendKeys({ type: 'Called back about the invoice' });
      notes(el).shadowRoot!.querySelector<HTMLElement>('[part~="save"]')!.click();
      await waitUntil(
        () => store.notes(returning.id).items.some((note) => note.text === 'Called back about the invoice'),
        'the note was not saved',
      );
      expectFits(el);
      if (narrow) {
        inShadow<HTMLElement>(el, '[part="notes-bar"] [part="back"]').click();
        await waitUntil(() => el.screen === 'chat');
      }

      // End chat from the chat menu, confirmed.
      await openChatMenuItem(el, 'End chat');
      await waitUntil(() => dialogShown(el), 'the dialog did not open');
      dialog(el).shadowRoot!.querySelector<HTMLElement>('[part="confirm"]')!.click();
      await waitUntil(() => store.conversation(returning.id)?.status === 'ended', 'the chat did not end');
      await waitUntil(() => focused() !== null && focused() !== document.body, 'focus fell to the page');
      if (narrow) await waitUntil(() => el.screen === 'list', 'the phone did not return to the lists');
      expectFits(el);
      await expect(el).to.be.accessible();
    });

    it(`on a ${device}: paste, gallery with details and remove, camera, location, notes after a half swipe, End chat by a full swipe`, async () => {
      const { el, store, backend } = await renderWorkspace(size);
      const narrow = el.layout === 'narrow';
      const mine = store.list('conversations').filter((c) => c.status === 'active');
      const [writeTo, endWith] = [mine[0]!, mine[1]!];
      const itemOf = (id: string) => list(el).shadowRoot!.querySelector<HTMLElement>(`.item[data-id="${id}"]`)!;
      await clickCenter(itemOf(writeTo.id).querySelector<HTMLElement>('.select')!);
      await waitUntil(() => el.conversationId === writeTo.id && visible(pane(el, 'chat')));
      const composer = chat(el).shadowRoot!.querySelector('conv-composer')!;
      const inComposer = <T extends Element = HTMLElement>(selector: string) =>
        composer.shadowRoot!.querySelector<T>(selector)!;
      const attachments = () => [...composer.shadowRoot!.querySelectorAll<HTMLElement>('[part~="attachment"]')];

      // Paste: the text arrives as plain text.
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', 'Order 4711');
      chatInput(el).focus();
      chatInput(el).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
      );
      await waitUntil(() => chatInput(el).value === 'Order 4711', 'the pasted text did not arrive');

      // Gallery and camera: what the file chooser hands over shows with its details; one is removed.
      const hand = async (input: HTMLInputElement, file: File) => {
        const files = new DataTransfer();
        files.items.add(file);
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      await hand(inComposer<HTMLInputElement>('input[type="file"][multiple]'), await photoFile('receipt.png'));
      await waitUntil(() => attachments().length === 1, 'the gallery photo was not attached');
      expect(attachments()[0]!.textContent).to.contain('receipt.png');
      expect(attachments()[0]!.textContent).to.contain('PNG');
      expectFits(el);
      await clickCenter(attachments()[0]!.querySelector<HTMLElement>('[part~="remove"]')!);
      await waitUntil(() => attachments().length === 0, 'the photo was not removed');
      await hand(
        inComposer<HTMLInputElement>('input[type="file"][capture]'),
        await photoFile('IMG_0042.jpg', { type: 'image/jpeg', width: 120, height: 90 }),
      );
      await waitUntil(() => attachments().length === 1, 'the camera photo was not attached');
      await clickCenter(inComposer('[part~="send"]'));
      await waitUntil(
        () => backend.sentMessages().some((m) => m.attachments[0]?.name === 'IMG_0042.jpg' && m.text === 'Order 4711'),
        'the photo and the text were not sent',
        { timeout: 10_000 },
      );

      // Location: the position found, then Share location.
      Object.assign(composer, {
        geolocation: {
          getCurrentPosition: (success: PositionCallback) =>
            success({
              coords: { latitude: 60.1699, longitude: 24.9384, accuracy: 20 },
              timestamp: Date.now(),
            } as unknown as GeolocationPosition),
        },
      });
      inComposer('[part~="add"]').click();
      await composer.updateComplete;
      [...composer.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')]
        .find((item) => item.textContent!.includes('Location'))!
        .click();
      await waitUntil(() => composer.shadowRoot!.querySelector('.share-location'), 'Share location did not show');
      expectFits(el);
      inComposer('.share-location').click();
      await waitUntil(
        () => backend.sentMessages().some((m) => m.location?.latitude === 60.1699),
        'the location was not sent',
      );

      // On the list: a half swipe with a finger, More, Internal notes.
      if (narrow) {
        chat(el).querySelector<HTMLElement>('[part="back"]')!.click();
        await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')));
      }
      const fingerSwipe = async (id: string, distance: number) => {
        const box = itemOf(id).getBoundingClientRect();
        const [x, y] = [Math.round(box.right - 70), Math.round(box.y + box.height / 2)];
        await executeServerCommand('touch-drag', { from: [x, y], to: [x + distance, y] });
        for (const animation of itemOf(id).querySelector('.face')!.getAnimations()) animation.finish();
        await list(el).updateComplete;
      };
      await fingerSwipe(endWith.id, -120);
      const more = [...itemOf(endWith.id).querySelectorAll<HTMLElement>('[part~="actions"] button')].find(
        (button) => button.textContent!.trim() === 'More',
      );
      expect(more, 'a half swipe reveals More').to.not.equal(undefined);
      await clickCenter(more!);
      await list(el).updateComplete;
      list(el).shadowRoot!.querySelector<HTMLElement>('[role="menuitem"]')!.click();
      await waitUntil(() => el.conversationId === endWith.id && visible(pane(el, 'notes')), 'the notes did not open');
      expectFits(el);
      if (narrow) {
        inShadow<HTMLElement>(el, '[part="notes-bar"] [part="back"]').click();
        await waitUntil(() => el.screen === 'chat');
        chat(el).querySelector<HTMLElement>('[part="back"]')!.click();
        await waitUntil(() => el.screen === 'list' && visible(pane(el, 'list')));
      }

      // A full swipe asks to end the chat; confirming ends it. First the item finishes sliding shut, as it has for a real finger.
      for (const animation of itemOf(endWith.id).querySelector('.face')!.getAnimations()) animation.finish();
      await fingerSwipe(endWith.id, -Math.round(itemOf(endWith.id).getBoundingClientRect().width * 0.75));
      await waitUntil(
        () => dialogShown(el),
        `a full swipe did not ask to end the chat (${itemOf(endWith.id).className} ${itemOf(endWith.id).querySelector('.face')!.getAttribute('style')} ${itemOf(endWith.id).getBoundingClientRect().width})`,
      );
      dialog(el).shadowRoot!.querySelector<HTMLElement>('[part="confirm"]')!.click();
      await waitUntil(() => store.conversation(endWith.id)?.status === 'ended', 'the chat did not end');
      await waitUntil(() => focused() !== null && focused() !== document.body, 'focus fell to the page');
      expectFits(el);
      await expect(el).to.be.accessible();
    });
  }
});
