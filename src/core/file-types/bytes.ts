/** Reading a file's bytes a piece at a time, so no check ever holds a whole large file. No DOM. */
import type { BlobLike } from '../file-policy.js';

/** Enough for every header the checks read at the start of a file. */
export const HEAD_BYTES = 64 * 1024;
/** Whole-file scans read this much at a time. */
const CHUNK_BYTES = 1024 * 1024;

/** Reads the head once; further reads slice the file at that spot only. */
export class ByteSource {
  private constructor(
    private readonly file: BlobLike,
    readonly head: Uint8Array,
  ) {}

  static async open(file: BlobLike): Promise<ByteSource> {
    return new ByteSource(file, new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  }

  get size(): number {
    return this.file.size;
  }

  /** True when the head holds the whole file. */
  get complete(): boolean {
    return this.head.length < HEAD_BYTES;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset + length <= this.head.length || this.complete) return this.head.subarray(offset, offset + length);
    if (offset >= this.file.size) return new Uint8Array(0);
    return new Uint8Array(await this.file.slice(offset, offset + length).arrayBuffer());
  }

  /** The whole file in order, `overlap` bytes of each chunk repeated at the start of the next (for patterns across a seam). */
  async *chunks(overlap = 0): AsyncGenerator<{ at: number; bytes: Uint8Array }> {
    for (let offset = 0; offset < this.file.size; offset += CHUNK_BYTES) {
      const at = Math.max(0, offset - overlap);
      yield { at, bytes: await this.read(at, offset + CHUNK_BYTES - at) };
    }
  }
}

export function latin1(bytes: Uint8Array, start = 0, length = bytes.length - start): string {
  let text = '';
  const end = Math.min(bytes.length, start + length);
  // In slices: spreading a whole megabyte into one call would overflow the stack.
  for (let at = start; at < end; at += 8192)
    text += String.fromCharCode(...bytes.subarray(at, Math.min(end, at + 8192)));
  return text;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function startsWith(bytes: Uint8Array, signature: string, at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature.charCodeAt(i)) return false;
  return true;
}

/**
 * The tags that make a sniffing viewer treat bytes as a page or a scriptable drawing, and any tag with an
 * event handler (`<img src=x onerror=…>`). Every repetition is bounded, so the scan stays linear.
 */
const MARKUP =
  /<(?:script|html|svg|iframe|body|object|embed)[\s/>]|<!doctype\s{1,8}html|<\?xml-stylesheet|<[a-z][a-z0-9]{0,10}[^<>]{0,256}?[\s/]on[a-z]{3,20}\s{0,8}=/i;
/** Longer than the longest pattern above, so a match across two chunks is still found. */
const OVERLAP = 320;

/**
 * Looks for page markup anywhere in the file, one megabyte at a time (bounded by the file's size, which
 * the policy has already limited): as single bytes (ASCII, UTF-8, Latin-1) and with the zero bytes of
 * UTF-16 left out, so `<\0s\0c\0r\0…` is found too.
 */
export async function findMarkupAnywhere(source: ByteSource): Promise<'svg' | 'html' | undefined> {
  for await (const { bytes } of source.chunks(OVERLAP)) {
    const found = findMarkup(bytes);
    if (found) return found;
  }
  return undefined;
}

/**
 * Bytes to text one character per byte, natively (much faster than `latin1` on megabytes): for searching
 * ASCII keywords, which windows-1252 leaves as they are.
 */
const singleBytes = new TextDecoder('windows-1252');
export const searchableText = (bytes: Uint8Array): string => singleBytes.decode(bytes);

export function findMarkup(bytes: Uint8Array): 'svg' | 'html' | undefined {
  const text = searchableText(bytes);
  // A UTF-16 tag has a zero byte beside its "<"; only then is the text searched again without zero bytes.
  const utf16 = text.includes('<\0') || text.includes('\0<');
  const match = MARKUP.exec(text) ?? (utf16 ? MARKUP.exec(text.replace(/\0/g, '')) : null);
  if (!match) return undefined;
  return match[0].toLowerCase().startsWith('<svg') ? 'svg' : 'html';
}

/** Inflates at most `limit` bytes of a deflate stream (raw or zlib); undefined when it is broken or longer. */
export async function inflate(
  compressed: Uint8Array,
  format: 'deflate-raw' | 'deflate',
  limit: number,
): Promise<Uint8Array | undefined> {
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream(format));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        return undefined;
      }
      parts.push(value);
    }
  } catch {
    return undefined;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
