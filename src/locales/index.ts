/**
 * The catalogs conv-kit ships, each its own chunk. This registry is itself loaded on first use, so a page
 * in English carries none of it; src/controllers/localize-controller.ts asks it for a language.
 */
import type { ConvStrings } from '../elements/shared/strings.js';

const CATALOGS: Record<string, () => Promise<{ default: ConvStrings }>> = {
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

/** The catalog for `lang` ("de-AT" finds `de`), or undefined when conv-kit has none for it. */
export async function catalogFor(lang: string): Promise<ConvStrings | undefined> {
  const code = lang.toLowerCase();
  const load = CATALOGS[code] ?? CATALOGS[code.split('-')[0]!];
  return load && (await load()).default;
}
