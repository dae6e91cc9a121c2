/**
 * The admin's file-type policy: which files an agent may send, judged by the file's name, its declared
 * type and its real first bytes. Framework-free, so an integrator's Node server can re-check uploads
 * with the very same rules (`import { createFileTypePolicy } from 'conv-kit/file-policy'`).
 */

/** The verdict's rules and the byte readers load when the first file is checked: a page that never sends one never loads them. */
const loadVerdict = () => import('./file-verdict.js');

/** The image types whose content this module can verify, with their size. */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'heic' | 'webp' | 'avif';
/** Every type whose content this module can verify: images, documents, video and sound. */
export type FileType =
  ImageType | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'txt' | 'csv' | 'mp4' | 'mov' | 'webm' | 'mp3' | 'm4a' | 'ogg' | 'wav';

/** Extensions an admin may allow. jpg and jpeg are two names for one type; m4v is an MP4 video. */
export const SUPPORTED_FILE_TYPES = [
  'avif', 'csv', 'docx', 'gif', 'heic', 'jpeg', 'jpg', 'm4a', 'm4v', 'mov', 'mp3', 'mp4', 'ogg', 'pdf', 'png',
  'pptx', 'txt', 'wav', 'webm', 'webp', 'xlsx',
] as const; // prettier-ignore
export type SupportedFileType = (typeof SUPPORTED_FILE_TYPES)[number];
/** What an admin who has said nothing allows: the seed's photos. */
export const DEFAULT_FILE_TYPES: readonly SupportedFileType[] = ['gif', 'heic', 'jpeg', 'jpg', 'png'];
const IMAGE_EXTENSIONS: readonly string[] = ['avif', 'gif', 'heic', 'jpeg', 'jpg', 'png', 'webp'];

export interface FileTypePolicyOptions {
  /**
   * Extensions, case-insensitive, with or without a leading dot. Default: the seed's gif, heic, jpeg, jpg, png.
   * Allowing jpg also allows jpeg and the other way around. Extensions outside SUPPORTED_FILE_TYPES are
   * ignored: their content cannot be verified, so they are never accepted. Each supported type is verified
   * by its bytes (see docs/adapter.md, "File-type policy").
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
  | 'unreadable'
  /** The file is what its name says, but carries something that runs or unpacks on opening (PDF JavaScript, Office macros, a ZIP bomb). */
  | 'unsafe-content';

export interface ImageInfo {
  type: ImageType;
  /** Omitted when the header does not state them cheaply (some HEIC files). */
  width?: number;
  height?: number;
}

export interface FileAccepted {
  ok: true;
  type: FileType;
  mimeType: string;
  /** For images, from the header. */
  width?: number;
  height?: number;
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
  /**
   * Resolves (never rejects) to the verdict on one file. Reads headers first (the first 64 KiB, a few box
   * or segment headers, a ZIP's directory); a file that passes them is read through once, a megabyte at a
   * time, for hidden markup or a PDF's actions.
   */
  check(file: NamedBlobLike): Promise<FileCheckResult>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PIXELS = 40_000_000;

export function createFileTypePolicy(options: FileTypePolicyOptions = {}): FileTypePolicy {
  const allowed = normalizeAllowed(options.allowed ?? DEFAULT_FILE_TYPES);
  const maxBytes = positiveLimit(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes');
  const maxPixels = positiveLimit(options.maxPixels, DEFAULT_MAX_PIXELS, 'maxPixels');
  // Image MIME types help phone pickers offer the photo library; other types are found by extension.
  const mimeTypes = [
    ...new Set(
      allowed
        .filter((extension) => IMAGE_EXTENSIONS.includes(extension))
        .map((extension) => `image/${extension === 'jpg' ? 'jpeg' : extension}`),
    ),
  ].sort();
  const settings = { allowed, maxBytes, maxPixels };

  return Object.freeze({
    allowed,
    maxBytes,
    maxPixels,
    accept: [...allowed.map((extension) => `.${extension}`), ...mimeTypes].join(','),
    async check(file: NamedBlobLike): Promise<FileCheckResult> {
      try {
        return await (await loadVerdict()).judge(file, settings);
      } catch {
        // The checks did not load (the network is gone), or reading the file failed.
        const message = `“\u2068${String(file?.name ?? '')}\u2069” can’t be read.`;
        return { ok: false, reason: 'unreadable', message };
      }
    },
  });
}

/**
 * What the first bytes say a file is, without any policy: for showing an image's size before upload
 * or choosing how to re-encode it. Undefined when it is not a complete, supported image header.
 */
export async function identifyImage(file: BlobLike): Promise<ImageInfo | undefined> {
  return (await import('./file-signatures.js')).identifyImage(file);
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
