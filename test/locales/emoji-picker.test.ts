import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/conv-emoji-picker/conv-emoji-picker.js';
import type { ConvEmojiPicker } from '../../src/elements/conv-emoji-picker/conv-emoji-picker.js';
import { bundledEmojiLanguage } from '../../src/elements/conv-emoji-picker/emoji-data.js';
import { loadLocale } from '../../src/index.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';

const GERMAN_DATA_URL = '/node_modules/emoji-picker-element-data/de/cldr/data.json';
const inPicker = <T extends Element = HTMLElement>(el: ConvEmojiPicker, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const emojiNamed = (el: ConvEmojiPicker, emoji: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="gridcell"] button')].find(
    // Some emoji carry a variation selector (U+FE0F) in the data, some not.
    (button) => button.textContent!.trim().replace(/\uFE0F/g, '') === emoji.replace(/\uFE0F/g, ''),
  );
const names = (el: ConvEmojiPicker) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="gridcell"] button')].map((button) =>
    button.getAttribute('aria-label'),
  );

async function pickerIn(lang: string, dataSource?: string): Promise<ConvEmojiPicker> {
  await loadLocale(lang);
  const el = await fixture<ConvEmojiPicker>(
    dataSource
      ? html`<conv-emoji-picker lang=${lang} data-source=${dataSource}></conv-emoji-picker>`
      : html`<conv-emoji-picker lang=${lang}></conv-emoji-picker>`,
  );
  // An agent who used emoji before (in this browser, in any language) sees Frequently used first: go to the smileys.
  await waitUntil(() => el.shadowRoot!.querySelector('#emoji-tab-smileys-people'), 'the picker did not render');
  el.shadowRoot!.querySelector<HTMLElement>('#emoji-tab-smileys-people')!.click();
  await waitUntil(() => emojiNamed(el, '😀') !== undefined, 'no smileys showed', { timeout: 15000 });
  return el;
}

async function search(el: ConvEmojiPicker, query: string): Promise<void> {
  const box = inPicker<HTMLInputElement>(el, 'input[type="search"]');
  box.value = query;
  box.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

describe('<conv-emoji-picker> in the agent’s language', () => {
  it('chooses the emoji words of the language where conv-kit ships them, English otherwise', () => {
    expect(bundledEmojiLanguage('de-AT')).to.equal('de');
    expect(bundledEmojiLanguage('ja')).to.equal('ja');
    for (const lang of ['fr', 'es', 'fi', 'sv']) expect(bundledEmojiLanguage(lang)).to.equal(lang);
    expect(bundledEmojiLanguage('ar')).to.equal('en');
    expect(bundledEmojiLanguage('en-XA')).to.equal('en');
    expect(bundledEmojiLanguage('it'), 'no Italian words ship').to.equal('en');
  });

  it('speaks German, names the emoji in German and finds them by German words', async () => {
    const el = await pickerIn('de');
    expect(inPicker(el, 'input[type="search"]').getAttribute('placeholder')).to.equal(de.emojiSearch);
    expect(inPicker(el, '.caption').textContent!.trim()).to.equal(de.emojiSmileysPeople);
    expect(emojiNamed(el, '😀')!.getAttribute('aria-label')).to.equal('grinsendes Gesicht');
    await search(el, 'katze');
    await waitUntil(() => inPicker(el, '.caption').textContent!.trim() === de.emojiSearchResults, 'no search results');
    await waitUntil(() => names(el).some((name) => /katze/i.test(name ?? '')), 'a German search found no cat', {
      timeout: 10000,
    });
    expect(names(el)).to.not.include('grinsendes Gesicht');
    // Shortcodes are the same in every language.
    await search(el, 'thumbsup');
    await waitUntil(() => emojiNamed(el, '👍') !== undefined, 'the English shortcode found nothing in German');
  });

  it('finds Japanese emoji by a single character', async () => {
    const el = await pickerIn('ja');
    await search(el, '猫');
    await waitUntil(() => emojiNamed(el, '🐱') !== undefined, 'a one-character Japanese search found no cat', {
      timeout: 10000,
    });
  });

  it('uses data the host serves itself as given, in that data’s language', async () => {
    const el = await pickerIn('en', GERMAN_DATA_URL);
    expect(emojiNamed(el, '😀')!.getAttribute('aria-label')).to.equal('grinsendes Gesicht');
    expect(inPicker(el, 'input[type="search"]').getAttribute('placeholder'), 'the interface stays English').to.equal(
      'Search emoji',
    );
  });

  it('speaks Arabic around emoji named in English, as the package has no Arabic names', async () => {
    const el = await pickerIn('ar');
    expect(inPicker(el, 'input[type="search"]').getAttribute('placeholder')).to.equal(ar.emojiSearch);
    // English names (the package has no Arabic ones), whichever emoji show first.
    for (const name of names(el).slice(0, 5)) expect(name).to.match(/^[a-z][a-z ,:.'’-]*$/i);
    expect(getComputedStyle(el).direction).to.equal('rtl');
  });

  it('changes data when the language changes', async () => {
    const el = await pickerIn('de');
    el.lang = 'ja';
    await waitUntil(
      () => emojiNamed(el, '😀')?.getAttribute('aria-label') === 'にっこり笑う',
      'the names did not turn Japanese',
      {
        timeout: 15000,
      },
    );
  });
});
