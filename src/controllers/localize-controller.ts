import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultStrings, type ConvStrings } from '../elements/shared/strings.js';

type Catalog = { default: ConvStrings };

/** Each language is its own chunk, fetched the first time an element's `lang` asks for it; English ships with the page. */
const LOADERS: Record<string, () => Promise<Catalog>> = {
  ar: () => import('../locales/ar.js'),
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fi: () => import('../locales/fi.js'),
  fr: () => import('../locales/fr.js'),
  ja: () => import('../locales/ja.js'),
  sv: () => import('../locales/sv.js'),
  'en-xa': () => import('../locales/en-xa.js'),
};

const catalogs = new Map<string, ConvStrings>([['en', defaultStrings]]);
const loading = new Map<string, Promise<void>>();
const hosts = new Set<LocalizedHost>();
let langObserver: MutationObserver | undefined;

export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {}

/** Every localized element renders again: a catalog arrived, or a `lang` or a provider's `strings` changed. */
export function localeChanged(): void {
  hosts.forEach((host) => host.requestUpdate());
}

/** Adds or replaces a language (`code` as in `lang`, e.g. "pt-BR"); elements already showing it render again. */
export function registerLocale(code: string, strings: ConvStrings): void {
  catalogs.set(code.toLowerCase(), strings);
  localeChanged();
}

/** "de-AT" → ["de-at", "de"]: the most specific catalog there is wins. */
const candidates = (lang: string) =>
  lang
    .toLowerCase()
    .split('-')
    .map((_, index, parts) => parts.slice(0, parts.length - index).join('-'));

/**
 * Loads the catalog for `lang` (a no-op for English and for languages conv-kit has no catalog for).
 * Await it before the first render to show no English at all while the chunk arrives.
 */
export function loadLocale(lang: string): Promise<void> {
  const code = candidates(lang).find((candidate) => catalogs.has(candidate) || candidate in LOADERS);
  if (!code || catalogs.has(code)) return Promise.resolve();
  let load = loading.get(code);
  if (!load) {
    load = LOADERS[code]!().then(
      (module) => registerLocale(code, module.default),
      () => void loading.delete(code), // offline for a moment: the next render tries again
    );
    loading.set(code, load);
  }
  return load;
}

/** The nearest `lang` from the element up, through shadow roots to their hosts, up to <html>. */
function closestLang(element: Element): { lang: string; provided?: Partial<ConvStrings> } {
  let lang = '';
  let provided: Partial<ConvStrings> | undefined;
  for (
    let node: Element | undefined = element;
    node;
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host
  ) {
    lang ||= node.getAttribute('lang') ?? '';
    if (!provided && node.localName === 'conv-provider')
      provided = (node as { strings?: Partial<ConvStrings> }).strings;
  }
  return { lang, provided };
}

/**
 * Gives an element the words of its language, in the manner of Shoelace's localize controller: the
 * language is the element's `lang`, else its nearest ancestor's (across shadow roots), else <html>'s,
 * else English. A MutationObserver on `lang` attributes and the arrival of a lazily loaded catalog
 * re-render every localized element. The nearest <conv-provider>'s `strings`, then the element's own,
 * override single keys on top of the catalog.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: LocalizedHost;
  #lang = '';
  #provided?: Partial<ConvStrings>;
  #merged?: { base: ConvStrings; provided?: object; own?: object; lang: string; text: ConvStrings };

  constructor(host: LocalizedHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    langObserver ??= new MutationObserver(localeChanged);
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    this.#resolve();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  hostUpdate(): void {
    this.#resolve();
  }

  /** The catalog for the element's language with the overrides on top; the same object while nothing changed. */
  text(own?: Partial<ConvStrings>): ConvStrings {
    const lang = this.#lang;
    const base = candidates(lang).reduce<ConvStrings | undefined>(
      (found, code) => found ?? catalogs.get(code),
      undefined,
    );
    if (!base) void loadLocale(lang);
    const catalog = base ?? defaultStrings;
    const provided = this.#provided;
    const merged = this.#merged;
    if (merged?.base === catalog && merged.provided === provided && merged.own === own && merged.lang === lang)
      return merged.text;
    // Dates and numbers follow the element's own language tag ("de-AT"), words its nearest catalog ("de").
    const text =
      own || provided || (lang && lang !== catalog.$code)
        ? { ...catalog, ...provided, ...own, $code: validLocale(lang) ?? catalog.$code }
        : catalog;
    this.#merged = { base: catalog, provided, own, lang, text };
    return text;
  }

  #resolve(): void {
    ({ lang: this.#lang, provided: this.#provided } = closestLang(this.#host));
  }
}

/** A `lang` that Intl cannot read (a typo, "xx_YY!") must not break rendering: formats then use the catalog's. */
function validLocale(lang: string): string | undefined {
  try {
    return lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
  } catch {
    return undefined;
  }
}
