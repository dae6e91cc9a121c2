import type { ReactiveControllerHost } from 'lit';
import type { FileTypePolicy } from '../../core/file-policy.js';
import type { PhotoPreparer } from '../../core/ports.js';
import type { DraftFile, OutgoingFile } from '../../core/store.js';
import type { PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { refusalText } from './refusal-text.js';
import type { PendingAttachment } from './attachment-tray.js';

/**
 * Photos leave the device as the store's photo preparation makes them (conv-kit's store scales them and
 * strips EXIF and GPS where the browser can re-encode). This starts as soon as a file is attached: the
 * browser encodes in idle time, which can take a moment, and by the time the agent presses Send the file
 * is usually ready.
 */
function preparedForUpload(
  attachment: Omit<PendingAttachment, 'upload'>,
  preparePhoto: PhotoPreparer,
): Promise<OutgoingFile> {
  const upload = preparePhoto(attachment.file).then((prepared): OutgoingFile => {
    const mimeType = prepared.reencoded ? prepared.file.type : attachment.mimeType;
    return {
      // A plain Blob: the store names it itself, and a File's name cannot be reassigned.
      blob: prepared.file.slice(0, prepared.file.size, mimeType),
      // The prepared file's name: a HEIC converted to JPEG is sent as IMG_0001.jpg.
      name: prepared.file.name,
      mimeType,
      width: prepared.width ?? attachment.width,
      height: prepared.height ?? attachment.height,
    };
  });
  upload.catch(() => undefined); // an attachment removed before sending may fail unseen; a sent one reports through send()
  return upload;
}

/** Where `showHeicPhotos` (conv-kit/photo) leaves the page's libheif loader. */
const HEIC_DECODER = Symbol.for('conv-kit.heic-decoder');
/** A file whose length is not known by then has none shown. */
const DURATION_TIMEOUT_MS = 10_000;

/**
 * A video's or a sound's length in seconds, read by a detached player from the file itself (only its
 * header loads); undefined when the browser cannot read it. A WebM recorded in a browser states no length:
 * seeking far past its end makes the player find it.
 */
export function mediaDuration(file: Blob, kind: 'video' | 'audio'): Promise<number | undefined> {
  const player = document.createElement(kind);
  player.preload = 'metadata';
  player.muted = true;
  const url = URL.createObjectURL(file);
  return new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), DURATION_TIMEOUT_MS);
    const known = () => Number.isFinite(player.duration) && player.duration > 0;
    const answer = () => {
      if (!known()) return;
      clearTimeout(timer);
      resolve(player.duration);
    };
    player.addEventListener('loadedmetadata', () => {
      if (known()) answer();
      else player.currentTime = Number.MAX_SAFE_INTEGER;
    });
    player.addEventListener('durationchange', answer);
    player.addEventListener('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    player.src = url;
  }).finally(() => {
    player.removeAttribute('src');
    player.load();
    URL.revokeObjectURL(url);
  });
}

/** The attachments waiting to be sent, in the order chosen; the host re-renders when they change. */
export class PendingAttachments {
  items: readonly PendingAttachment[] = [];
  #nextKey = 0;

  readonly #host: ReactiveControllerHost;
  readonly #preparePhoto: PhotoPreparer;

  constructor(host: ReactiveControllerHost, preparePhoto: PhotoPreparer) {
    this.#host = host;
    this.#preparePhoto = preparePhoto;
  }

  /**
   * Checks every file against the admin's policy first: a refused file never becomes an attachment.
   * Resolves to the refusals (the policy's sentences) and how many were added, or undefined when the
   * answer came too late (`stillWanted` said no: another conversation, the composer gone).
   */
  async add(
    files: readonly File[],
    policy: FileTypePolicy,
    stillWanted: () => boolean,
    text: PageStrings,
  ): Promise<{ added: number; refusals: string[] } | undefined> {
    const verdicts = await Promise.all(files.map((file) => policy.check(file)));
    if (!stillWanted()) return undefined;
    const accepted: PendingAttachment[] = [];
    const refusals: string[] = [];
    verdicts.forEach((verdict, index) => {
      if (!verdict.ok) return void refusals.push(refusalText(withFirstUseWords(text), verdict, files[index]!, policy));
      accepted.push(this.#attach(files[index]!, verdict.mimeType, verdict.width, verdict.height));
    });
    this.#set([...this.items, ...accepted]);
    return { added: accepted.length, refusals };
  }

  /** Files kept with a draft (before a reload, or in another conversation) come back to the tray. */
  restore(files: readonly DraftFile[]): void {
    this.#set(
      files.map((file) =>
        this.#attach(new File([file.blob], file.name, { type: file.mimeType }), file.mimeType, file.width, file.height),
      ),
    );
  }

  discard(gone: readonly PendingAttachment[]): void {
    this.#set(this.items.filter((attachment) => !gone.includes(attachment)));
  }

  /** The attachments as a draft keeps them. */
  draftFiles(): DraftFile[] {
    return this.items.map(({ file, mimeType, width, height }) => ({
      name: file.name,
      mimeType,
      size: file.size,
      blob: file,
      width,
      height,
    }));
  }

  /** The browser cannot draw this one: the tray shows a plain icon, or the HEIC as the page's libheif decodes it. */
  markPreviewFailed(attachment: PendingAttachment): void {
    this.#change(attachment.key, { previewFailed: true });
    if (/^image\/hei[cf]$/.test(attachment.mimeType) && (globalThis as Record<symbol, unknown>)[HEIC_DECODER])
      import('../../browser/heic.js')
        .then(async ({ decodeHeic, heicCanvas }) =>
          heicCanvas(await decodeHeic(attachment.file), 96, attachment.file.name),
        )
        .then((preview) => this.#change(attachment.key, { preview }))
        .catch(() => undefined); // the icon stays
  }

  #attach(file: File, mimeType: string, width?: number, height?: number): PendingAttachment {
    const attachment = { key: this.#nextKey++, file, mimeType, width, height };
    const kind = mimeType.split('/')[0];
    if (kind === 'video' || kind === 'audio')
      void mediaDuration(file, kind).then(
        (duration) => duration !== undefined && this.#change(attachment.key, { duration }),
      );
    return { ...attachment, upload: preparedForUpload(attachment, this.#preparePhoto) };
  }

  /** Updates one attachment, unless it was removed meanwhile. */
  #change(key: number, change: Partial<PendingAttachment>): void {
    if (!this.items.some((candidate) => candidate.key === key)) return;
    this.#set(this.items.map((candidate) => (candidate.key === key ? { ...candidate, ...change } : candidate)));
  }

  #set(items: readonly PendingAttachment[]): void {
    this.items = items;
    this.#host.requestUpdate();
  }
}
