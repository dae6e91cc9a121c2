import { identifyImage } from '../core/file-signatures.js';

/**
 * What `import('libheif-js/libheif-wasm/libheif-bundle.mjs')` resolves to: libheif compiled to
 * WebAssembly (about 2 MB), which the page installs itself (`npm install libheif-js`, an optional peer
 * dependency). conv-kit never imports it: the page's loader does, only when a HEIC must be shown.
 */
export interface LibheifBundle {
  default: (options?: Record<string, unknown>) => unknown;
}

/** Loads libheif when a HEIC must be decoded: `() => import('libheif-js/libheif-wasm/libheif-bundle.mjs')`. */
export type HeicDecoderLoader = () => Promise<LibheifBundle>;

/** Why a HEIC was not decoded; the page then shows its card (name, pixels, size, download). */
export type HeicNotDecodedReason = 'no-decoder' | 'wasm-refused' | 'too-many-pixels' | 'undecodable';

export class HeicNotDecoded extends Error {
  override readonly name = 'HeicNotDecoded';
  constructor(readonly reason: HeicNotDecodedReason) {
    super(`The HEIC photo was not decoded (${reason})`);
  }
}

/** Decoded pixels, straight from the photo (no metadata comes along). */
export interface DecodedHeic {
  pixels: ImageData;
  width: number;
  height: number;
}

export interface DecodeHeicOptions {
  /** The decoder; by default the one given to `showHeicPhotos`. */
  load?: HeicDecoderLoader;
  /** Photos with more pixels than this are not decoded. Default 40,000,000, the file-type policy's default. */
  maxPixels?: number;
}

// On globalThis rather than in this module: conv-kit's elements and the `conv-kit/photo` module the page
// imports may come from different bundles (the standalone file, the page's own build); both see this one.
const REGISTERED = Symbol.for('conv-kit.heic-decoder');
const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * Lets conv-kit's elements show HEIC photos that have no JPEG rendition from the backend (a chat message
 * without `thumbnailUrl`, a HEIC waiting in the composer), on browsers that cannot draw HEIC themselves:
 * `showHeicPhotos(() => import('libheif-js/libheif-wasm/libheif-bundle.mjs'))`. The loader runs the first
 * time such a photo is shown, and only when the page's Content-Security-Policy allows WebAssembly
 * (`script-src … 'wasm-unsafe-eval'`); otherwise, or with `undefined`, the photo stays a card.
 */
export function showHeicPhotos(load: HeicDecoderLoader | undefined): void {
  (globalThis as Record<symbol, unknown>)[REGISTERED] = load;
}

/** The loader given to `showHeicPhotos`, if any. */
export function heicDecoderLoader(): HeicDecoderLoader | undefined {
  return (globalThis as Record<symbol, HeicDecoderLoader | undefined>)[REGISTERED];
}

let wasmCheck: Promise<boolean> | undefined;

/**
 * Whether the page's policy lets it compile WebAssembly: the smallest valid module (8 bytes) is compiled
 * once. A policy without 'wasm-unsafe-eval' refuses it, and then no decoder is fetched at all.
 */
export function wasmAllowed(): Promise<boolean> {
  wasmCheck ??=
    typeof WebAssembly === 'undefined'
      ? Promise.resolve(false)
      : WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])).then(
          () => true,
          () => false,
        );
  return wasmCheck;
}

/** The libheif interface used here. */
interface Libheif {
  HeifDecoder: new () => {
    decode(bytes: Uint8Array): LibheifImage[];
    decoder: { delete(): void };
  };
}
interface LibheifImage {
  get_width(): number;
  get_height(): number;
  display(target: ImageData, done: (result: ImageData | null) => void): void;
  free(): void;
}

const instances = new WeakMap<HeicDecoderLoader, Promise<Libheif>>();

/** One libheif per loader, started once; a failed start is tried again next time. */
function libheif(load: HeicDecoderLoader): Promise<Libheif> {
  let instance = instances.get(load);
  if (!instance) {
    instance = load().then(
      (bundle) =>
        new Promise<Libheif>((resolve, reject) => {
          let module: Libheif | undefined;
          const ready = () => (module ? resolve(module) : queueMicrotask(ready));
          module = bundle.default({ onRuntimeInitialized: ready, onAbort: reject }) as Libheif;
          // A runtime that compiled synchronously has its classes already and may not call back.
          if (typeof module.HeifDecoder === 'function') resolve(module);
        }),
    );
    instance.catch(() => instances.delete(load));
    instances.set(load, instance);
  }
  return instance;
}

/**
 * Decodes a HEIC's primary image to pixels with the page's libheif, bounded by its pixel count, which is
 * read from the file's header before anything is decoded. Rejects with a `HeicNotDecoded` that says why.
 */
export async function decodeHeic(file: Blob, options: DecodeHeicOptions = {}): Promise<DecodedHeic> {
  const load = options.load ?? heicDecoderLoader();
  if (!load) throw new HeicNotDecoded('no-decoder');
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const header = await identifyImage(file);
  if (header?.type !== 'heic' || !header.width || !header.height) throw new HeicNotDecoded('undecodable');
  if (header.width * header.height > maxPixels) throw new HeicNotDecoded('too-many-pixels');
  if (!(await wasmAllowed())) throw new HeicNotDecoded('wasm-refused');
  let decoder: Libheif;
  try {
    decoder = await libheif(load);
  } catch {
    throw new HeicNotDecoded('no-decoder');
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const session = new decoder.HeifDecoder();
  const images = (() => {
    try {
      return session.decode(bytes);
    } catch {
      return [];
    }
  })();
  try {
    const image = images[0];
    if (!image) throw new HeicNotDecoded('undecodable');
    const width = image.get_width();
    const height = image.get_height();
    // The coded size may differ from the header's; the bound is checked again on what is decoded.
    if (!(width > 0 && height > 0)) throw new HeicNotDecoded('undecodable');
    if (width * height > maxPixels) throw new HeicNotDecoded('too-many-pixels');
    const target = new ImageData(width, height);
    const pixels = await new Promise<ImageData>((resolve, reject) =>
      image.display(target, (result) => (result ? resolve(result) : reject(new HeicNotDecoded('undecodable')))),
    );
    return { pixels, width, height };
  } finally {
    for (const image of images) image.free();
    session.decoder.delete();
  }
}

/**
 * The decoded photo drawn on a canvas of at most `maxLongSide` pixels a side: shown in place of an
 * `<img>`, it needs no `img-src blob:` in the page's policy.
 */
export function heicCanvas(decoded: DecodedHeic, maxLongSide: number, label: string): HTMLCanvasElement {
  const scale = Math.min(1, maxLongSide / Math.max(decoded.width, decoded.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(decoded.width * scale));
  canvas.height = Math.max(1, Math.round(decoded.height * scale));
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  drawScaled(canvas.getContext('2d'), decoded, canvas.width, canvas.height);
  return canvas;
}

/** Draws the pixels at the given size on a 2D context (the canvas scales them with its smoothing). */
export function drawScaled(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null,
  decoded: DecodedHeic,
  width: number,
  height: number,
): void {
  if (!context) throw new HeicNotDecoded('undecodable');
  if (width === decoded.width && height === decoded.height) return context.putImageData(decoded.pixels, 0, 0);
  const full = new OffscreenCanvas(decoded.width, decoded.height);
  full.getContext('2d')?.putImageData(decoded.pixels, 0, 0);
  context.imageSmoothingQuality = 'high';
  context.drawImage(full, 0, 0, width, height);
}
