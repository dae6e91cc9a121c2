/**
 * ISO base media files (HEIC, AVIF, MP4, M4V, MOV, M4A): the brands in `ftyp`, the top-level boxes
 * walked by their headers only (a box that runs past the end means a cut-off file), and for HEIF
 * images the `meta` box wherever it sits, read whole up to a bound. No DOM.
 */
import { type Content, sized } from './content.js';
import { type ByteSource, latin1, viewOf } from './bytes.js';

/** Brands that promise an HEVC-coded image. */
const HEVC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'];
const AVIF_BRANDS = ['avif', 'avis'];
/** HEIF brands that name no codec: the image's properties must say which it is. */
const GENERIC_HEIF_BRANDS = ['mif1', 'msf1', 'mif2', 'miaf'];
const MP4_BRANDS = [
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4',
  '3gp4', '3gp5', '3gp6', '3g2a', 'f4v ', 'XAVC', 'MSNV', 'NDAS',
]; // prettier-ignore
const M4A_BRANDS = ['M4A ', 'M4B ', 'M4P '];
/** QuickTime files made before `ftyp` existed start straight with one of these. */
const QUICKTIME_FIRST_BOXES = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];
/** Real files have a handful of top-level boxes; thousands mean a crafted one. */
const MAX_TOP_LEVEL_BOXES = 4096;
/** A HEIF `meta` box holds item tables and properties, a few kilobytes in a photo. */
export const MAX_META_BYTES = 1024 * 1024;

export interface Box {
  type: string;
  /** Where the box starts in the bytes at hand. */
  start: number;
  /** Where the box's content starts. */
  body: number;
  /** Where it ends, clipped to the bytes at hand. */
  end: number;
}

export function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
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
    yield {
      type: latin1(bytes, offset + 4, 4),
      start: offset,
      body: offset + headerSize,
      end: Math.min(offset + size, end),
    };
    offset += size;
  }
}

export function findBox(bytes: Uint8Array, start: number, end: number, type: string): Box | undefined {
  for (const box of boxes(bytes, start, end)) if (box.type === type) return box;
  return undefined;
}

interface TopLevelBox {
  type: string;
  offset: number;
  size: number;
}

/** The file's top-level boxes, reading 16 bytes per box; undefined when one runs past the end or the list is absurd. */
async function topLevelBoxes(source: ByteSource): Promise<TopLevelBox[] | undefined> {
  const found: TopLevelBox[] = [];
  for (let offset = 0; offset < source.size;) {
    if (found.length >= MAX_TOP_LEVEL_BOXES) return undefined;
    const header = await source.read(offset, 16);
    if (header.length < 8) return undefined;
    const view = viewOf(header);
    let size = view.getUint32(0);
    if (size === 1) {
      if (header.length < 16) return undefined;
      size = view.getUint32(8) * 2 ** 32 + view.getUint32(12);
    } else if (size === 0) {
      size = source.size - offset;
    }
    if (size < 8 || offset + size > source.size) return undefined;
    found.push({ type: latin1(header, 4, 4), offset, size });
    offset += size;
  }
  return found;
}

function brandsOf(head: Uint8Array): { major: string; all: string[] } | undefined {
  if (head.length < 16 || latin1(head, 4, 4) !== 'ftyp') return undefined;
  const ftypSize = viewOf(head).getUint32(0);
  if (ftypSize < 16) return undefined;
  const major = latin1(head, 8, 4);
  const all = [major];
  for (let offset = 16; offset + 4 <= Math.min(ftypSize, head.length); offset += 4) all.push(latin1(head, offset, 4));
  return { major, all };
}

/** True when the head looks like an ISO base media file at all. */
export function looksIsoBmff(head: Uint8Array): boolean {
  const type = latin1(head, 4, 4);
  return (
    type === 'ftyp' || (head.length >= 8 && QUICKTIME_FIRST_BOXES.includes(type) && viewOf(head).getUint32(0) >= 8)
  );
}

export async function readIsoBmff(source: ByteSource): Promise<Content> {
  const brands = brandsOf(source.head);
  if (!brands) {
    if (latin1(source.head, 4, 4) === 'ftyp') return { kind: 'damaged', type: 'heic' };
    return withMovie(source, 'mov');
  }
  const has = (list: string[]) => brands.all.some((brand) => list.includes(brand));
  if (has(HEVC_BRANDS) || has(AVIF_BRANDS) || has(GENERIC_HEIF_BRANDS)) {
    const image = await readHeif(source, has(HEVC_BRANDS), has(AVIF_BRANDS));
    if (image) return image;
    // Only image brands and no image in it (a bare `ftypmif1`): an image file that is incomplete.
    if (!has(MP4_BRANDS) && !has(M4A_BRANDS) && brands.major !== 'qt  ') return { kind: 'damaged', type: 'heic' };
  }
  if (brands.major === 'qt  ') return withMovie(source, 'mov');
  if (M4A_BRANDS.includes(brands.major) || (has(M4A_BRANDS) && !brands.all.includes('M4V ')))
    return withMovie(source, 'm4a');
  if (has(MP4_BRANDS)) return withMovie(source, 'mp4');
  return { kind: 'other', label: 'a video or other media file' };
}

/** A movie or sound file is whole when its boxes fill the file exactly and one of them is the index (`moov`). */
async function withMovie(source: ByteSource, type: 'mp4' | 'mov' | 'm4a'): Promise<Content> {
  const top = await topLevelBoxes(source);
  if (!top || !top.some((box) => box.type === 'moov')) return { kind: 'damaged', type };
  return { kind: 'file', type };
}

