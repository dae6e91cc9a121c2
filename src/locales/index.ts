/**
 * The catalogs conv-kit ships, each its own chunk. This registry is itself loaded on first use, so a page
 * in English carries none of it; src/controllers/localize-controller.ts asks it for a language.
 */
import type { ConvStrings, PageStrings } from '../elements/shared/strings.js';

/** A catalog, or (the pseudo-locale) one made from the English catalog. */
type Catalog = ConvStrings | ((english: PageStrings) => ConvStrings);

const CATALOGS: Record<string, () => Promise<{ default: Catalog }>> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fi: () => import('./fi.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  sv: () => import('./sv.js'),
  'en-xa': () => import('./en-xa.js'),
};

/** The languages with a catalog here, as `lang` names them (lower case). */
export const shippedLocales = Object.keys(CATALOGS);

/**
 * The catalog for `lang` ("de-AT" finds `de`), or undefined when conv-kit has none for it. `english` is
 * conv-kit's English catalog of the page's words, handed in so that no chunk here imports it (it loads with the page).
 */
export async function catalogFor(lang: string, english: PageStrings): Promise<ConvStrings | undefined> {
  const code = lang.toLowerCase();
  const load = CATALOGS[code] ?? CATALOGS[code.split('-')[0]!];
  if (!load) return undefined;
  const catalog = (await load()).default;
  return typeof catalog === 'function' ? catalog(english) : catalog;
}
