/**
 * Blanks a HEIC's or AVIF's EXIF and XMP items in place: the item list (`iinf`) says which items are
 * metadata, their locations (`iloc`) say where their bytes are, and those bytes become zeros. Nothing
 * moves, so every other offset in the file stays right and the picture is untouched. No DOM.
 */
import { MetadataNotRemovable } from './not-removable.js';
import { boxes, MAX_META_BYTES } from './iso-bmff.js';
import { latin1, viewOf } from './bytes.js';

const XMP_CONTENT_TYPES = ['application/rdf+xml', 'application/xmp+xml'];

export function blankHeifMetadata(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const output = input.slice();
  const meta = [...boxes(output, 0, output.length)].find((box) => box.type === 'meta');
  if (!meta) throw new MetadataNotRemovable('the image has no item table');
  if (meta.end - meta.start > MAX_META_BYTES) throw new MetadataNotRemovable('the image’s item table is too large');
  const view = viewOf(output);
  const children = [...boxes(output, meta.body + 4, meta.end)];
  const iinf = children.find((box) => box.type === 'iinf');
  const iloc = children.find((box) => box.type === 'iloc');
  const idat = children.find((box) => box.type === 'idat');
  if (!iinf || !iloc) throw new MetadataNotRemovable('the image has no item table');

  const metadataItems = new Set<number>();
  const iinfVersion = output[iinf.body]!;
  for (const infe of boxes(output, iinf.body + 4 + (iinfVersion === 0 ? 2 : 4), iinf.end)) {
    if (infe.type !== 'infe') continue;
    const version = output[infe.body]!;
    if (version < 2) continue; // versions 0 and 1 name no item type
    let at = infe.body + 4;
    const id = version === 2 ? view.getUint16(at) : view.getUint32(at);
    at += (version === 2 ? 2 : 4) + 2; // item id, protection index
    const type = latin1(output, at, 4);
    at += 4;
    const nameEnd = output.indexOf(0, at);
    const contentType = type === 'mime' && nameEnd >= 0 ? cString(output, nameEnd + 1, infe.end) : '';
    if (type === 'Exif' || XMP_CONTENT_TYPES.includes(contentType)) metadataItems.add(id);
  }

  for (const extent of locations(output, iloc.body, iloc.end, metadataItems)) {
    let start: number;
    if (extent.method === 0) start = extent.offset;
    else if (extent.method === 1 && idat) start = idat.body + extent.offset;
    else throw new MetadataNotRemovable('the metadata is stored in a way that cannot be blanked');
    const end = extent.length === 0 ? output.length : start + extent.length;
    if (start < 0 || end > output.length || (extent.method === 1 && idat && end > idat.end))
      throw new MetadataNotRemovable('the metadata’s location lies outside the file');
    output.fill(0, start, end);
  }
  return output;
}

interface Extent {
  method: number;
  offset: number;
  length: number;
}

/** The extents of the wanted items in an `iloc` box (versions 0, 1 and 2). */
function locations(bytes: Uint8Array, body: number, end: number, wanted: ReadonlySet<number>): Extent[] {
  const view = viewOf(bytes);
  const version = bytes[body]!;
  let at = body + 4;
  const offsetSize = bytes[at]! >> 4;
  const lengthSize = bytes[at]! & 15;
  const baseOffsetSize = bytes[at + 1]! >> 4;
  const indexSize = version > 0 ? bytes[at + 1]! & 15 : 0;
  at += 2;
  const read = (size: number): number => {
    if (at + size > end) throw new MetadataNotRemovable('the image’s item table is cut off');
    const value =
      size === 0
        ? 0
        : size === 4
          ? view.getUint32(at)
          : size === 8
            ? view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4)
            : size === 2
              ? view.getUint16(at)
              : NaN;
    if (Number.isNaN(value)) throw new MetadataNotRemovable('the image’s item table is broken');
    at += size;
    return value;
  };
  const count = read(version < 2 ? 2 : 4);
  const found: Extent[] = [];
  for (let item = 0; item < count; item++) {
    const id = read(version < 2 ? 2 : 4);
    const method = version > 0 ? read(2) & 15 : 0;
    read(2); // data reference index
    const base = read(baseOffsetSize);
    const extents = read(2);
    for (let e = 0; e < extents; e++) {
      if (indexSize) read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (wanted.has(id)) found.push({ method, offset: base + offset, length });
    }
  }
  return found;
}

function cString(bytes: Uint8Array, start: number, end: number): string {
  const stop = bytes.indexOf(0, start);
  return latin1(bytes, start, (stop < 0 || stop > end ? end : stop) - start);
}
