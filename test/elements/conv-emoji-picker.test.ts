import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { connectedWorkspace } from '../helpers/workspace.js';
import { createFileTypePolicy } from '../../src/core/file-policy.js';
import { type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-chat/conv-chat.js';
import '../../src/elements/conv-composer/conv-composer.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvComposer } from '../../src/elements/conv-composer/conv-composer.js';
import type { ConvEmojiPicker } from '../../src/elements/conv-emoji-picker/conv-emoji-picker.js';
import type { ConvStrings } from '../../src/elements/shared/strings.js';
import { clickCenter, focused } from '../helpers/input.js';

/** Emoji data a host serves itself: emoji-picker-element-data's file, as the test server serves it from the package. */
const EMOJI_DATA_URL = '/node_modules/emoji-picker-element-data/en/emojibase/data.json';

// Every test in this file shares one origin, so one emoji database: what one test picks, the next may
// find under Frequently used. Assertions say "includes" where that matters.

async function connectedStore(): Promise<{ store: ConversationStore; conversationId: string }> {
  const { store } = await connectedWorkspace({ fileTypePolicy: createFileTypePolicy() });
  return { store, conversationId: store.list('conversations')[0]!.id };
}

/** The composer low on the page, as in a chat: the picker opens above it, in view. */
async function renderComposer(strings: Partial<ConvStrings> = {}): Promise<ConvComposer> {
  const { store, conversationId } = await connectedStore();
  const wrapper = await fixture<HTMLElement>(
    html`<div style="padding-block-start: 30rem">
      <conv-composer .store=${store} .strings=${strings} conversation-id=${conversationId}></conv-composer>
    </div>`,
  );
  const el = wrapper.querySelector('conv-composer')!;
  await el.updateComplete;
  return el;
}

const part = (el: ConvComposer, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const input = (el: ConvComposer) => part(el, 'input') as HTMLTextAreaElement;
const dialog = (el: ConvComposer) => el.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!;
const picker = (el: ConvComposer) => el.shadowRoot!.querySelector<ConvEmojiPicker>('conv-emoji-picker')!;
const inPicker = <T extends Element = HTMLElement>(el: ConvComposer, selector: string) =>
  picker(el)?.shadowRoot?.querySelector<T>(selector) ?? null;
const emojiButtons = (el: ConvComposer) => [
  ...(picker(el)?.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role="gridcell"] button') ?? []),
];
const emojiNames = (el: ConvComposer) => emojiButtons(el).map((button) => button.getAttribute('aria-label'));
const caption = (el: ConvComposer) => inPicker(el, '.caption')!.textContent!.trim();
const tab = (el: ConvComposer, name: string) =>
  [...picker(el).shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')].find(
    (candidate) => candidate.getAttribute('aria-label') === name,
  )!;

const loadedScripts = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);

/** Opens the picker from the emoji button with Enter and waits for the emoji to show. */
async function openWithKeyboard(el: ConvComposer): Promise<void> {
  part(el, 'emoji').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => focused()?.matches('input[type="search"]'), 'the search box did not get focus', {
    timeout: 10_000,
  });
  await waitUntil(() => emojiButtons(el).length > 0, 'no emoji were shown', { timeout: 15_000 });
}

async function search(el: ConvComposer, text: string, firstName: RegExp): Promise<void> {
  await sendKeys({ type: text });
  await waitUntil(() => firstName.test(emojiNames(el)[0] ?? ''), `the search for "${text}" did not find ${firstName}`, {
    timeout: 5000,
  });
}

