import { html, type TemplateResult } from 'lit';

// Intl formatters are costly to build and cheap to reuse: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  locale: string | undefined,
  style: 'time' | 'weekday-time' | 'date' | 'long-date',
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      time: { hour: '2-digit', minute: '2-digit' },
      'weekday-time': { weekday: 'short', hour: '2-digit', minute: '2-digit' },
      date: { day: 'numeric', month: 'short', year: 'numeric' },
      'long-date': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    };
    format = new Intl.DateTimeFormat(locale, options[style]);
    formatters.set(key, format);
  }
  return format;
}

/** "14:05" today, "Mon 14:05" this week, else a short date: what an agent scanning a list needs. */
export function formatTime(at: number, now = Date.now(), locale?: string): string {
  const date = new Date(at);
  if (new Date(now).toDateString() === date.toDateString()) return formatter(locale, 'time').format(date);
  if (now - at < 6 * 24 * 3600 * 1000) return formatter(locale, 'weekday-time').format(date);
  return formatter(locale, 'date').format(date);
}

export function formatDate(at: number, locale?: string): string {
  return formatter(locale, 'long-date').format(new Date(at));
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
