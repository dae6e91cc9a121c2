import { html, nothing, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatFileSize, isolate } from '../shared/format.js';
import type { OutgoingFile } from '../../core/store.js';
import type { ConvStrings } from '../shared/strings.js';
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
  /** The file as it will be uploaded (scaled, metadata stripped), prepared while the agent writes. */
  upload: Promise<OutgoingFile>;
}

export interface AttachmentTrayOptions {
  strings: ConvStrings;
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

/** The files waiting to be sent: thumbnail, name, type and size, each with its remove button. */
export function attachmentTray(attachments: readonly PendingAttachment[], options: AttachmentTrayOptions) {
  if (attachments.length === 0) return nothing;
  const { strings } = options;
  return html`<ul class="tray" part="tray" aria-label=${strings.attachments}>
    ${repeat(
      attachments,
      (attachment) => attachment.key,
      (attachment) =>
        html`<li class="attachment" part="attachment">
          ${
            !attachment.previewFailed
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
            <span class="meta"
              >${strings.attachmentDetails(typeLabel(attachment.mimeType), formatFileSize(attachment.file.size, strings.$code))}</span
            >
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
