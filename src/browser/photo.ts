import type { ImageType } from '../core/file-policy.js';
import { identifyImage } from '../core/file-signatures.js';
import type { PreparedPhoto } from '../core/ports.js';
import { keptOrientation, MetadataNotRemovable, stripMetadata } from '../core/strip-metadata.js';
import { decodeHeic, drawScaled, type HeicDecoderLoader } from './heic.js';

export type { PreparedPhoto };
export {
  decodeHeic,
  HeicNotDecoded,
  heicDecoderLoader,
  showHeicPhotos,
  wasmAllowed,
  type DecodedHeic,
  type DecodeHeicOptions,
  type HeicDecoderLoader,
  type HeicNotDecodedReason,
  type LibheifBundle,
} from './heic.js';

export interface PreparePhotoOptions {
  /** The longest side after scaling, in pixels. Default 2048. */
  maxLongSide?: number;
  /** JPEG quality between 0 and 1. Default 0.9. PNG is lossless and ignores it. */
  quality?: number;
  /**
   * Sends a HEIC as a JPEG, which every customer's device shows: decoded with this libheif loader
   * (`() => import('libheif-js/libheif-wasm/libheif-bundle.mjs')`), scaled like any photo and encoded
   * again, so its metadata (Exif, GPS, XMP) is gone. Off by default: a HEIC then goes as HEIC with its
   * metadata removed. When it cannot be converted (the page's policy refuses WebAssembly, the decoder
   * does not load, the file does not decode) the HEIC goes that way too.
   */
  convertHeic?: HeicDecoderLoader;
  /** Photos with more pixels than this are not decoded for conversion. Default 40,000,000. */
  maxPixels?: number;
}

const DEFAULT_MAX_LONG_SIDE = 2048;
const DEFAULT_JPEG_QUALITY = 0.9;
const MIME_TYPE: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  avif: 'image/avif',
};

/**
 * Gets a photo ready to leave the device. JPEG and PNG are decoded, turned upright by their EXIF
 * orientation, scaled so the longest side is at most `maxLongSide`, and encoded again in the same
 * format: the new file carries no metadata, so no EXIF camera details and no GPS position reach the customer.
 *
 * Images that cannot be re-encoded have their metadata removed without decoding (`stripped: true`):
 * HEIC and AVIF, which the browser cannot encode, GIF and WebP, whose animation re-encoding would stop,
 * and a JPEG or PNG the browser fails to decode. When even that is impossible the promise rejects with
 * an `invalid` ConvError (details.reason `metadata-not-removable`) whose message says why: the original,
 * with its location, is never sent instead. Files that are not images go as chosen. The type is decided
 * by the file's bytes, never by its name.
 */
export async function preparePhotoForUpload(file: File, options: PreparePhotoOptions = {}): Promise<PreparedPhoto> {
  const maxLongSide = options.maxLongSide ?? DEFAULT_MAX_LONG_SIDE;
  const quality = options.quality ?? DEFAULT_JPEG_QUALITY;
  const image = await identifyImage(file);
  const asChosen: PreparedPhoto = {
    file,
    reencoded: false,
    ...(image?.width !== undefined && image.height !== undefined ? { width: image.width, height: image.height } : {}),
  };
  if (!image) return asChosen;
  if (image.type === 'heic' && options.convertHeic) {
    const converted = await heicAsJpeg(file, options.convertHeic, maxLongSide, quality, options.maxPixels);
    if (converted) return converted;
  }
  if (image.type !== 'jpeg' && image.type !== 'png') return stripped(file, image.type, asChosen);

  let bitmap: ImageBitmap;
  try {
    // 'from-image' applies the EXIF rotation now, since the metadata that states it is about to go.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return stripped(file, image.type, asChosen);
  }
  try {
    const scale = Math.min(1, maxLongSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const mimeType = image.type === 'jpeg' ? 'image/jpeg' : 'image/png';
    const encoded = await drawAndEncode(bitmap, width, height, mimeType, quality);
    return { file: new File([encoded], file.name, { type: mimeType }), reencoded: true, width, height };
  } finally {
    bitmap.close();
  }
}

/** The HEIC decoded, scaled and encoded as a JPEG named like it (IMG_0001.jpg); undefined when that fails. */
async function heicAsJpeg(
  file: File,
  load: HeicDecoderLoader,
  maxLongSide: number,
  quality: number,
  maxPixels: number | undefined,
): Promise<PreparedPhoto | undefined> {
  try {
    const decoded = await decodeHeic(file, { load, ...(maxPixels !== undefined && { maxPixels }) });
    const scale = Math.min(1, maxLongSide / Math.max(decoded.width, decoded.height));
    const width = Math.max(1, Math.round(decoded.width * scale));
    const height = Math.max(1, Math.round(decoded.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    drawScaled(canvas.getContext('2d'), decoded, width, height);
    const encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    const name = `${file.name.replace(/\.[^.]*$/, '')}.jpg`;
    return { file: new File([encoded], name, { type: 'image/jpeg' }), reencoded: true, width, height };
  } catch {
    return undefined;
  }
}

/**
 * An `invalid` ConvError by shape, which `isConvError` and the composer accept. Importing errors.ts (or
 * the policy's words) here would move them into a chunk of their own that the page loads as well.
 */
class PhotoNotSendable extends Error {
  override readonly name = 'ConvError';
  readonly code = 'invalid';
  readonly retryable = false;

  constructor(
    message: string,
    readonly details: { reason: 'metadata-not-removable'; fileName: string },
  ) {
    super(message);
  }
}

/** The name as a sentence may show it: control and direction-changing characters replaced, isolated from the text around it. */
function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return `\u2068${name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')}\u2069`;
}

/** The photo without its metadata, bytes otherwise untouched; rejects with the reason when that cannot be done. */
async function stripped(file: File, type: ImageType, asChosen: PreparedPhoto): Promise<PreparedPhoto> {
  try {
    const output = stripMetadata(new Uint8Array(await file.arrayBuffer()), type);
    const { width, height } = asChosen;
    // A kept orientation of 5 to 8 turns the picture a quarter: it is shown with its sides swapped.
    const turned = type === 'jpeg' && keptOrientation(output) >= 5 && width !== undefined && height !== undefined;
    return {
      ...asChosen,
      ...(turned ? { width: height, height: width } : {}),
      file: new File([output], file.name, { type: MIME_TYPE[type] }),
      stripped: true,
    };
  } catch (error) {
    const why = error instanceof MetadataNotRemovable ? error.message : 'the file could not be read';
    throw new PhotoNotSendable(
      `“${shownName(file.name)}” was not sent: its hidden details, such as where it was taken, could not be removed (${why}). Remove it, or send a screenshot of it instead.`,
      { reason: 'metadata-not-removable', fileName: file.name },
    );
  }
}

/** Draws the bitmap at the given size and encodes it: OffscreenCanvas where available, else a canvas element. */
async function drawAndEncode(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  mimeType: string,
  quality: number,
): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    draw(canvas.getContext('2d'), bitmap, width, height);
    return canvas.convertToBlob({ type: mimeType, quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d'), bitmap, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded'))),
      mimeType,
      quality,
    ),
  );
}

function draw(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null,
  bitmap: ImageBitmap,
  width: number,
  height: number,
): void {
  if (!context) throw new Error('The photo could not be drawn: no 2D canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
}
