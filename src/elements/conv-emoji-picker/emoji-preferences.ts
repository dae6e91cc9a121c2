/**
 * What the picker remembers for the agent on this device, in IndexedDB: how often each emoji was chosen
 * (Frequently used, the same in every language) and the preferred skin tone.
 */
import { createStore, get, set, update, type UseStore } from 'idb-keyval';
import type { SkinTone } from './emoji-index.js';

const FAVOURITES = 'favourites';
const SKIN_TONE = 'skin-tone';

let database: UseStore | undefined;
/** Opened on first use, so a page that never opens the picker never creates the database. */
const preferences = () => (database ??= createStore('conv-kit-emoji', 'preferences'));

type Counts = Record<string, number>;

const readCounts = (value: unknown): Counts =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Counts) : {};

/** The most chosen first; on a tie, the one chosen first. */
export async function mostUsedEmoji(limit: number): Promise<string[]> {
  const counts = readCounts(await get(FAVOURITES, preferences()));
  return Object.entries(counts)
    .filter(([, count]) => Number.isFinite(count) && count > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([unicode]) => unicode);
}

export function countEmojiUse(unicode: string): Promise<void> {
  return update<Counts>(
    FAVOURITES,
    (value) => {
      const counts = readCounts(value);
      return { ...counts, [unicode]: (Number.isFinite(counts[unicode]) ? counts[unicode]! : 0) + 1 };
    },
    preferences(),
  );
}

export async function preferredSkinTone(): Promise<SkinTone> {
  const tone = await get<unknown>(SKIN_TONE, preferences());
  return Number.isInteger(tone) && (tone as number) >= 0 && (tone as number) <= 5 ? (tone as SkinTone) : 0;
}

export function choosePreferredSkinTone(tone: SkinTone): Promise<void> {
  return set(SKIN_TONE, tone, preferences());
}
