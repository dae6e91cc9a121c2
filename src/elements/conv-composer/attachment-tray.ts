import { html, nothing, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatFileSize, formatNumber, isolate } from '../shared/format.js';
import type { OutgoingFile } from '../../core/store.js';
import type { ConvStrings, PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import '../conv-picture/conv-picture.js';

/** A file the agent chose and the file-type policy accepted, waiting above the input to be sent. */
export interface PendingAttachment {
  /** Stable across renders, unlike the name: two pasted screenshots are both "image.png". */
  key: number;
  file: File;
  /** The type the policy read from the file's bytes. */
  mimeType: string;
  width?: number;
  height?: number;
  /** The browser cannot draw this image (HEIC in most browsers): a plain icon stands in. */
  previewFailed?: boolean;
  /** A HEIC as the page's libheif drew it, when the browser could not. */
  preview?: HTMLCanvasElement;
  /** A video's or a sound's length in seconds, once read. */
  duration?: number;
  /** The file as it will be uploaded (scaled, metadata stripped), prepared while the agent writes. */
  upload: Promise<OutgoingFile>;
}

export interface AttachmentTrayOptions {
  strings: PageStrings;
  disabled: boolean;
  onRemove: (attachment: PendingAttachment) => void;
  onPreviewError: (attachment: PendingAttachment) => void;
}

const photoIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2zM8.5 13.5l2.5 3 3.5-4.5 4.5 6H5l3.5-4.5z"/></svg>`;
const removeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>`;

/** "image/jpeg" → "JPEG": the words an agent knows from file names. */
function typeLabel(mimeType: string): string {
  const subtype = mimeType.split('/')[1] ?? mimeType;
  return subtype.toUpperCase();
}

/**
 * Type and size, then what matters for the type: a photo's pixels, a video's or a sound's length. The
 * length shows as a clock (1:05) and is read out in words ("1 minute, 5 seconds").
 */
function details(attachment: PendingAttachment, strings: ConvStrings) {
  const { mimeType, width, height, duration } = attachment;
  const locale = strings.$code;
  let text = strings.attachmentDetails(typeLabel(mimeType), formatFileSize(attachment.file.size, locale));
  if (mimeType.startsWith('image/') && width && height)
    text = strings.attachmentDetails(text, `${formatNumber(width, locale)} × ${formatNumber(height, locale)}`);
  if (duration === undefined) return html`<span class="meta">${text}</span>`;
  return html`<span class="meta"
    ><span aria-hidden="true">${strings.attachmentDetails(text, clock(duration, locale))}</span
    ><span class="visually-hidden">${strings.attachmentDetails(text, spokenDuration(duration, locale))}</span></span
  >`;
}

/** 65 s → "1:05", 3725 s → "1:02:05", with the locale's digits. */
function clock(seconds: number, locale: string): string {
  const whole = Math.max(0, Math.round(seconds));
  const two = (value: number) => formatNumber(value, locale, { minimumIntegerDigits: 2 });
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return h > 0 ? `${formatNumber(h, locale)}:${two(m)}:${two(s)}` : `${formatNumber(m, locale)}:${two(s)}`;
}

/** 65 s → "1 minute, 5 seconds" in the locale's words (Intl.DurationFormat, else the seconds as a unit). */
function spokenDuration(seconds: number, locale: string): string {
  const whole = Math.max(0, Math.round(seconds));
  const DurationFormat = (
    Intl as { DurationFormat?: new (locale: string, options: object) => { format(d: object): string } }
  ).DurationFormat;
  if (DurationFormat)
    return new DurationFormat(locale, { style: 'long' }).format({
      hours: Math.floor(whole / 3600),
      minutes: Math.floor((whole % 3600) / 60),
      seconds: whole % 60,
    });
  return formatNumber(whole, locale, { style: 'unit', unit: 'second', unitDisplay: 'long' });
}

/** The files waiting to be sent: thumbnail, name, type and size, each with its remove button. */
export function attachmentTray(attachments: readonly PendingAttachment[], options: AttachmentTrayOptions) {
  if (attachments.length === 0) return nothing;
  const strings = withFirstUseWords(options.strings);
  return html`<ul class="tray" part="tray" aria-label=${strings.attachments}>
    ${repeat(
      attachments,
      (attachment) => attachment.key,
      (attachment) =>
        html`<li class="attachment" part="attachment">
          ${
            attachment.preview
              ? html`<span class="thumbnail" part="thumbnail">${attachment.preview}</span>`
              : !attachment.previewFailed && attachment.mimeType.startsWith('image/')
                ? html`<conv-picture
                    class="thumbnail"
                    part="thumbnail"
                    .blob=${attachment.file}
                    width="48"
                    height="48"
                    @error=${() => options.onPreviewError(attachment)}
                  ></conv-picture>`
                : html`<span class="thumbnail" part="thumbnail">${photoIcon}</span>`
          }
          <span class="details">
            <span class="name">${isolate(attachment.file.name)}</span>
            ${details(attachment, strings)}
          </span>
          <button
            type="button"
            class="icon-button remove"
            part="remove"
            aria-label=${strings.removeAttachment(isolate(attachment.file.name))}
            ?disabled=${options.disabled}
            @click=${() => options.onRemove(attachment)}
          >
            ${removeIcon}
          </button>
        </li>`,
    )}
  </ul>`;
}
