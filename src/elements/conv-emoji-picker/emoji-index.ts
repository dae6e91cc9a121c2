/**
 * The emoji the picker offers, held in memory: read from data that may come from anywhere (the bundled modules,
 * or a host's own `emoji-data-url`), checked row by row, and searched by the words of the agent's language.
 */

export type SkinTone = 0 | 1 | 2 | 3 | 4 | 5;

/** One emoji as the picker shows it. */
export interface PickerEmoji {
  unicode: string;
  /** Its name in the data's language: the button's label. */
  annotation: string;
  /** emojibase group number: 0 smileys … 9 flags. */
  group: number;
  order: number;
  /** The Unicode emoji version that introduced it: a device without it draws an empty box. */
  version: number;
  skins?: readonly { tone: SkinTone; unicode: string; version: number }[];
}

interface IndexedEmoji extends PickerEmoji {
  /** Lower-case search words, sorted. */
  tokens: readonly string[];
}

const MAX_ROWS = 10_000;
const MAX_TEXT = 200;
const MAX_WORDS = 100;

const isText = (value: unknown, max = MAX_TEXT): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.slice(0, MAX_WORDS).filter((word): word is string => isText(word)) : [];

/** A word as the picker matches it: emoticons such as `:)` stay whole, other words lose brackets and colons. */
const EMOTICON_WORDS = new Set(
  ":d xd :'d o:) :x :p ;p xp :l :z :j 8d xo 8) :b :o :s :'o dx x( d: :c >0) :3 </3 <3 \\m/ :e 8#".split(' '),
);

function words(text: string): string[] {
  return text
    .split(/[\s_]+/)
    .map((word) =>
      !/\w/.test(word) || EMOTICON_WORDS.has(word.toLowerCase())
        ? word
        : word.replace(/[)(:,]/g, '').replace(/’/g, "'"),
    )
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

/** One Latin letter finds too much to be useful; one character of a script without spaces (Japanese) is a word. */
const searchable = (token: string) => token.length >= 2 || /[^\p{Script=Latin}\p{N}\p{P}]/u.test(token);

function readSkins(value: unknown): PickerEmoji['skins'] {
  if (!Array.isArray(value)) return undefined;
  const skins = value.flatMap((skin: unknown) => {
    const { tone, emoji, version } = (skin ?? {}) as Record<string, unknown>;
    // Two-person emoji name a tone per person; the picker offers the one where both are the same.
    const single = Array.isArray(tone) ? (tone.every((each) => each === tone[0]) ? tone[0] : undefined) : tone;
    return Number.isInteger(single) &&
      (single as number) >= 1 &&
      (single as number) <= 5 &&
      isText(emoji, 40) &&
      isNumber(version)
      ? [{ tone: single as SkinTone, unicode: emoji, version }]
      : [];
  });
  return skins.length ? skins : undefined;
}

/**
 * Builds the index from emoji-picker-element-data's rows (`annotation`, `emoji`, `group`, `order`, `version`,
 * `tags`, `shortcodes`, `emoticon`, `skins`). A row missing what the picker needs is left out; data without a
 * single usable row throws, and the picker says the emoji could not be loaded. With a translation, an emoji is
 * named and found in that language, and still by its shortcodes and emoticons (`:thumbsup:`, `:)`).
 */
export class EmojiIndex {
  readonly #emoji: readonly IndexedEmoji[];
  readonly #byUnicode = new Map<string, IndexedEmoji>();

  /** `translation`: a name and search words in another language per emoji, `{ [emoji]: [name, ...words] }`. */
  constructor(rows: unknown, translation?: unknown) {
    if (!Array.isArray(rows)) throw new TypeError('The emoji data is not a list');
    const translated = (translation && typeof translation === 'object' ? translation : {}) as Record<string, unknown>;
    const emoji: IndexedEmoji[] = [];
    for (const row of rows.slice(0, MAX_ROWS) as unknown[]) {
      const {
        emoji: unicode,
        annotation,
        group,
        order,
        version,
        tags,
        shortcodes,
        emoticon,
        skins,
      } = (row ?? {}) as Record<string, unknown>;
      if (
        !isText(unicode, 40) ||
        !isText(annotation) ||
        !Number.isInteger(group) ||
        !isNumber(order) ||
        !isNumber(version)
      )
        continue;
      const ownWords = Object.hasOwn(translated, unicode) ? texts(translated[unicode]) : [];
      const [name = annotation, ...translatedWords] = ownWords;
      const searchWords = [
        ...(ownWords.length ? translatedWords : texts(tags)),
        ...texts(shortcodes),
        name,
        ...(typeof emoticon === 'string' ? [emoticon] : texts(emoticon)),
      ];
      const item: IndexedEmoji = {
        unicode,
        annotation: name,
        group: group as number,
        order,
        version,
        tokens: [...new Set(searchWords.flatMap(words).filter(searchable))].sort(),
      };
      const readSkinList = readSkins(skins);
      if (readSkinList) item.skins = readSkinList;
      if (this.#byUnicode.has(unicode)) continue;
      this.#byUnicode.set(unicode, item);
      emoji.push(item);
    }
    if (emoji.length === 0) throw new TypeError('The emoji data holds no emoji');
    this.#emoji = emoji.sort((a, b) => a.order - b.order);
  }

  byGroup(group: number): PickerEmoji[] {
    return this.#emoji.filter((emoji) => emoji.group === group);
  }

  byUnicode(unicode: string): PickerEmoji | undefined {
    return this.#byUnicode.get(unicode);
  }

  /** Emoji that have every word of the query, each as the start of one of their words ("thu up" finds 👍). */
  search(query: string): PickerEmoji[] {
    const wanted = words(query).filter(searchable);
    if (wanted.length === 0) return [];
    return this.#emoji.filter((emoji) =>
      wanted.every((prefix) => emoji.tokens.some((token) => token.startsWith(prefix))),
    );
  }
}
