/**
 * Word, Excel and PowerPoint files (docx, xlsx, pptx): a ZIP that starts at the first byte and ends
 * with its directory (nothing before or after: no polyglot), unpacks to a sane multiple of its size
 * (no ZIP bomb), is not encrypted, and whose `[Content_Types].xml` names the main part of the promised
 * kind. Macro-enabled files (docm, xlsm, pptm, or any VBA project) are refused. No DOM.
 */
import type { Content } from './content.js';
import { type ByteSource, inflate, latin1, startsWith, viewOf } from './bytes.js';

export type OfficeType = 'docx' | 'xlsx' | 'pptx';

const MAIN_PART: Record<string, OfficeType> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};
const MACRO_CONTENT = /macroEnabled|vbaProject|vbaData|application\/vnd\.ms-office\.activeX/i;
/** The end-of-directory record is 22 bytes plus a comment of at most 65535. */
const EOCD_SEARCH_BYTES = 22 + 65535;
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
/** Office XML compresses well, but not this well: more means a decompression bomb. */
export const MAX_ZIP_RATIO = 100;
/** However small the file, unpacking may not take more than this. */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

function isOffice(type: string | undefined): type is OfficeType {
  return type === 'docx' || type === 'xlsx' || type === 'pptx';
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export function looksZip(head: Uint8Array): boolean {
  return startsWith(head, 'PK\x03\x04');
}

/** What the ZIP is, or why it cannot be sent (`problem`); cheap checks only read the directory. */
export async function readOffice(source: ByteSource, expected?: string): Promise<Content> {
  // Broken beyond reading: for a file named as an Office one it is damaged, otherwise just some ZIP.
  const damaged: Content = isOffice(expected)
    ? { kind: 'damaged', type: expected }
    : { kind: 'other', label: 'a ZIP archive' };
  const entries = await directory(source);
  if (entries === 'damaged') return damaged;
  if (typeof entries === 'string') return { kind: 'other', label: entries };
  const packed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (unpacked > MAX_UNPACKED_BYTES || unpacked > Math.max(packed, 1) * MAX_ZIP_RATIO)
    return { kind: 'other', label: 'a ZIP bomb, which unpacks to far more than its size', unsafe: true };
  if (entries.some((entry) => entry.flags & 1))
    return { kind: 'other', label: 'encrypted, so its content cannot be checked', unsafe: true };
  if (entries.some((entry) => /(?:^|\/)vbaProject\.bin$/i.test(entry.name)))
    return { kind: 'other', label: 'an Office file with macros', unsafe: true };
  const contentTypes = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!contentTypes) return { kind: 'other', label: 'a ZIP archive' };
  const xml = await entryText(source, contentTypes);
  if (xml === undefined) return damaged;
  if (MACRO_CONTENT.test(xml)) return { kind: 'other', label: 'an Office file with macros', unsafe: true };
  const main = [...xml.matchAll(/ContentType\s*=\s*"([^"]+)"/g)].map(([, type]) => MAIN_PART[type!]).find(Boolean);
  return main ? { kind: 'file', type: main } : { kind: 'other', label: 'a ZIP archive' };
}

/** The central directory, which must sit right before the end record, which must end the file. */
async function directory(source: ByteSource): Promise<Entry[] | 'damaged' | string> {
  const tailStart = Math.max(0, source.size - EOCD_SEARCH_BYTES);
  const tail = await source.read(tailStart, source.size - tailStart);
  const endRecord = latin1(tail).lastIndexOf('PK\x05\x06');
  if (endRecord < 0 || endRecord + 22 > tail.length) return 'damaged';
  const view = viewOf(tail);
  const count = view.getUint16(endRecord + 10, true);
  const directorySize = view.getUint32(endRecord + 12, true);
  const directoryOffset = view.getUint32(endRecord + 16, true);
  const commentLength = view.getUint16(endRecord + 20, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) return 'a ZIP64 archive, which cannot be checked';
  if (tailStart + endRecord + 22 + commentLength !== source.size) return 'a ZIP archive with other data after it';
  if (directoryOffset + directorySize !== tailStart + endRecord) return 'a ZIP archive with other data inside';
  if (directorySize > MAX_DIRECTORY_BYTES || count > MAX_ENTRIES) return 'an archive too large to check';
  const bytes = await source.read(directoryOffset, directorySize);
  const entries: Entry[] = [];
  const dir = viewOf(bytes);
  for (let at = 0; entries.length < count;) {
    if (at + 46 > bytes.length || dir.getUint32(at, true) !== 0x02014b50) return 'damaged';
    const nameLength = dir.getUint16(at + 28, true);
    const extraLength = dir.getUint16(at + 30, true);
    const commentLength = dir.getUint16(at + 32, true);
    entries.push({
      flags: dir.getUint16(at + 8, true),
      method: dir.getUint16(at + 10, true),
      compressedSize: dir.getUint32(at + 20, true),
      size: dir.getUint32(at + 24, true),
      localOffset: dir.getUint32(at + 42, true),
      name: latin1(bytes, at + 46, nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.some((entry) => entry.localOffset + entry.compressedSize > directoryOffset)) return 'damaged';
  return entries;
}

/** One small entry's text, inflated with a bound; undefined when it is broken or too big. */
async function entryText(source: ByteSource, entry: Entry): Promise<string | undefined> {
  if (entry.size > MAX_CONTENT_TYPES_BYTES || entry.compressedSize > MAX_CONTENT_TYPES_BYTES) return undefined;
  const header = await source.read(entry.localOffset, 30);
  if (header.length < 30 || viewOf(header).getUint32(0, true) !== 0x04034b50) return undefined;
  const dataStart = entry.localOffset + 30 + viewOf(header).getUint16(26, true) + viewOf(header).getUint16(28, true);
  const data = await source.read(dataStart, entry.compressedSize);
  if (data.length !== entry.compressedSize) return undefined;
  const plain =
    entry.method === 0
      ? data
      : entry.method === 8
        ? await inflate(data, 'deflate-raw', MAX_CONTENT_TYPES_BYTES)
        : undefined;
  if (!plain) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return undefined;
  }
}
