/**
 * The admin's file-type policy: which files an agent may send, judged by the file's name, its declared
 * type and its real first bytes. Framework-free, so an integrator's Node server can re-check uploads
 * with the very same rules (`import { createFileTypePolicy } from 'conv-kit/file-policy'`).
 */

/** Reading the bytes loads when the first file is checked: a page that never sends one never loads it. */
const loadSignatures = () => import('./file-signatures.js');

/** The image types whose content this module can verify: the seed's gif, heic, jpeg, jpg and png. */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'heic';

/** Extensions an admin may allow. jpg and jpeg are two names for one type. */
export const SUPPORTED_FILE_TYPES = ['gif', 'heic', 'jpeg', 'jpg', 'png'] as const;
export type SupportedFileType = (typeof SUPPORTED_FILE_TYPES)[number];

export interface FileTypePolicyOptions {
  /**
   * Extensions, case-insensitive, with or without a leading dot. Default: the seed's gif, heic, jpeg, jpg, png.
   * Allowing jpg also allows jpeg and the other way around. Extensions outside SUPPORTED_FILE_TYPES are
   * ignored: their content cannot be verified, so they are never accepted.
   */
  allowed?: string[];
  /** Largest file in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Largest image in pixels (width × height), read from the header: guards against decompression bombs. Default 40 megapixels. */
  maxPixels?: number;
}

/** Anything with a size that can hand over a slice of its bytes: a browser Blob or File, a Node Blob, or a wrapper. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface NamedBlobLike extends BlobLike {
  readonly name: string;
  /** The declared MIME type (a File's `type`, a multipart part's Content-Type), if any. */
  readonly type?: string;
}

export type FileRefusalReason =
  /** The file has no bytes. */
  | 'empty'
  /** Bigger than the admin's size limit. */
  | 'too-large'
  /** The name's final extension is not in the admin's list. */
  | 'type-not-allowed'
  /** The bytes are not what the name (or the declared type) says, or they carry web page markup. */
  | 'content-mismatch'
  /** The header announces more pixels than the limit. */
  | 'too-many-pixels'
  /** The header is cut off or damaged, or the file could not be read. */
  | 'unreadable';

export interface ImageInfo {
  type: ImageType;
  /** Omitted when the header does not state them cheaply (some HEIC files). */
  width?: number;
  height?: number;
}

export interface FileAccepted extends ImageInfo {
  ok: true;
  mimeType: string;
}

export interface FileRefused {
  ok: false;
  reason: FileRefusalReason;
  /** One plain-English sentence for the agent. */
  message: string;
}

export type FileCheckResult = FileAccepted | FileRefused;

