/**
 * Removes an image's metadata without decoding it, for the photos a browser cannot re-encode (HEIC,
 * AVIF, animated GIF and WebP, JPEGs it fails to decode). Only what drawing the picture needs is kept:
 * JPEG loses its APPn segments but JFIF, ICC colour and Adobe colour-transform ones, and every comment
 * (the EXIF orientation survives in a one-tag EXIF block, so the photo still stands upright); PNG and WebP
 * keep their image and colour chunks only; GIF loses comments and application blocks but looping;
 * HEIC and AVIF keep their layout and get their EXIF and XMP items overwritten with zeros. Anything after
 * the image's end is dropped. Throws MetadataNotRemovable, with the reason in words, when it cannot. No DOM.
 */
import type { ImageType } from './file-policy.js';
import { MetadataNotRemovable } from './file-types/not-removable.js';
import { blankHeifMetadata } from './file-types/strip-heif.js';

export { MetadataNotRemovable };

/** Bytes that only metadata carries: EXIF's header with its TIFF byte order, and XMP's packet. Checked for after stripping. */
const METADATA_MARKS = ['Exif\0\0MM\0*', 'Exif\0\0II*\0', '<x:xmpmeta', 'http://ns.adobe.com/xap/1.0/'];

export function stripMetadata(input: Uint8Array, type: ImageType): Uint8Array<ArrayBuffer> {
  const stripped = strippers[type](input);
  const body = type === 'jpeg' ? stripped.subarray(uprightSegmentLength(stripped)) : stripped;
  if (METADATA_MARKS.some((mark) => indexOfText(body, mark) >= 0))
    throw new MetadataNotRemovable('metadata was found where no metadata belongs');
  return stripped;
}

const strippers: Record<ImageType, (input: Uint8Array) => Uint8Array<ArrayBuffer>> = {
  jpeg: stripJpeg,
  png: stripPng,
  gif: stripGif,
  webp: stripWebp,
  heic: blankHeifMetadata,
  avif: blankHeifMetadata,
};

// ── JPEG ─────────────────────────────────────────────────────────────────────────────────────────

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

function stripJpeg(input: Uint8Array): Uint8Array<ArrayBuffer> {
  if (input[0] !== 0xff || input[1] !== 0xd8) throw new MetadataNotRemovable('the JPEG does not start as one');
  const kept: Uint8Array[] = [input.subarray(0, 2)];
  let orientation = 1;
  let offset = 2;
  // Header segments, up to and including the first scan header.
  for (;;) {
    while (input[offset] === 0xff && input[offset + 1] === 0xff) offset++; // fill bytes
    if (offset + 4 > input.length || input[offset] !== 0xff)
      throw new MetadataNotRemovable('the JPEG’s header is cut off or broken');
    const marker = input[offset + 1]!;
    if (marker === EOI) throw new MetadataNotRemovable('the JPEG ends before its picture');
    const end = offset + 2 + ((input[offset + 2]! << 8) | input[offset + 3]!);
    if (end > input.length) throw new MetadataNotRemovable('the JPEG’s header is cut off');
    const segment = input.subarray(offset, end);
    if (marker === APP1 && startsWithText(segment, 'Exif\0\0', 4))
      orientation = exifOrientation(segment) ?? orientation;
    if (keepJpegSegment(marker, segment)) kept.push(segment);
    offset = end;
    if (marker === SOS) break;
  }
  // Entropy-coded data and the segments between scans; stuffed bytes (FF00) and restart markers are data.
  for (let start = offset; ;) {
    const at = input.indexOf(0xff, offset);
    if (at < 0 || at + 1 >= input.length) {
      kept.push(input.subarray(start)); // cut off before its end marker: kept as far as it goes
      break;
    }
    const marker = input[at + 1]!;
    if (marker === 0x00 || marker === 0xff || (marker >= 0xd0 && marker <= 0xd7)) {
      offset = at + (marker === 0xff ? 1 : 2);
      continue;
    }
    kept.push(input.subarray(start, at));
    if (marker === EOI) {
      kept.push(input.subarray(at, at + 2)); // whatever trails the image (a motion clip, a maker's block) is dropped
      break;
    }
    if (at + 4 > input.length) break;
    const end = Math.min(input.length, at + 2 + ((input[at + 2]! << 8) | input[at + 3]!));
    if (keepJpegSegment(marker, input.subarray(at, end))) kept.push(input.subarray(at, end));
    offset = start = end;
  }
  const upright = orientation === 1 ? [] : [orientationSegment(orientation)];
  return concat([kept[0]!, ...upright, ...kept.slice(1)]);
}

/** Segments that drawing needs: all but APPn and comments, and of APPn only JFIF, ICC colour and Adobe's colour transform. */
function keepJpegSegment(marker: number, segment: Uint8Array): boolean {
  if (marker === COM) return false;
  if (marker < APP0 || marker > 0xef) return true;
  if (marker === APP0) return startsWithText(segment, 'JFIF\0', 4);
  if (marker === APP2) return startsWithText(segment, 'ICC_PROFILE\0', 4);
  if (marker === APP14) return startsWithText(segment, 'Adobe', 4);
  return false;
}

/** The orientation tag (0x0112) of IFD0 in an EXIF APP1 segment, if it is there and sane. */
function exifOrientation(segment: Uint8Array): number | undefined {
  const tiff = 10; // marker, length, "Exif\0\0"
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  if (tiff + 8 > segment.length) return undefined;
  const little = segment[tiff] === 0x49;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > segment.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > segment.length) return undefined;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** An EXIF block with one tag, the orientation: the only metadata kept, so the photo is shown the right way up. */
