/**
 * What a file's bytes are, whatever its name says: the signatures and headers of PNG, JPEG, GIF and
 * HEIC (with the image size), and the common files renamed to look like photos. No DOM.
 */
import type { BlobLike, ImageInfo, ImageType } from './file-policy.js';

/** Enough for every header this module reads; a file is never loaded whole. */
const HEAD_BYTES = 64 * 1024;
/** Content sniffers look for markup near the start of a file; 4 KiB covers them with room to spare. */
const MARKUP_SCAN_BYTES = 4 * 1024;
/** Real JPEGs have a handful of segments before the frame header; more means a crafted file. */
const MAX_JPEG_SEGMENTS = 256;

export type Content =
  | { kind: 'image'; type: ImageType; width?: number; height?: number }
  /** Starts like this type, but the header is cut off or broken. */
  | { kind: 'damaged'; type: ImageType }
  /** Not a supported image; the label says what it is when that is recognisable. */
  | { kind: 'other'; label?: string };

const PNG_SIGNATURE = '\x89PNG\r\n\x1a\n';
const JPEG_SIGNATURE = '\xff\xd8\xff';
const GIF_SIGNATURES = ['GIF87a', 'GIF89a'];
/** HEIF brands that mean an HEVC-coded image (heic…) or an image file of unstated codec (mif1, msf1). */
const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];
const HEVC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'];
/** Common things that get renamed to look like photos, so the refusal can say what they really are. */
const FOREIGN_SIGNATURES: ReadonlyArray<readonly [signature: string, label: string]> = [
  ['MZ', 'a Windows program'],
  ['\x7fELF', 'a Linux program'],
  ['%PDF-', 'a PDF document'],
  ['PK\x03\x04', 'a ZIP archive'],
];

export async function identify(source: ByteSource, expected?: ImageType): Promise<Content> {
  const { head } = source;
  const start = latin1(head, 0, 16);
  if (start.startsWith(PNG_SIGNATURE)) return readPng(head);
  if (GIF_SIGNATURES.some((signature) => start.startsWith(signature))) return readGif(head);
  if (start.startsWith(JPEG_SIGNATURE)) return readJpeg(source);
  if (start.slice(4, 8) === 'ftyp' && head.length >= 12) {
    const heic = readHeic(head);
    if (heic) return heic;
    return { kind: 'other', label: latin1(head, 8, 4) === 'avif' ? 'an AVIF image' : 'a video or other media file' };
  }
  // A file that ends while still matching the expected signature was cut off, not disguised.
  if (expected && source.complete && startsLike(start, expected)) return { kind: 'damaged', type: expected };

  const foreign = FOREIGN_SIGNATURES.find(([signature]) => start.startsWith(signature));
  if (foreign) return { kind: 'other', label: foreign[1] };
  const markup = findMarkup(head);
  if (markup) return { kind: 'other', label: markup === 'svg' ? 'an SVG image' : 'a web page' };
  return { kind: 'other' };
}

/** `identifyImage` of file-policy.ts; here so photo preparation, itself loaded lazily, needs no policy. */
export async function identifyImage(file: BlobLike): Promise<ImageInfo | undefined> {
  try {
    const content = await identify(await ByteSource.open(file));
    if (content.kind !== 'image') return undefined;
    const { type, width, height } = content;
    return width !== undefined && height !== undefined ? { type, width, height } : { type };
  } catch {
    return undefined;
  }
}