export interface FileTypePolicy {
  /** Normalized extensions, lower case, no dots. */
  readonly allowed: readonly string[];
  readonly maxBytes: number;
  readonly maxPixels: number;
  /** For `<input type="file" accept>`: the allowed extensions and their MIME types. */
  readonly accept: string;
  /** Resolves (never rejects) to the verdict on one file. Reads at most the first 64 KiB, plus a few JPEG segment headers. */
  check(file: NamedBlobLike): Promise<FileCheckResult>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PIXELS = 40_000_000;

const TYPE_OF_EXTENSION: Record<SupportedFileType, ImageType> = {
  gif: 'gif',
  heic: 'heic',
  jpeg: 'jpeg',
  jpg: 'jpeg',
  png: 'png',
};
const MIME_TYPE: Record<ImageType, string> = {
  gif: 'image/gif',
  heic: 'image/heic',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
/** Declared types that agree with the content: the canonical one and the aliases browsers and servers still send. */
const DECLARED_ALIASES: Record<ImageType, readonly string[]> = {
  gif: ['image/gif'],
  heic: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'],
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png', 'image/apng', 'image/x-png'],
};
/** A declared type is quoted back only when it looks like one: it comes from the uploader and may be anything. */
const PLAIN_MIME_TYPE = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/;
/** Declared types that say nothing about the content. */
const UNSPECIFIC_DECLARED_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];
const TYPE_LABEL: Record<ImageType, string> = { gif: 'GIF', heic: 'HEIC', jpeg: 'JPEG', png: 'PNG' };

export function createFileTypePolicy(options: FileTypePolicyOptions = {}): FileTypePolicy {
  const allowed = normalizeAllowed(options.allowed ?? [...SUPPORTED_FILE_TYPES]);
  const maxBytes = positiveLimit(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes');
  const maxPixels = positiveLimit(options.maxPixels, DEFAULT_MAX_PIXELS, 'maxPixels');
  const mimeTypes = [...new Set(allowed.map((extension) => MIME_TYPE[TYPE_OF_EXTENSION[extension]]))];

  async function judge(file: NamedBlobLike): Promise<FileCheckResult> {
    const name = String(file.name ?? '');
    const refuse = (reason: FileRefusalReason, details: RefusalDetails = {}): FileRefused => ({
      ok: false,
      reason,
      message: describeFileRefusal(reason, name, details),
    });

    if (file.size === 0) return refuse('empty');
    const extension = finalExtension(name);
    if (!isAllowed(extension)) return refuse('type-not-allowed', { allowed });
    if (file.size > maxBytes) return refuse('too-large', { size: file.size, maxBytes });

    const expected = TYPE_OF_EXTENSION[extension];
    const { ByteSource, findMarkup, identify } = await loadSignatures();
    const source = await ByteSource.open(file);
    if (source.head.length === 0) return refuse('unreadable');
    const content = await identify(source, expected);

    if (content.kind === 'other')
      return refuse('content-mismatch', { expected, found: content.label ? `it is ${content.label}` : undefined });
    if (content.type !== expected)
      return refuse('content-mismatch', { expected, found: `it is a ${TYPE_LABEL[content.type]} image` });
    // A valid signature followed by markup is a polyglot: browsers and mail clients that sniff content
    // (or a server that serves it without `nosniff`) may render it as a page and run its scripts.
    // No real photo carries markup in its header, so refusing costs agents nothing.
    if (findMarkup(source.head)) return refuse('content-mismatch', { expected, found: 'it hides web page code' });
    const declared = declaredType(file.type);
    if (!UNSPECIFIC_DECLARED_TYPES.includes(declared) && !DECLARED_ALIASES[expected].includes(declared)) {
      // The declared type is what a browser will trust when the file is served back: it must agree too.
      return refuse('content-mismatch', {
        expected,
        found: PLAIN_MIME_TYPE.test(declared) ? `it was declared as ${declared}` : 'its declared type says otherwise',
      });
    }
    if (content.kind === 'damaged') return refuse('unreadable');
    const { width, height } = content;
    if (width !== undefined && height !== undefined && width * height > maxPixels)
      return refuse('too-many-pixels', { width, height, maxPixels });
    return {
      ok: true,
      type: content.type,
      mimeType: MIME_TYPE[content.type],
      ...(width !== undefined && height !== undefined ? { width, height } : {}),
    };
  }

  function isAllowed(extension: string): extension is SupportedFileType {
    return (allowed as readonly string[]).includes(extension);
  }

  return Object.freeze({
    allowed,
    maxBytes,
    maxPixels,
    accept: [...allowed.map((extension) => `.${extension}`), ...mimeTypes].join(','),
    async check(file: NamedBlobLike): Promise<FileCheckResult> {
      try {
        return await judge(file);
      } catch {
        return {
          ok: false,
          reason: 'unreadable',
          message: describeFileRefusal('unreadable', String(file?.name ?? '')),
        };
      }
    },
  });
}

/**
 * What the first bytes say a file is, without any policy: for showing an image's size before upload
 * or choosing how to re-encode it. Undefined when it is not a complete, supported image header.
 */
export async function identifyImage(file: BlobLike): Promise<ImageInfo | undefined> {
  return (await loadSignatures()).identifyImage(file);
}

/** Details that make a refusal specific; every field is optional so a reason alone still reads well. */
export interface RefusalDetails {
  allowed?: readonly string[];
  size?: number;
  maxBytes?: number;
  /** The type the name promised. */
  expected?: ImageType;
  /** A clause saying what the content really is, e.g. "it is a Windows program". */
  found?: string | undefined;
  width?: number;
  height?: number;
  maxPixels?: number;
}

/**
 * One short sentence for the agent. Also useful when a server's re-check sends back only a reason.
 * The file name is shown with control and direction-changing characters replaced, so "photo\u202Egnp.exe"
 * cannot pass itself off as "photoexe.png" in the message.
 */
export function describeFileRefusal(reason: FileRefusalReason, fileName: string, details: RefusalDetails = {}): string {
  const name = `“${displayName(fileName)}”`;
  switch (reason) {
    case 'empty':
      return `${name} is empty.`;
    case 'too-large':
      return details.size !== undefined && details.maxBytes !== undefined
        ? `${name} is too large: ${formatBytes(details.size)}, and the limit is ${formatBytes(details.maxBytes)}.`
        : `${name} is larger than your admin allows.`;
    case 'type-not-allowed':
      if (!details.allowed) return `${name} is not a file type your admin allows.`;
      if (details.allowed.length === 0) return `${name} can’t be sent: your admin has not allowed any file types.`;
      return `${name} can’t be sent: the allowed file types are ${listInWords(details.allowed.map((extension) => extension.toUpperCase()))}.`;
    case 'content-mismatch': {
      const claim = details.expected ? `a ${TYPE_LABEL[details.expected]} image` : 'what its name says';
      return `${name} is not ${claim}: ${details.found ?? 'its content is something else'}.`;
    }
    case 'too-many-pixels':
      return details.width !== undefined && details.height !== undefined && details.maxPixels !== undefined
        ? `${name} is too big to open safely: ${details.width} × ${details.height} pixels, and the limit is ${formatMegapixels(details.maxPixels)}.`
        : `${name} has more pixels than can be opened safely.`;
    case 'unreadable':
      return `${name} can’t be read: the file is damaged or incomplete.`;
  }
}

// ── small helpers ─────────────────────────────────────────────────────────────────────────────────

function normalizeAllowed(list: readonly string[]): readonly SupportedFileType[] {
  const wanted = new Set(
    list.map((entry) =>
      String(entry)
        .trim()
        .toLowerCase()
        .replace(/^\*?\.+/, ''),
    ),
  );
  // jpg and jpeg are the same type: allowing one allows both.
  if (wanted.has('jpg') || wanted.has('jpeg')) wanted.add('jpg').add('jpeg');
  return Object.freeze(SUPPORTED_FILE_TYPES.filter((extension) => wanted.has(extension)));
}

function positiveLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && value > 0))
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  return value;
}

/**
 * Everything after the last dot, lower-cased, nothing stripped: "photo.png.exe" is an exe, and
 * "photo\u202Egnp.exe" (shown as "photoexe.png") is an exe too. A control character inside the
 * extension makes it match nothing, so it is refused.
 */
function finalExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function declaredType(type: string | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

const INVISIBLE_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONGEST_SHOWN_NAME = 60;

/** Safe to show inside a sentence: no hidden characters, not overly long, and isolated so right-to-left names do not reorder the sentence. */
function displayName(fileName: string): string {
  const visible = fileName.replace(INVISIBLE_OR_REORDERING, '\uFFFD');
  const short = visible.length > LONGEST_SHOWN_NAME ? `${visible.slice(0, 40)}…${visible.slice(-16)}` : visible;
  return `\u2068${short}\u2069`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${trimDecimal(bytes / 1024 / 1024)} MB`;
}

function formatMegapixels(pixels: number): string {
  return `${trimDecimal(pixels / 1_000_000)} megapixels`;
}

function trimDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