function orientationSegment(orientation: number): Uint8Array {
  return Uint8Array.from([
    0xff, APP1, 0, 34, ...ascii('Exif\0\0'),
    ...ascii('MM'), 0, 42, 0, 0, 0, 8, // big-endian TIFF, IFD0 at 8
    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // one SHORT: Orientation
    0, 0, 0, 0, // no next IFD
  ]); // prettier-ignore
}

/** The orientation a stripped JPEG kept (1 when none): 5 to 8 mean the picture is shown turned a quarter. */
export function keptOrientation(jpeg: Uint8Array): number {
  return uprightSegmentLength(jpeg) > 2 ? jpeg[2 + 4 + 6 + 8 + 2 + 8 + 1]! : 1;
}

/** How long the one-tag orientation block at the start of a stripped JPEG is (0 when there is none). */
function uprightSegmentLength(jpeg: Uint8Array): number {
  return jpeg[2] === 0xff && jpeg[3] === APP1 && startsWithText(jpeg, 'Exif\0\0', 6) ? 2 + 36 : 2;
}

// ── PNG ──────────────────────────────────────────────────────────────────────────────────────────

/** Chunks that say how to draw the picture (APNG's frames included); text, EXIF, time and private chunks go. */
const PNG_KEPT_CHUNKS = [
  'IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'hIST',
  'sPLT', 'cICP', 'mDCv', 'cLLi', 'acTL', 'fcTL', 'fdAT',
]; // prettier-ignore

function stripPng(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const kept: Uint8Array[] = [input.subarray(0, 8)];
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let offset = 8; offset + 8 <= input.length;) {
    const type = text(input, offset + 4, 4);
    const end = offset + 12 + view.getUint32(offset);
    if (PNG_KEPT_CHUNKS.includes(type)) kept.push(input.subarray(offset, Math.min(end, input.length)));
    if (type === 'IEND') break; // anything after the end is dropped
    offset = end;
  }
  if (kept.length < 2) throw new MetadataNotRemovable('the PNG has no image header');
  return concat(kept);
}

// ── GIF ──────────────────────────────────────────────────────────────────────────────────────────

/** Application blocks that only say how an animation loops. */
const GIF_LOOPING = ['NETSCAPE2.0', 'ANIMEXTS1.0'];

function stripGif(input: Uint8Array): Uint8Array<ArrayBuffer> {
  if (input.length < 13) throw new MetadataNotRemovable('the GIF is cut off');
  const globalColours = input[10]! & 0x80 ? 3 * 2 ** ((input[10]! & 7) + 1) : 0;
  const kept: Uint8Array[] = [input.subarray(0, 13 + globalColours)];
  let offset = 13 + globalColours;
  const subBlocks = (from: number) => {
    let at = from;
    while (at < input.length && input[at] !== 0) at += 1 + input[at]!;
    return Math.min(at + 1, input.length);
  };
  while (offset < input.length) {
    const introducer = input[offset]!;
    if (introducer === 0x3b) {
      kept.push(input.subarray(offset, offset + 1));
      return concat(kept);
    }
    if (introducer === 0x2c) {
      if (offset + 10 > input.length) break;
      const packed = input[offset + 9]!;
      const localColours = packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0;
      const end = subBlocks(offset + 10 + localColours + 1); // descriptor, colours, LZW code size, data
      kept.push(input.subarray(offset, end));
      offset = end;
      continue;
    }
    if (introducer !== 0x21) throw new MetadataNotRemovable('the GIF’s blocks are broken');
    const label = input[offset + 1];
    const end = subBlocks(offset + 2);
    const keep =
      label === 0xf9 || label === 0x01 || (label === 0xff && GIF_LOOPING.includes(text(input, offset + 3, 11)));
    if (keep) kept.push(input.subarray(offset, end));
    offset = end;
  }
  kept.push(Uint8Array.of(0x3b)); // cut off: what was there, closed
  return concat(kept);
}

// ── WebP ─────────────────────────────────────────────────────────────────────────────────────────

const WEBP_KEPT_CHUNKS = ['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP'];
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const end = Math.min(input.length, 8 + view.getUint32(4, true));
  const kept: Uint8Array[] = [];
  for (let offset = 12; offset + 8 <= end;) {
    const type = text(input, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const next = offset + 8 + size + (size & 1);
    if (next > end) throw new MetadataNotRemovable('the WebP is cut off');
    if (WEBP_KEPT_CHUNKS.includes(type)) {
      const chunk = input.slice(offset, next);
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP); // no longer announced
      kept.push(chunk);
    }
    offset = next;
  }
  const body = concat(kept);
  const length = 4 + body.length;
  const header = Uint8Array.of(
    ...ascii('RIFF'),
    length & 0xff,
    (length >> 8) & 0xff,
    (length >> 16) & 0xff,
    length >>> 24,
    ...ascii('WEBP'),
  );
  return concat([header, body]);
}

// ── bytes ────────────────────────────────────────────────────────────────────────────────────────

function ascii(value: string): number[] {
  return Array.from(value, (char) => char.charCodeAt(0));
}

function text(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function startsWithText(bytes: Uint8Array, value: string, at: number): boolean {
  return text(bytes, at, value.length) === value;
}

export function indexOfText(bytes: Uint8Array, value: string): number {
  const first = value.charCodeAt(0);
  for (let at = bytes.indexOf(first); at >= 0 && at + value.length <= bytes.length; at = bytes.indexOf(first, at + 1))
    if (startsWithText(bytes, value, at)) return at;
  return -1;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