/**
 * A HEIF image: `meta` (found wherever it sits among the top-level boxes) with the `pict` handler. The
 * codec comes from the image properties (`hvcC` or `av1C`), which must agree with the brands, so an AVIF
 * listing `heic` is an AVIF and a bare `mif1` is nothing. The size is the largest `ispe` (the others are
 * tiles or thumbnails); without one the pixel limit could not be applied, so the file counts as damaged.
 * Undefined when there is no image here at all (e.g. an MP4 that lists `iso6` and `mif1`).
 */
async function readHeif(source: ByteSource, hevcBrand: boolean, avifBrand: boolean): Promise<Content | undefined> {
  const declared = avifBrand && !hevcBrand ? 'avif' : 'heic';
  const meta = await readMeta(source);
  if (meta === 'damaged') return { kind: 'damaged', type: declared };
  if (!meta) return hevcBrand || avifBrand ? { kind: 'damaged', type: declared } : undefined;
  const { properties } = meta;
  const hevc = properties.some((box) => box.type === 'hvcC');
  const av1 = properties.some((box) => box.type === 'av1C');
  let type: 'heic' | 'avif';
  if (av1 && !hevc) type = 'avif';
  else if (hevc && !av1 && !(avifBrand && !hevcBrand)) type = 'heic';
  else return { kind: 'damaged', type: declared };
  if (type === 'avif' && !avifBrand) return { kind: 'other', label: 'an AV1 image without the AVIF brand' };
  let width = 0;
  let height = 0;
  const view = viewOf(meta.bytes);
  for (const box of properties) {
    if (box.type !== 'ispe' || box.body + 12 > box.end) continue;
    const [boxWidth, boxHeight] = [view.getUint32(box.body + 4), view.getUint32(box.body + 8)];
    if (boxWidth === 0 || boxHeight === 0) return { kind: 'damaged', type };
    if (boxWidth * boxHeight > width * height) [width, height] = [boxWidth, boxHeight];
  }
  // The photo's own size is the primary item's: a coded image padded to whole blocks (libheif's 64×48 is
  // a 64×64 tile cropped by a grid) is larger. Only a little larger counts as padding: an item far larger
  // than the primary one keeps the limit applied to the largest, which a decoder may be made to decode.
  const primary = primarySize(meta);
  if (primary && primary.width * primary.height * 2 >= width * height)
    return sized(type, primary.width, primary.height);
  return sized(type, width, height);
}

/** The `ispe` associated with the primary item (`pitm`, through `ipma`), if the boxes say so plainly. */
function primarySize({ bytes, children, properties }: HeifMeta): { width: number; height: number } | undefined {
  const view = viewOf(bytes);
  const pitm = children.find((box) => box.type === 'pitm');
  const iprp = children.find((box) => box.type === 'iprp');
  const ipma = iprp && findBox(bytes, iprp.body, iprp.end, 'ipma');
  if (!pitm || !ipma || pitm.body + 6 > pitm.end || ipma.body + 8 > ipma.end) return undefined;
  const primaryId = bytes[pitm.body] === 0 ? view.getUint16(pitm.body + 4) : view.getUint32(pitm.body + 4);
  const version = bytes[ipma.body]!;
  const wideIndex = (bytes[ipma.body + 3]! & 1) === 1;
  let at = ipma.body + 8;
  for (let entry = view.getUint32(ipma.body + 4); entry > 0; entry--) {
    const idSize = version < 1 ? 2 : 4;
    if (at + idSize + 1 > ipma.end) return undefined;
    const itemId = idSize === 2 ? view.getUint16(at) : view.getUint32(at);
    const count = bytes[at + idSize]!;
    at += idSize + 1;
    for (let n = 0; n < count; n++, at += wideIndex ? 2 : 1) {
      if (at + (wideIndex ? 2 : 1) > ipma.end) return undefined;
      if (itemId !== primaryId) continue;
      const index = wideIndex ? view.getUint16(at) & 0x7fff : bytes[at]! & 0x7f;
      const box = properties[index - 1];
      if (box?.type === 'ispe' && box.body + 12 <= box.end)
        return { width: view.getUint32(box.body + 4), height: view.getUint32(box.body + 8) };
    }
  }
  return undefined;
}

export interface HeifMeta {
  /** The `meta` box's bytes. */
  bytes: Uint8Array;
  /** Where the box sits in the file. */
  offset: number;
  /** Its children (after the 4 bytes of version and flags). */
  children: Box[];
  /** The boxes in iprp › ipco. */
  properties: Box[];
}

/** The top-level `meta` box with the `pict` handler, read whole; 'damaged' when it is too big or the file is cut off. */
export async function readMeta(source: ByteSource): Promise<HeifMeta | 'damaged' | undefined> {
  const top = await topLevelBoxes(source);
  if (!top) return 'damaged';
  const located = top.find((box) => box.type === 'meta');
  if (!located) return undefined;
  if (located.size > MAX_META_BYTES) return 'damaged';
  const bytes = await source.read(located.offset, located.size);
  const [meta] = [...boxes(bytes, 0, bytes.length)];
  if (!meta) return 'damaged';
  const children = [...boxes(bytes, meta.body + 4, meta.end)]; // meta is a full box
  const handler = children.find((box) => box.type === 'hdlr');
  if (!handler || latin1(bytes, handler.body + 8, 4) !== 'pict') return undefined;
  const iprp = children.find((box) => box.type === 'iprp');
  const ipco = iprp && findBox(bytes, iprp.body, iprp.end, 'ipco');
  return { bytes, offset: located.offset, children, properties: ipco ? [...boxes(bytes, ipco.body, ipco.end)] : [] };
}
