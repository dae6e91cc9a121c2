import { html, type TemplateResult } from 'lit';

/** Line breaks (with the indentation after them) that touch a tag: source formatting, not content. */
const LAYOUT_WHITESPACE = />\s*\n\s*|\s*\n\s*(?=<)/g;

/** Each template's strings without that whitespace, made once, keyed by the literal's own strings (as Lit caches templates). */
const tightened = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/**
 * `html` for templates whose elements are flex or grid items, where a line break between two tags never
 * shows: the same template without those line breaks, so each of the thousands of rows of a list puts
 * no whitespace text nodes in the page. Only the author's literal strings are changed, never a value,
 * so what an expression renders stays text.
 */
export function tightHtml(strings: TemplateStringsArray, ...values: unknown[]): TemplateResult {
  let tight = tightened.get(strings);
  if (!tight) {
    let inTag = false;
    const parts = strings.map((part) => {
      // Between two expressions in the content (not inside a tag, between attributes), a line break alone goes too.
      const tightPart =
        !inTag && /^\s*\n\s*$/.test(part)
          ? ''
          : part.replace(LAYOUT_WHITESPACE, (match) => (match.startsWith('>') ? '>' : ''));
      const opened = part.lastIndexOf('<');
      const closed = part.lastIndexOf('>');
      if (opened !== closed) inTag = opened > closed;
      return tightPart;
    });
    tight = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
    tightened.set(strings, tight);
  }
  return html(tight, ...values);
}
