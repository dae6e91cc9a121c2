/**
 * What a file's bytes are, whatever its name says: the signatures and headers of the images (with
 * their size), documents, video and sound an admin may allow, and the common files renamed to look
 * like them. The cheap part (`identify`) reads headers; `inspect` then reads what the type needs to be
 * trusted (the whole file for markup, a PDF's actions, a ZIP's directory). No DOM.
 */
import type { BlobLike, FileType, ImageInfo, ImageType } from './file-policy.js';
import { ByteSource, findMarkupAnywhere, latin1, startsWith, viewOf } from './file-types/bytes.js';
import { type Content, sized } from './file-types/content.js';
import { looksPdf, pdfHazard, readPdf, textProblem } from './file-types/documents.js';
import { looksIsoBmff, readIsoBmff } from './file-types/iso-bmff.js';
import { looksMedia, readMedia } from './file-types/media.js';
import { looksZip, readOffice } from './file-types/office.js';

export { ByteSource };
export type { Content };

/** Real JPEGs have a handful of segments before the frame header; more means a crafted file. */
const MAX_JPEG_SEGMENTS = 256;

const PNG_SIGNATURE = '\x89PNG\r\n\x1a\n';
const JPEG_SIGNATURE = '\xff\xd8\xff';
const GIF_SIGNATURES = ['GIF87a', 'GIF89a'];
const TEXT_TYPES: readonly FileType[] = ['txt', 'csv'];
const IMAGE_TYPES: readonly FileType[] = ['png', 'jpeg', 'gif', 'heic', 'webp', 'avif'];
/** Common things that get renamed to look like something else, so the refusal can say what they really are. */
const FOREIGN_SIGNATURES: ReadonlyArray<readonly [signature: string, label: string]> = [
  ['MZ', 'a Windows program'],
  ['\x7fELF', 'a Linux program'],
  ['\xcf\xfa\xed\xfe', 'a Mac program'],
  ['#!', 'a script'],
  ['Rar!', 'a RAR archive'],
  ['7z\xbc\xaf\x27\x1c', 'a 7-Zip archive'],
  ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'an old-style Office file, which can carry macros'],
];

export async function identify(source: ByteSource, expected?: FileType): Promise<Content> {
  const { head } = source;
  const start = latin1(head, 0, 16);
  if (start.startsWith(PNG_SIGNATURE)) return readPng(head);
  if (GIF_SIGNATURES.some((signature) => start.startsWith(signature))) return readGif(head);
  if (start.startsWith(JPEG_SIGNATURE)) return readJpeg(source);
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return readWebp(source);
  if (looksIsoBmff(head)) return readIsoBmff(source);
  if (looksPdf(head)) return readPdf(source);
  if (looksZip(head)) return readOffice(source, expected);
  if (looksMedia(head)) return readMedia(source);
  // A file that ends while still matching the expected signature was cut off, not disguised.
  if (expected && source.complete && startsLike(start, expected)) return { kind: 'damaged', type: expected };

  const foreign = FOREIGN_SIGNATURES.find(([signature]) => start.startsWith(signature));
  if (foreign) return { kind: 'other', label: foreign[1] };
  const markup = await findMarkupAnywhere(source);
  if (markup) return { kind: 'other', label: markup === 'svg' ? 'an SVG image' : 'a web page' };
  // Text has no signature: what is not recognisably something else may be text, which `inspect` then proves.
  if (expected && TEXT_TYPES.includes(expected)) return { kind: 'file', type: expected };
  return { kind: 'other' };
}

/**
 * What reading further finds wrong with a file `identify` took for `type`: markup anywhere in an image,
 * text or media file (a polyglot a sniffing viewer would run), a PDF's scripts, text that is not UTF-8.
 * Undefined when nothing.
 */
export async function inspect(
  source: ByteSource,
  type: FileType,
): Promise<{ reason: 'content-mismatch' | 'unsafe-content'; found: string } | undefined> {
  if (type === 'pdf') {
    const hazard = await pdfHazard(source);
    return hazard ? { reason: 'unsafe-content', found: hazard } : undefined;
  }
  if (type === 'docx' || type === 'xlsx' || type === 'pptx') return undefined; // the ZIP checks ran in identify
  if (TEXT_TYPES.includes(type)) {
    const problem = await textProblem(source);
    if (problem) return { reason: 'content-mismatch', found: problem };
  }
  // No real photo, sound or text carries page markup, so refusing it costs agents nothing.
  if (await findMarkupAnywhere(source)) return { reason: 'content-mismatch', found: 'it hides web page code' };
  return undefined;
}