describe('<conv-emoji-picker>', () => {
  it('loads its code and emoji data only when the agent first opens it', async () => {
    const el = await renderComposer();
    // The composer's own module is listed: the page's loads are being recorded.
    expect(loadedScripts().some((path) => path.endsWith('/conv-composer/conv-composer.ts'))).to.equal(true);
    expect(loadedScripts().some((path) => path.endsWith('/conv-emoji-picker/conv-emoji-picker.ts'))).to.equal(false);
    expect(loadedScripts().some((path) => path.endsWith('/conv-emoji-picker/emoji-picker-view.ts'))).to.equal(false);
    expect(loadedScripts().some((path) => path.includes('/__conv-kit-emoji-data/'))).to.equal(false);

    part(el, 'emoji').click();
    await waitUntil(() => emojiButtons(el).length > 0, 'no emoji were shown', { timeout: 15_000 });
    expect(loadedScripts().some((path) => path.endsWith('/conv-emoji-picker/conv-emoji-picker.ts'))).to.equal(true);
    expect(loadedScripts().some((path) => path.endsWith('/conv-emoji-picker/emoji-picker-view.ts'))).to.equal(true);
    expect(loadedScripts().filter((path) => path.includes('/__conv-kit-emoji-data/'))).to.deep.equal([
      '/__conv-kit-emoji-data/en.js',
    ]);
    expect(dialog(el).hidden).to.equal(false);
  });

  it('opens with Enter on the emoji button and inserts the emoji arrowed to and chosen with Enter at the caret', async () => {
    const el = await renderComposer();
    input(el).focus();
    await sendKeys({ type: 'Hello world' });
    for (let i = 0; i < 'world'.length; i++) await sendKeys({ press: 'ArrowLeft' });

    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(el, 'emoji'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.matches('input[type="search"]'), 'the search box did not get focus', {
      timeout: 10_000,
    });
    await search(el, 'smiling', /^grinning face$/);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(emojiButtons(el)[0]);
    await sendKeys({ press: 'ArrowRight' });
    const second = emojiButtons(el)[1]!;
    expect(focused()).to.equal(second);
    await sendKeys({ press: 'Enter' });

    await waitUntil(
      () => input(el).value === `Hello ${second.textContent!.trim()}world`,
      'the emoji was not inserted at the caret',
    );
    expect(dialog(el).hidden).to.equal(true);
    expect(focused()).to.equal(input(el));
    expect(input(el).selectionStart).to.equal(`Hello ${second.textContent!.trim()}`.length);
  });

  it('closes with Escape from the emoji and puts focus back on the emoji button', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()?.closest('[role="grid"]')).to.not.equal(null);

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(dialog(el).hidden).to.equal(true);
    expect(part(el, 'emoji').getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(part(el, 'emoji'));
  });

  it('moves through the emoji with Home, End, Page Down, Page Up and the arrow keys', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await clickCenter(tab(el, 'Smileys & people'));
    await waitUntil(
      () => caption(el) === 'Smileys & people' && emojiNames(el)[0] === 'grinning face',
      'Smileys & people did not show',
    );
    const buttons = () => emojiButtons(el);
    const columns = buttons().filter(
      (button) => button.getBoundingClientRect().top === buttons()[0]!.getBoundingClientRect().top,
    ).length;
    expect(columns).to.be.at.least(5);

    buttons()[0]!.focus();
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(buttons()[columns - 1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(buttons()[2 * columns - 1]);
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(buttons()[columns]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal(buttons()[0]);

    await sendKeys({ press: 'PageDown' });
    const afterPageDown = buttons().indexOf(focused() as HTMLButtonElement);
    expect(afterPageDown % columns, 'same column').to.equal(0);
    expect(afterPageDown, 'at least a row further').to.be.at.least(columns);
    await sendKeys({ press: 'PageUp' });
    expect(focused()).to.equal(buttons()[0]);

    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    expect(focused()).to.equal(buttons()[buttons().length - 1]);
    // Only the focused emoji is in the Tab order.
    expect(buttons().filter((button) => button.tabIndex === 0)).to.deep.equal([focused()]);
  });

  it('finds the thumbs up by searching for it', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await search(el, 'thumbs up', /^thumbs up$/);
    expect(caption(el)).to.equal('Search results');
    expect(emojiButtons(el)[0]!.textContent!.trim()).to.match(/^👍\uFE0F?$/u);
    expect(inPicker(el, '[role="tablist"]')!.hidden).to.equal(true);
  });

  it('says so when a search finds nothing', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await sendKeys({ type: 'qqzzxx' });
    await waitUntil(
      () => inPicker(el, '[role="status"]')?.textContent?.trim() === 'No emoji found.',
      'no "No emoji found."',
    );
    expect(emojiButtons(el)).to.have.length(0);
  });

  it('switches category with the tabs, by pointer and by arrow keys', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await clickCenter(tab(el, 'Animals & nature'));
    await waitUntil(() => emojiNames(el)[0] === 'monkey face', 'Animals & nature did not show');
    expect(caption(el)).to.equal('Animals & nature');
    expect(tab(el, 'Animals & nature').getAttribute('aria-selected')).to.equal('true');
    expect(focused()).to.equal(tab(el, 'Animals & nature'));

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => emojiNames(el)[0] === 'grapes', 'Food & drink did not show');
    expect(focused()).to.equal(tab(el, 'Food & drink'));
    expect(tab(el, 'Animals & nature').getAttribute('aria-selected')).to.equal('false');

    await sendKeys({ press: 'End' });
    await waitUntil(() => caption(el) === 'Flags' && emojiNames(el).includes('flag: Japan'), 'Flags did not show');
  });

  it('shows what the agent picked under Frequently used', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await search(el, 'pineapple', /^pineapple$/);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input(el).value === '🍍', 'the pineapple was not inserted');

    await openWithKeyboard(el);
    await picker(el).updateComplete;
    expect(inPicker<HTMLInputElement>(el, 'input[type="search"]')!.value, 'the search starts empty again').to.equal('');
    await clickCenter(tab(el, 'Frequently used'));
    await waitUntil(
      () => caption(el) === 'Frequently used' && emojiNames(el).includes('pineapple'),
      'the pineapple is not under Frequently used',
    );
  });

  it('applies the chosen skin tone to the emoji it shows and inserts', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    const skinTone = inPicker<HTMLSelectElement>(el, 'select')!;
    expect(skinTone.getAttribute('aria-label')).to.equal('Skin tone');
    skinTone.focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(skinTone.selectedOptions[0]!.textContent).to.contain('Medium');

    inPicker<HTMLInputElement>(el, 'input[type="search"]')!.focus();
    await search(el, 'thumbs up', /^thumbs up$/);
    expect(emojiButtons(el)[0]!.textContent!.trim()).to.equal('👍🏽');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input(el).value === '👍🏽', 'the thumbs up was not inserted with the skin tone');

    // Back to the default for the tests that follow: the choice is remembered.
    await openWithKeyboard(el);
    skinTone.focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowUp' });
    expect(skinTone.value).to.equal('0');
  });

  it('lays out mirrored right to left, where the right arrow moves back', async () => {
    const el = await renderComposer();
    el.setAttribute('dir', 'rtl');
    await openWithKeyboard(el);
    await clickCenter(tab(el, 'Smileys & people'));
    await waitUntil(() => emojiNames(el)[0] === 'grinning face', 'Smileys & people did not show');
    const [first, second] = emojiButtons(el);
    expect(second!.getBoundingClientRect().left).to.be.lessThan(first!.getBoundingClientRect().left);
    first!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal(second);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal(first);
  });

  it("uses the integrator's wording given to the composer", async () => {
    const el = await renderComposer({
      emojiSearch: 'Emoji suchen',
      emojiAnimalsNature: 'Tiere & Natur',
      emojiSearchResults: 'Suchergebnisse',
    });
    await openWithKeyboard(el);
    expect(inPicker(el, 'input[type="search"]')!.getAttribute('aria-label')).to.equal('Emoji suchen');
    expect(tab(el, 'Tiere & Natur')).to.not.equal(undefined);
    await search(el, 'thumbs up', /^thumbs up$/);
    expect(caption(el)).to.equal('Suchergebnisse');
  });

  it('gives every emoji and category tab a touch target of at least 44 pixels', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    const targets = [
      ...picker(el).shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"], [role="gridcell"] button, input, select'),
    ];
    for (const target of targets.slice(0, 30)) {
      const box = target.getBoundingClientRect();
      expect(box.height, target.getAttribute('aria-label') ?? target.tagName).to.be.at.least(44);
      if (target.matches('button')) expect(box.width, target.getAttribute('aria-label')!).to.be.at.least(44);
    }
  });

  it('opens inside <conv-chat> with the emoji data address given to the chat, and the page styles the emoji button', async () => {
    const { store, conversationId } = await connectedStore();
    const dataUrl = `${EMOJI_DATA_URL}?from=chat`;
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <style>
          conv-chat::part(composer-emoji) {
            background-color: rgb(10, 20, 30);
          }
        </style>
        <conv-chat .store=${store} conversation-id=${conversationId} emoji-data-url=${dataUrl}></conv-chat>
      </div>`,
    );
    const chat = wrapper.querySelector<ConvChat>('conv-chat')!;
    await chat.updateComplete;
    const composer = chat.shadowRoot!.querySelector('conv-composer')!;
    await composer.updateComplete;
    const emojiButton = part(composer, 'emoji');
    expect(getComputedStyle(emojiButton).backgroundColor).to.equal('rgb(10, 20, 30)');

    emojiButton.click();
    await waitUntil(() => emojiButtons(composer).length > 0, 'no emoji were shown', { timeout: 15_000 });
    expect(picker(composer).dataSource).to.equal(dataUrl);
    expect(loadedScripts(), 'the host’s address was read').to.include(new URL(dataUrl, location.href).pathname);
  });

  it('passes an accessibility audit while open', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit while showing search results', async () => {
    const el = await renderComposer();
    await openWithKeyboard(el);
    await search(el, 'thumbs up', /^thumbs up$/);
    await expect(el).to.be.accessible();
  });
});
