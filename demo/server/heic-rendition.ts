/**
 * A JPEG rendition of a stored HEIC photo, so that every browser can show it (most cannot draw a HEIC)
 * under the strictest page policy, with no decoder in the page: the attachment's `thumbnailUrl`.
 *
 * The decoder (heic-decode, libheif compiled to WebAssembly) runs in a worker thread of its own, so a
 * hostile file can cost at most `timeoutMs` and the worker's memory limit, and never blocks the server:
 * the worker is ended when the time is up. A photo larger than `maxPixels` (the file-type policy's
 * limit) is never decoded. The JPEG (jpeg-js) carries no metadata: no Exif, no GPS, no XMP.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

export interface RenditionOptions {
  /** Photos with more pixels than this are not decoded. */
  maxPixels: number;
  /** The longest side of the rendition, in pixels. Default 2048. */
  maxLongSide?: number;
  /** How long decoding and encoding may take. Default 10 s. */
  timeoutMs?: number;
}

export type RenditionResult =
  | { ok: true; jpeg: Uint8Array; width: number; height: number }
  | { ok: false; reason: 'too-many-pixels' | 'undecodable' | 'timed-out' };

const DEFAULT_MAX_LONG_SIDE = 2048;
const DEFAULT_TIMEOUT_MS = 10_000;
const JPEG_QUALITY = 85;

// CommonJS, evaluated in the worker: both packages are CommonJS, found from this file's place.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.decoderPath);
const jpeg = require(workerData.encoderPath);
(async () => {
  const { bytes, maxPixels, maxLongSide, quality } = workerData;
  let images;
  try {
    images = await decode.all({ buffer: bytes });
  } catch {
    return parentPort.postMessage({ ok: false, reason: 'undecodable' });
  }
  try {
    const image = images[0];
    if (!image || !(image.width > 0 && image.height > 0)) return parentPort.postMessage({ ok: false, reason: 'undecodable' });
    if (image.width * image.height > maxPixels) return parentPort.postMessage({ ok: false, reason: 'too-many-pixels' });
    const full = await image.decode();
    const scale = Math.min(1, maxLongSide / Math.max(full.width, full.height));
    const width = Math.max(1, Math.round(full.width * scale));
    const height = Math.max(1, Math.round(full.height * scale));
    const data = scale === 1 ? full.data : shrink(full, width, height);
    const encoded = jpeg.encode({ data, width, height }, quality);
    parentPort.postMessage({ ok: true, jpeg: encoded.data, width, height });
  } catch {
    parentPort.postMessage({ ok: false, reason: 'undecodable' });
  } finally {
    images.dispose();
  }
})();
// Each output pixel is the mean of the source pixels it covers (a box filter): no aliasing when shrinking a lot.
function shrink(source, width, height) {
  const out = new Uint8Array(width * height * 4);
  const sx = source.width / width, sy = source.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy), y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx), x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0, g = 0, b = 0, n = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * source.width + xx) * 4;
          r += source.data[i]; g += source.data[i + 1]; b += source.data[i + 2]; n++;
        }
      const o = (y * width + x) * 4;
      out[o] = r / n; out[o + 1] = g / n; out[o + 2] = b / n; out[o + 3] = 255;
    }
  }
  return out;
}
`;

const packages = createRequire(import.meta.url);

/** Decodes the HEIC and encodes it as a JPEG; answers why not when it cannot, never throws. */
export function heicRendition(bytes: Uint8Array, options: RenditionOptions): Promise<RenditionResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          decoderPath: packages.resolve('heic-decode'),
          encoderPath: packages.resolve('jpeg-js'),
          bytes,
          maxPixels: options.maxPixels,
          maxLongSide: options.maxLongSide ?? DEFAULT_MAX_LONG_SIDE,
          quality: JPEG_QUALITY,
        },
        resourceLimits: { maxOldGenerationSizeMb: 512 },
        // libheif prints why a file does not parse: the reason answered is enough.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
    } catch {
      return resolve({ ok: false, reason: 'undecodable' });
    }
    const finish = (result: RenditionResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timed-out' }), timeoutMs);
    worker.once('message', (message: RenditionResult) =>
      finish(message.ok ? { ...message, jpeg: new Uint8Array(message.jpeg) } : message),
    );
    worker.once('error', () => finish({ ok: false, reason: 'undecodable' }));
    worker.once('exit', () => finish({ ok: false, reason: 'undecodable' }));
  });
}
