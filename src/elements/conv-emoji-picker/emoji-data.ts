/**
 * The emoji data conv-kit ships, as ES modules reached by `import()`: every bundler (Vite, webpack, Rollup,
 * esbuild, the Angular CLI) follows a static `import()` and emits the module, and a plain page's browser
 * resolves it next to the picker, so the data loads without any configuration and under a strict CSP. The
 * modules are made from emoji-picker-element-data by scripts/emoji-data.mjs (written into dist/ by the build,
 * made on request by the dev server and the test runner). English carries every emoji; another language its
 * names and search words, laid over English.
 */
import { EmojiIndex } from './emoji-index.js';

type Loader<T> = () => Promise<{ default: T }>;

const english: Loader<unknown> = () => import('virtual:conv-kit-emoji-data/en');
const translations: Record<string, Loader<unknown>> = {
  de: () => import('virtual:conv-kit-emoji-data/de'),
  es: () => import('virtual:conv-kit-emoji-data/es'),
  fi: () => import('virtual:conv-kit-emoji-data/fi'),
  fr: () => import('virtual:conv-kit-emoji-data/fr'),
  ja: () => import('virtual:conv-kit-emoji-data/ja'),
  sv: () => import('virtual:conv-kit-emoji-data/sv'),
};

/** The language whose emoji words conv-kit ships for `lang` ("de-AT" finds `de`); English where there are none. */
export function bundledEmojiLanguage(lang: string): string {
  const parts = lang.toLowerCase().split('-');
  const found = parts
    .map((_, index) => parts.slice(0, parts.length - index).join('-'))
    .find((candidate) => Object.hasOwn(translations, candidate));
  return found ?? 'en';
}

/** The bundled emoji, named and found in `language` (a result of bundledEmojiLanguage). */
async function loadBundledEmoji(language: string): Promise<EmojiIndex> {
  const translation = Object.hasOwn(translations, language) ? translations[language]!() : undefined;
  const [rows, words] = await Promise.all([english(), translation]);
  return new EmojiIndex(rows.default, words?.default);
}

/** Emoji data a host serves itself (`emoji-data-url`): emoji-picker-element-data's format, in its own language. */
async function loadEmojiFrom(url: string): Promise<EmojiIndex> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The emoji data answered ${response.status}`);
  return new EmojiIndex(await response.json());
}

/** Where the emoji come from: a host's own data (`url`), else conv-kit's in `language`. */
export interface EmojiSource {
  url?: string | undefined;
  language: string;
}

const sourceKey = (source: EmojiSource) => source.url ?? `bundled:${source.language}`;
/** One index per source for the page's lifetime: a picker opened again, or a second chat, does not read it again. */
const loaded = new Map<string, Promise<EmojiIndex>>();

export function loadEmoji(source: EmojiSource): Promise<EmojiIndex> {
  const key = sourceKey(source);
  let index = loaded.get(key);
  if (!index) {
    index = source.url ? loadEmojiFrom(source.url) : loadBundledEmoji(source.language);
    loaded.set(key, index);
    // A failure (offline, a bad address) is not kept: the next showing tries again.
    index.catch(() => loaded.delete(key));
  }
  return index;
}
