import { html, type TemplateResult } from 'lit';

/** "14:05" today, "Mon 14:05" this week, else a short date: what an agent scanning a list needs. */
export function formatTime(at: number, now = Date.now(), locale?: string): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  if (sameDay) return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (now - at < 6 * 24 * 3600 * 1000) return date.toLocaleString(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDate(at: number, locale?: string): string {
  return new Date(at).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Only http(s) URLs may become links; `javascript:`, `data:` and everything else stay text. */
export function safeHttpUrl(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Bidirectional isolation for names and file names: an RTL override inside cannot reorder the text around it. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/**
 * Renders message or note text: plain text through Lit bindings (never parsed as HTML),
 * with http(s) URLs as links that open safely in a new tab.
 */
export function linkifiedText(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const href = safeHttpUrl(match[0]);
    if (!href) continue;
    parts.push(text.slice(last, match.index));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${match[0]}</a>`);
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
