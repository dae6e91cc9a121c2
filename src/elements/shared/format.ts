import { html, type TemplateResult } from 'lit';
import type { SystemNotice } from '../../core/model.js';
import type { PageStrings } from './strings.js';

// Intl formatters are costly to build and cheap to reuse: one per kind, locale and options.
const formatters = new Map<string, unknown>();
function intl<Format>(
  Kind: new (locale?: string, options?: object) => Format,
  locale: string | undefined,
  options: object,
): Format {
  const key = `${Kind.name}|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Format | undefined;
  if (!format) formatters.set(key, (format = new Kind(locale, options)));
  return format;
}

/** A system message in the agent's language where the backend said what it means, else the backend's own words. */
export function noticeText(t: PageStrings, notice: SystemNotice | undefined, text: string): string {
  if (notice?.kind === 'ended-by-customer') return t.noticeCustomerLeft;
  if (notice?.kind === 'ended-by-agent') return t.noticeAgentEnded(isolate(notice.agentName));
  return text;
}

const DAY = 24 * 3600 * 1000;
const TIME = { hour: '2-digit', minute: '2-digit' } as const;
const LONG_DATE = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

/** "14:05" today, "Mon 14:05" this week, else a short date: what an agent scanning a list needs. */
export function formatTime(at: number, now = Date.now(), locale?: string): string {
  const options = sameDay(now, at)
    ? TIME
    : now - at < 6 * DAY
      ? { weekday: 'short', ...TIME }
      : { day: 'numeric', month: 'short', year: 'numeric' };
  return intl(Intl.DateTimeFormat, locale, options).format(at);
}

export function formatDate(at: number, locale?: string): string {
  return intl(Intl.DateTimeFormat, locale, LONG_DATE).format(at);
}

/** A day as a separator names it: "today", "yesterday" (the locale's words), a weekday within the week, else the full date. */
export function formatDay(at: number, now = Date.now(), locale?: string): string {
  for (const daysAgo of [0, 1])
    if (sameDay(at, now - daysAgo * DAY))
      return intl(Intl.RelativeTimeFormat, locale, { numeric: 'auto' }).format(-daysAgo, 'day');
  return intl(Intl.DateTimeFormat, locale, now - at < 6 * DAY ? { weekday: 'long' } : LONG_DATE).format(at);
}

/** Counts, coordinates, percentages: digits, grouping and decimal sign as the locale writes them. */
export function formatNumber(value: number, locale?: string, options: Intl.NumberFormatOptions = {}): string {
  return intl(Intl.NumberFormat, locale, options).format(value);
}

/** "512 bytes", "1.5 kB", "2.3 MB" with the locale's unit names and decimal sign. */
export function formatFileSize(bytes: number, locale?: string): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 * 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes / 1024 / 1024, 'megabyte'];
  const digits = (value as number) < 10 && unit !== 'byte' ? 1 : 0;
  return formatNumber(value as number, locale, {
    style: 'unit',
    unit: unit as string,
    // "512 bytes" in words, as no locale abbreviates bytes the same way; "kB" and "MB" everywhere
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** "52.52001, 13.40495"; where the decimal sign is a comma, "52,52001; 13,40495" keeps the two numbers apart. */
export function formatCoordinates(latitude: number, longitude: number, locale?: string): string {
  const [lat, lon] = [latitude, longitude].map((value) =>
    formatNumber(value, locale, { minimumFractionDigits: 5, maximumFractionDigits: 5, useGrouping: false }),
  );
  return `${lat}${lat!.includes(',') ? ';' : ','} ${lon}`;
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
