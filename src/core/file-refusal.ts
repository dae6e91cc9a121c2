/**
 * The sentence that explains a refusal, for the agent. Loaded with the page (a server's refusal may need
 * it before any file is checked here); the verdict itself, in file-verdict.ts, loads on first use. No DOM.
 */
import type { FileRefusalReason, FileType } from './file-policy.js';

/** What each type is called in a sentence. */
export const TYPE_NOUN: Record<FileType, string> = {
  avif: 'an AVIF image',
  csv: 'a CSV file',
  docx: 'a Word document',
  gif: 'a GIF image',
  heic: 'a HEIC image',
  jpeg: 'a JPEG image',
  m4a: 'an M4A sound',
  mov: 'a QuickTime video',
  mp3: 'an MP3 sound',
  mp4: 'an MP4 video',
  ogg: 'an Ogg sound',
  pdf: 'a PDF document',
  png: 'a PNG image',
  pptx: 'a PowerPoint presentation',
  txt: 'a text file',
  wav: 'a WAV sound',
  webm: 'a WebM video',
  webp: 'a WebP image',
  xlsx: 'an Excel workbook',
};
/** Details that make a refusal specific; every field is optional so a reason alone still reads well. */
export interface RefusalDetails {
  allowed?: readonly string[];
  size?: number;
  maxBytes?: number;
  /** The type the name promised. */
  expected?: FileType;
  /** A clause saying what the content really is, e.g. "it is a Windows program". */
  found?: string | undefined;
  width?: number;
  height?: number;
  maxPixels?: number;
}

/**
 * One short sentence for the agent. Also useful when a server's re-check sends back only a reason.
 * The file name is shown with control and direction-changing characters replaced, so "photo\u202Egnp.exe"
 * cannot pass itself off as "photoexe.png" in the message.
 */
export function describeFileRefusal(reason: FileRefusalReason, fileName: string, details: RefusalDetails = {}): string {
  const name = `“${displayName(fileName)}”`;
  switch (reason) {
    case 'empty':
      return `${name} is empty.`;
    case 'too-large':
      return details.size !== undefined && details.maxBytes !== undefined
        ? `${name} is too large: ${formatBytes(details.size)}, and the limit is ${formatBytes(details.maxBytes)}.`
        : `${name} is larger than your admin allows.`;
    case 'type-not-allowed':
      if (!details.allowed) return `${name} is not a file type your admin allows.`;
      if (details.allowed.length === 0) return `${name} can’t be sent: your admin has not allowed any file types.`;
      return `${name} can’t be sent: the allowed file types are ${listInWords(details.allowed.map((extension) => extension.toUpperCase()))}.`;
    case 'content-mismatch': {
      const claim = details.expected ? TYPE_NOUN[details.expected] : 'what its name says';
      return `${name} is not ${claim}: ${details.found ?? 'its content is something else'}.`;
    }
    case 'too-many-pixels':
      return details.width !== undefined && details.height !== undefined && details.maxPixels !== undefined
        ? `${name} is too big to open safely: ${details.width} × ${details.height} pixels, and the limit is ${formatMegapixels(details.maxPixels)}.`
        : `${name} has more pixels than can be opened safely.`;
    case 'unreadable':
      return `${name} can’t be read: the file is damaged or incomplete.`;
    case 'unsafe-content':
      return `${name} can’t be sent safely: ${details.found ?? 'it carries content that could run on opening'}.`;
  }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONGEST_SHOWN_NAME = 60;

/** Safe to show inside a sentence: no hidden characters, not overly long, and isolated so right-to-left names do not reorder the sentence. */
export function displayName(fileName: string): string {
  const visible = fileName.replace(INVISIBLE_OR_REORDERING, '\uFFFD');
  const short = visible.length > LONGEST_SHOWN_NAME ? `${visible.slice(0, 40)}…${visible.slice(-16)}` : visible;
  return `\u2068${short}\u2069`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${trimDecimal(bytes / 1024 / 1024)} MB`;
}

function formatMegapixels(pixels: number): string {
  return `${trimDecimal(pixels / 1_000_000)} megapixels`;
}

function trimDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
