import type { CSSResult } from 'lit';

/**
 * Adds styles to a rendered element's shadow root, after its own: for the parts that load on first use,
 * whose styles come with them. Constructed style sheets, as Lit's own, so a strict CSP allows them.
 */
export function adoptMoreStyles(host: HTMLElement, styles: readonly CSSResult[]): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheets = styles.map((style) => style.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet);
  const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
}
