import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/conv-emoji-picker/conv-emoji-picker.js';
import type { ConvEmojiPicker } from '../../src/elements/conv-emoji-picker/conv-emoji-picker.js';
import { emojiDataFor } from '../../src/elements/conv-emoji-picker/emoji-data-locale.js';
import { loadLocale } from '../../src/index.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';

const EMOJI_DATA_URL = '/node_modules/emoji-picker-element-data/en/emojibase/data.json';
const inPicker = <T extends Element = HTMLElement>(el: ConvEmojiPicker, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const emojiNamed = (el: ConvEmojiPicker, emoji: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="gridcell"] button')].find(
    (button) => button.textContent!.trim() === emoji,
  );
const names = (el: ConvEmojiPicker) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="gridcell"] button')].map((button) =>
    button.getAttribute('aria-label'),
  );

async function pickerIn(lang: string): Promise<ConvEmojiPicker> {
  await loadLocale(lang);
  const el = await fixture<ConvEmojiPicker>(
    html`<conv-emoji-picker lang=${lang} data-source=${EMOJI_DATA_URL}></conv-emoji-picker>`,
  );
  // Whatever group shows first: an agent who used emoji before (in this browser) sees Most used first.
  await waitUntil(() => names(el).length > 0, 'no emoji showed', { timeout: 15000 });
  return el;
}

async function search(el: ConvEmojiPicker, query: string): Promise<void> {
  const box = inPicker<HTMLInputElement>(el, 'input[type="search"]');
  box.value = query;
  box.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

describe('<conv-emoji-picker> in the agent’s language', () => {
  it('chooses the emoji data of the language where the package has it, English otherwise', () => {
    expect(emojiDataFor(EMOJI_DATA_URL, 'de-AT')).to.deep.equal({
      dataSource: '/node_modules/emoji-picker-element-data/de/cldr/data.json',
      locale: 'de',
    });
    expect(emojiDataFor(EMOJI_DATA_URL, 'ja').locale).to.equal('ja');
    expect(emojiDataFor(EMOJI_DATA_URL, 'ar')).to.deep.equal({ dataSource: EMOJI_DATA_URL, locale: 'en' });
    expect(emojiDataFor(EMOJI_DATA_URL, 'en-XA')).to.deep.equal({ dataSource: EMOJI_DATA_URL, locale: 'en' });
    expect(emojiDataFor('https://cdn.example/emoji.json', 'de'), 'an address the integrator chose stays').to.deep.equal(
      {
        dataSource: 'https://cdn.example/emoji.json',
        locale: 'en',
      },
    );
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
