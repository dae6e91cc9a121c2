/**
 * PDF and plain text. A PDF must start with its header and end with `%%EOF` (else it was cut off), and
 * may not carry actions that run or open something (JavaScript, Launch, embedded files, rich media,
 * XFA forms), found by name anywhere in the file, also spelled with `#xx` escapes and inside compressed
 * object streams. Text (txt, csv) must be valid UTF-8 without NUL bytes. No DOM.
 */
import type { Content } from './content.js';
import { type ByteSource, inflate, latin1, searchableText, startsWith } from './bytes.js';

/** Names of PDF features that run code or open other things when the document is viewed. */
const HAZARDOUS_PDF_NAMES: Record<string, string> = {
  JavaScript: 'it contains JavaScript',
  JS: 'it contains JavaScript',
  Launch: 'it can start other programs (a Launch action)',
  EmbeddedFile: 'it carries embedded files',
  EmbeddedFiles: 'it carries embedded files',
  RichMedia: 'it carries embedded media or Flash',
  XFA: 'it holds an XFA form, which can run scripts',
};
/** `%%EOF` must be near the end; writers add at most a line break or a little padding after it. */
const PDF_TAIL_BYTES = 1024;
/** Compressed object streams are inflated this far, in all, before giving up on checking them. */
const MAX_INFLATED_PDF_BYTES = 64 * 1024 * 1024;
/** How far an object stream's data may run; larger ones are not real object streams. */
const MAX_OBJECT_STREAM_BYTES = 8 * 1024 * 1024;
const NAME = /\/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)/g;

export function looksPdf(head: Uint8Array): boolean {
  return startsWith(head, '%PDF-');
}

export async function readPdf(source: ByteSource): Promise<Content> {
  if (!/^%PDF-\d\.\d/.test(latin1(source.head, 0, 8))) return { kind: 'damaged', type: 'pdf' };
  const tail = await source.read(Math.max(0, source.size - PDF_TAIL_BYTES), PDF_TAIL_BYTES);
  return latin1(tail).includes('%%EOF') ? { kind: 'file', type: 'pdf' } : { kind: 'damaged', type: 'pdf' };
}

/** Why the PDF may not be sent, or undefined when nothing in it runs or opens anything. */
export async function pdfHazard(source: ByteSource): Promise<string | undefined> {
  let budget = MAX_INFLATED_PDF_BYTES;
  for await (const chunk of source.chunks(64)) {
    const text = searchableText(chunk.bytes);
    const hazard = hazardIn(text);
    if (hazard) return hazard;
    for (let at = text.indexOf('/ObjStm'); at >= 0; at = text.indexOf('/ObjStm', at + 1)) {
      const found = await objectStream(source, chunk.at + at);
      if (found === 'unreadable') return 'it has compressed parts that cannot be checked';
      if (!found) continue;
      budget -= found.length;
      if (budget < 0) return 'it has more compressed parts than can be checked';
      const inner = hazardIn(searchableText(found));
      if (inner) return inner;
    }
  }
  return undefined;
}

function hazardIn(text: string): string | undefined {
  for (const [, raw] of text.matchAll(NAME)) {
    const name = raw!.includes('#')
      ? raw!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : raw!;
    if (Object.hasOwn(HAZARDOUS_PDF_NAMES, name)) return HAZARDOUS_PDF_NAMES[name];
  }
  return undefined;
}

/**
 * The data of the object stream whose dictionary names `/ObjStm` at `at`: between `stream` and
 * `endstream`, inflated when the filter is FlateDecode. 'unreadable' for another filter or a broken stream.
 */
async function objectStream(source: ByteSource, at: number): Promise<Uint8Array | 'unreadable' | undefined> {
  const dictionary = latin1(await source.read(at, 2048));
  const keyword = /\bstream\r?\n/.exec(dictionary);
  if (!keyword) return undefined; // a mention of the name, not a stream dictionary
  const filters = dictionary.slice(0, keyword.index);
  const dataStart = at + keyword.index + keyword[0].length;
  let dataEnd = -1;
  for (let offset = dataStart; offset < dataStart + MAX_OBJECT_STREAM_BYTES && dataEnd < 0; offset += 65536) {
    const piece = latin1(await source.read(offset, 65536 + 9));
    if (piece.length === 0) break;
    const end = piece.indexOf('endstream');
    if (end >= 0) dataEnd = offset + end;
  }
  if (dataEnd < 0) return 'unreadable';
  const data = await source.read(dataStart, dataEnd - dataStart);
  if (!/\/Filter\s*(?:\[\s*)?\/FlateDecode\s*\]?/.test(filters)) return /\/Filter/.test(filters) ? 'unreadable' : data;
  return (await inflate(trimEndOfLine(data), 'deflate', MAX_INFLATED_PDF_BYTES)) ?? 'unreadable';
}

function trimEndOfLine(data: Uint8Array): Uint8Array {
  let end = data.length;
  while (end > 0 && (data[end - 1] === 0x0a || data[end - 1] === 0x0d)) end--;
  return data.subarray(0, end);
}

/** Why the text may not be sent, or undefined for valid UTF-8 without NUL bytes. Reads the whole file, a megabyte at a time. */
export async function textProblem(source: ByteSource): Promise<string | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const { bytes } of source.chunks()) {
      if (bytes.includes(0)) return 'it holds binary data';
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
  } catch {
    return 'it is not UTF-8 text';
  }
  return undefined;
}
