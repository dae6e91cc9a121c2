/** The languages emoji-picker-element-data has names and search words for (its folder names). */
const EMOJI_DATA_LOCALES = new Set(
  'bn da de en en-gb es es-mx et fi fr hi hu it ja ko lt ms nb nl pl pt ru sv th uk vi zh zh-hant'.split(' '),
);
const ENGLISH_DATA = '/emoji-picker-element-data/en/emojibase/';

/**
 * The emoji data in the agent's language where the package has it ("de-AT" finds `de`, Arabic has none and
 * stays English), for the bundled data only: an address the integrator chose is used as given.
 */
export function emojiDataFor(dataSource: string, lang: string): { dataSource: string; locale: string } {
  const parts = lang.toLowerCase().split('-');
  const folder = parts
    .map((_, index) => parts.slice(0, parts.length - index).join('-'))
    .find((candidate) => EMOJI_DATA_LOCALES.has(candidate));
  if (!folder || folder === 'en' || !dataSource.includes(ENGLISH_DATA)) return { dataSource, locale: 'en' };
  // Every language comes in the CLDR flavour (English also as emojibase): the same emoji, the locale's words.
  return { dataSource: dataSource.replace(ENGLISH_DATA, `/emoji-picker-element-data/${folder}/cldr/`), locale: folder };
}
