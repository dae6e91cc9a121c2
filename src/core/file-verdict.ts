/**
 * The verdict on one file, and the sentence that explains a refusal: the part of the file-type policy
 * that only runs once a file is chosen, so it loads then (file-policy.ts holds the settings). No DOM.
 */
import { describeFileRefusal as describe, TYPE_NOUN, type RefusalDetails } from './file-refusal.js';
import type {
  FileCheckResult,
  FileRefusalReason,
  FileRefused,
  FileType,
  NamedBlobLike,
  SupportedFileType,
} from './file-policy.js';
import { ByteSource, identify, inspect } from './file-signatures.js';

interface Settings {
  allowed: readonly SupportedFileType[];
  maxBytes: number;
  maxPixels: number;
}

const TYPE_OF_EXTENSION: Record<SupportedFileType, FileType> = {
  avif: 'avif',
  csv: 'csv',
  docx: 'docx',
  gif: 'gif',
  heic: 'heic',
  jpeg: 'jpeg',
  jpg: 'jpeg',
  m4a: 'm4a',
  m4v: 'mp4',
  mov: 'mov',
  mp3: 'mp3',
  mp4: 'mp4',
  ogg: 'ogg',
  pdf: 'pdf',
  png: 'png',
  pptx: 'pptx',
  txt: 'txt',
  wav: 'wav',
  webm: 'webm',
  webp: 'webp',
  xlsx: 'xlsx',
};
const OPEN_XML = 'application/vnd.openxmlformats-officedocument.';
/** Declared types that agree with the content; the first is the one the file is served as. */
const DECLARED_ALIASES: Record<FileType, readonly string[]> = {
  avif: ['image/avif'],
  csv: ['text/csv', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel', 'text/plain'],
  docx: [`${OPEN_XML}wordprocessingml.document`],
  gif: ['image/gif'],
  heic: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'],
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  m4a: ['audio/mp4', 'audio/x-m4a', 'audio/m4a'],
  mov: ['video/quicktime'],
  mp3: ['audio/mpeg', 'audio/mp3', 'audio/x-mpeg'],
  mp4: ['video/mp4', 'video/x-m4v', 'application/mp4'],
  ogg: ['audio/ogg', 'application/ogg', 'audio/vorbis', 'audio/opus'],
  pdf: ['application/pdf', 'application/x-pdf'],
  png: ['image/png', 'image/apng', 'image/x-png'],
  pptx: [`${OPEN_XML}presentationml.presentation`],
  txt: ['text/plain'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  webm: ['video/webm', 'audio/webm'],
  webp: ['image/webp'],
  xlsx: [`${OPEN_XML}spreadsheetml.sheet`],
};
/** A declared type is quoted back only when it looks like one: it comes from the uploader and may be anything. */
const PLAIN_MIME_TYPE = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,80}$/;
/** Declared types that say nothing about the content. */
const UNSPECIFIC_DECLARED_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];

export async function judge(file: NamedBlobLike, { allowed, maxBytes, maxPixels }: Settings): Promise<FileCheckResult> {
  const name = String(file.name ?? '');
  const refuse = (reason: FileRefusalReason, details: RefusalDetails = {}): FileRefused => ({
    ok: false,
    reason,
    message: describe(reason, name, details),
  });

  if (file.size === 0) return refuse('empty');
  const extension = finalExtension(name);
  if (!(allowed as readonly string[]).includes(extension)) return refuse('type-not-allowed', { allowed });
  if (file.size > maxBytes) return refuse('too-large', { size: file.size, maxBytes });

  const expected = TYPE_OF_EXTENSION[extension as SupportedFileType];
  const source = await ByteSource.open(file);
  if (source.head.length === 0) return refuse('unreadable');
  const content = await identify(source, expected);

  if (content.kind === 'other') {
    const found = content.label ? `it is ${content.label}` : undefined;
    return refuse(content.unsafe ? 'unsafe-content' : 'content-mismatch', { expected, found });
  }
  if (content.type !== expected)
    return refuse('content-mismatch', { expected, found: `it is ${TYPE_NOUN[content.type]}` });
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
  // A valid header followed by markup is a polyglot: browsers and mail clients that sniff content may
  // render it as a page and run its scripts. This reads the file through once.
  const problem = await inspect(source, content.type);
  if (problem) return refuse(problem.reason, { expected, found: problem.found });
  return {
    ok: true,
    type: content.type,
    mimeType: DECLARED_ALIASES[content.type][0]!,
    ...(width !== undefined && height !== undefined ? { width, height } : {}),
  };
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
