import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FirstUseStrings } from '../elements/shared/first-use-strings.js';
import { defaultStrings, type ConvStrings, type PageStrings } from '../elements/shared/strings.js';

/** Catalogs by lower-case language tag; English ships with the page, the others arrive on first use. */
// English holds the page's words only; those of what loads on first use come with it (withFirstUseWords).
const catalogs = new Map<string, PageStrings>([['en', defaultStrings]]);
const loading = new Map<string, Promise<void>>();
const hosts = new Set<ReactiveControllerHost>();
let langObserver: MutationObserver | undefined;

/** Every localized element renders again: a catalog arrived, or a `lang` or a provider's `strings` changed. */
export function localeChanged(): void {
  hosts.forEach((host) => host.requestUpdate());
}

/**
 * Adds or replaces a language (`code` as `lang` writes it, e.g. "pt-BR"); elements showing it render again.
 * Words it leaves out of what loads on first use (the emoji picker, the location…) show in English.
 */
export function registerLocale(code: string, strings: PageStrings & Partial<FirstUseStrings>): void {
  catalogs.set(code.toLowerCase(), strings);
  localeChanged();
}

/**
 * Loads conv-kit's catalog for `lang` (nothing to do for English, or for a language conv-kit has no
 * catalog for). Await it before the first render to show no English while the chunk arrives.
 */
export function loadLocale(lang: string): Promise<void> {
  const code = lang.toLowerCase();
  let load = loading.get(code);
  if (!load) {
    load = import('../locales/index.js')
      .then(({ catalogFor }) => catalogFor(code, defaultStrings))
      .then(
        (strings) => void (strings && !catalogs.has(code) && registerLocale(code, strings)),
        () => void loading.delete(code), // offline for a moment: the next render asks again
      );
    loading.set(code, load);
  }
  return load;
}

/**
 * Gives an element the words of its language, in the manner of Shoelace's localize controller: the
 * language is the element's `lang`, else its nearest ancestor's (across shadow roots), else <html>'s,
 * else English. A MutationObserver on `lang` attributes, and the arrival of a lazily loaded catalog,
 * re-render every localized element. The nearest <conv-provider>'s `strings`, then the element's own,
 * override single keys on top of the catalog.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #lang = '';
  #provided?: Partial<ConvStrings>;
  /** Whether the host's `dir` is one this controller set, from the language. */
  #ownDir = false;
  /** The text of this update, for the element's own `strings`: made once per update, not once per word. */
  #made?: [Partial<ConvStrings> | undefined, PageStrings];

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    langObserver ??= new MutationObserver(localeChanged);
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    this.hostUpdate();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /**
   * Before each render: the nearest `lang`, `dir` and <conv-provider>, up through shadow roots to their
   * hosts. Where the page names no direction, the language's applies: `lang="ar"` alone mirrors the element.
   */
  hostUpdate(): void {
    const host = this.#host;
    let dir = '';
    this.#made = undefined;
    this.#lang = '';
    this.#provided = undefined;
    for (
      let node: Element | undefined = host;
      node;
      node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host
    ) {
      this.#lang ||= node.getAttribute('lang') ?? '';
      if (node !== host || !this.#ownDir) dir ||= node.getAttribute('dir') ?? '';
      if (node.localName === 'conv-provider') this.#provided ??= (node as { strings?: Partial<ConvStrings> }).strings;
    }
    const rtl = !dir && this.#catalog().$dir === 'rtl';
    if (rtl === this.#ownDir) return;
    this.#ownDir = rtl;
    if (rtl) host.setAttribute('dir', 'rtl');
    else host.removeAttribute('dir');
  }

  /** The nearest catalog there is for the element's language ("de-AT" → de); English while it loads. */
  #catalog(): PageStrings {
    const code = this.#lang.toLowerCase();
    const found = catalogs.get(code) ?? catalogs.get(code.split('-')[0]!);
    if (!found && code) void loadLocale(code);
    return found ?? defaultStrings;
  }

  /** The catalog for the element's language with the overrides on top. */
  text(own?: Partial<ConvStrings>): PageStrings {
    const made = this.#made;
    if (made && made[0] === own) return made[1];
    const lang = this.#lang;
    const base = this.#catalog();
    const provided = this.#provided;
    // Dates and numbers follow the element's own tag ("de-AT"), the words its nearest catalog ("de").
    const text =
      own || provided || (lang && lang !== base.$code)
        ? { ...base, ...provided, ...own, $code: intlLocale(lang) ?? base.$code }
        : base;
    this.#made = [own, text];
    return text;
  }
}

/** A `lang` Intl cannot read (a typo, "xx_YY!") must not break rendering: formats then follow the catalog. */
function intlLocale(lang: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}