function startsLike(start: string, type: ImageType): boolean {
  switch (type) {
    case 'png':
      return PNG_SIGNATURE.startsWith(start);
    case 'jpeg':
      return JPEG_SIGNATURE.startsWith(start);
    case 'gif':
      return GIF_SIGNATURES.some((signature) => signature.startsWith(start));
    case 'heic':
      return start.length < 8 ? 'ftyp'.startsWith(start.slice(4)) : start.slice(4, 8) === 'ftyp';
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

function isStartOfFrame(marker: number): boolean {
  // C4 (DHT), C8 (reserved) and CC (DAC) share the range but are not frame headers.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * An ISO-BMFF `ftyp` box naming an HEIF image brand. The size comes from the `ispe` properties in
 * meta › iprp › ipco when they lie in the head; the largest one is the full image (the others are
 * tiles or thumbnails). Returns undefined when the brands are not HEIC's.
 */
function readHeic(head: Uint8Array): Content | undefined {
  const ftypSize = viewOf(head).getUint32(0);
  const brandsEnd = Math.min(ftypSize, head.length);
  if (ftypSize < 16) return undefined;
  const majorBrand = latin1(head, 8, 4);
  const compatibleBrands: string[] = [];
  for (let offset = 16; offset + 4 <= brandsEnd; offset += 4) compatibleBrands.push(latin1(head, offset, 4));
  if (!HEIC_BRANDS.includes(majorBrand) && !compatibleBrands.some((brand) => HEVC_BRANDS.includes(brand)))
    return undefined;

  const meta = findBox(head, 0, head.length, 'meta');
  const iprp = meta && findBox(head, meta.body + 4, meta.end, 'iprp'); // meta is a full box: 4 bytes of version and flags first
  const ipco = iprp && findBox(head, iprp.body, iprp.end, 'ipco');
  let width: number | undefined;
  let height: number | undefined;
  for (const box of ipco ? boxes(head, ipco.body, ipco.end) : []) {
    if (box.type !== 'ispe' || box.body + 12 > box.end) continue;
    const view = viewOf(head);
    const [boxWidth, boxHeight] = [view.getUint32(box.body + 4), view.getUint32(box.body + 8)];
    if (width === undefined || height === undefined || boxWidth * boxHeight > width * height)
      [width, height] = [boxWidth, boxHeight];
  }
  return width !== undefined && height !== undefined ? sized('heic', width, height) : { kind: 'image', type: 'heic' };
}

interface Box {
  type: string;
  /** Where the box's content starts. */
  body: number;
  /** Where it ends, clipped to the bytes at hand. */
  end: number;
}

function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  const view = viewOf(bytes);
  for (let offset = start; offset + 8 <= end;) {
    let size = view.getUint32(offset);
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > end) return;
      size = view.getUint32(offset + 8) * 2 ** 32 + view.getUint32(offset + 12); // 64-bit size
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset; // runs to the end
    }
    if (size < headerSize) return;
    yield { type: latin1(bytes, offset + 4, 4), body: offset + headerSize, end: Math.min(offset + size, end) };
    offset += size;
  }
}

function findBox(bytes: Uint8Array, start: number, end: number, type: string): Box | undefined {
  for (const box of boxes(bytes, start, end)) if (box.type === type) return box;
  return undefined;
}

/** Dimensions of zero mean "not stated here" (a JPEG may define its height later), so they are left out. */
function sized(type: ImageType, width: number, height: number): Content {
  return width > 0 && height > 0 ? { kind: 'image', type, width, height } : { kind: 'image', type };
}

/** The tags that make a sniffing viewer treat bytes as a page or a scriptable drawing. */
const MARKUP = /<(?:script|html|svg|iframe|body)[\s/>]|<!doctype\s+html/i;

export function findMarkup(head: Uint8Array): 'svg' | 'html' | undefined {
  const match = MARKUP.exec(latin1(head, 0, MARKUP_SCAN_BYTES));
  if (!match) return undefined;
  return match[0].toLowerCase().startsWith('<svg') ? 'svg' : 'html';
}

/** Reads the head once; further reads (JPEG segments past the head) slice the file at that spot only. */
export class ByteSource {
  private constructor(
    private readonly file: BlobLike,
    readonly head: Uint8Array,
  ) {}

  static async open(file: BlobLike): Promise<ByteSource> {
    return new ByteSource(file, new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  }

  /** True when the head holds the whole file. */
  get complete(): boolean {
    return this.head.length < HEAD_BYTES;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset + length <= this.head.length || this.complete) return this.head.subarray(offset, offset + length);
    return new Uint8Array(await this.file.slice(offset, offset + length).arrayBuffer());
  }
}

// ── bytes ──

function latin1(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