/** `identifyImage` of file-policy.ts; here so photo preparation, itself loaded lazily, needs no policy. */
export async function identifyImage(file: BlobLike): Promise<ImageInfo | undefined> {
  try {
    const content = await identify(await ByteSource.open(file));
    if (content.kind !== 'file' || !IMAGE_TYPES.includes(content.type)) return undefined;
    const { width, height } = content;
    const type = content.type as ImageType;
    return width !== undefined && height !== undefined ? { type, width, height } : { type };
  } catch {
    return undefined;
  }
}

function startsLike(start: string, type: FileType): boolean {
  const prefixOf = (signature: string) => signature.startsWith(start) || start.startsWith(signature);
  switch (type) {
    case 'png':
      return prefixOf(PNG_SIGNATURE);
    case 'jpeg':
      return prefixOf(JPEG_SIGNATURE);
    case 'gif':
      return GIF_SIGNATURES.some(prefixOf);
    case 'webp':
    case 'wav':
      return prefixOf('RIFF');
    case 'pdf':
      return prefixOf('%PDF-');
    case 'docx':
    case 'xlsx':
    case 'pptx':
      return prefixOf('PK\x03\x04');
    case 'webm':
      return prefixOf('\x1a\x45\xdf\xa3');
    case 'ogg':
      return prefixOf('OggS');
    case 'mp3':
      return prefixOf('ID3');
    case 'heic':
    case 'avif':
    case 'mp4':
    case 'mov':
    case 'm4a':
      return start.length < 8 ? 'ftyp'.startsWith(start.slice(4)) : start.slice(4, 8) === 'ftyp';
    default:
      return false;
  }
}

/** The IHDR chunk must come first and holds the size. */
function readPng(head: Uint8Array): Content {
  if (head.length < 24 || latin1(head, 12, 4) !== 'IHDR') return { kind: 'damaged', type: 'png' };
  const view = viewOf(head);
  return sized('png', view.getUint32(16), view.getUint32(20));
}

/** The logical screen size follows the signature, little-endian. */
function readGif(head: Uint8Array): Content {
  if (head.length < 10) return { kind: 'damaged', type: 'gif' };
  const view = viewOf(head);
  return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
}

/** Walks the marker segments to the first frame header (SOFn), reading only each segment's first bytes. */
async function readJpeg(source: ByteSource): Promise<Content> {
  let offset = 2;
  for (let steps = 0; steps < MAX_JPEG_SEGMENTS; steps++) {
    // marker (2), length (2), then for a frame header: precision (1), height (2), width (2)
    const segment = await source.read(offset, 9);
    if (segment.length < 4 || segment[0] !== 0xff) break;
    const marker = segment[1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // TEM and RSTn have no length
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) break; // SOI, EOI or scan data before any frame header
    if (isStartOfFrame(marker)) {
      if (segment.length < 9) break;
      const view = viewOf(segment);
      return sized('jpeg', view.getUint16(7), view.getUint16(5));
    }
    const length = viewOf(segment).getUint16(2);
    if (length < 2) break;
    offset += 2 + length;
  }
  return { kind: 'damaged', type: 'jpeg' };
}

export function isStartOfFrame(marker: number): boolean {
  // C4 (DHT), C8 (reserved) and CC (DAC) share the range but are not frame headers.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * RIFF `WEBP`: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size);
 * the RIFF size must fit the file.
 */
function readWebp(source: ByteSource): Content {
  const { head } = source;
  const damaged = { kind: 'damaged', type: 'webp' } as const;
  if (head.length < 30) return damaged;
  const view = viewOf(head);
  if (view.getUint32(4, true) + 8 > source.size) return damaged;
  const chunk = latin1(head, 12, 4);
  if (chunk === 'VP8 ') {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return damaged; // key frame start code
    return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (head[20] !== 0x2f) return damaged;
    const bits = view.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const width = 1 + (head[24]! | (head[25]! << 8) | (head[26]! << 16));
    const height = 1 + (head[27]! | (head[28]! << 8) | (head[29]! << 16));
    return sized('webp', width, height);
  }
  return damaged;
}
