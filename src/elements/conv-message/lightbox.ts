import { css, html, nothing } from 'lit';
import type { Attachment } from '../../core/model.js';
import { isolate, safeHttpUrl } from '../shared/format.js';
import type { PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { styleProperties } from '../shared/style-properties.js';

export interface LightboxOptions {
  text: PageStrings;
  /** The image to show full size, already checked as displayable; none: only the link and Close. */
  full: string | undefined;
  /** The dialog closed (Close, Escape or a press on the backdrop). */
  closed(): void;
}

/** A press on the backdrop closes the dialog, as Escape does. */
function closeOnBackdrop(event: MouseEvent): void {
  // A click on the backdrop lands on the dialog itself, outside its content box.
  const dialog = event.currentTarget as HTMLDialogElement;
  if (event.target === dialog) {
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) dialog.close();
  }
}

/* eslint-disable lit-a11y/click-events-have-key-events, lit-a11y/no-autofocus -- a native modal <dialog>:
   Escape closes it as a press on its backdrop does, and autofocus is how a dialog chooses its first focus */
/**
 * A photo full size in a modal native `<dialog>`, opened from its thumbnail in `<conv-message>`: loaded
 * on first open with what else no first paint shows.
 */
export function lightbox(attachment: Attachment, { text, full: original, closed }: LightboxOptions) {
  const t = withFirstUseWords(text);
  const newTab = safeHttpUrl(attachment.url);
  // A HEIC full size is its JPEG rendition: most browsers cannot draw the HEIC itself.
  const rendition = /^image\/hei[cf]$/.test(attachment.mimeType)
    ? safeHttpUrl(attachment.thumbnailUrl ?? '')
    : undefined;
  const full = rendition ?? original;
  return html`
    <dialog class="lightbox" aria-label=${isolate(attachment.name)} @close=${closed} @click=${closeOnBackdrop}>
      ${
        full
          ? html`<conv-picture
              class="full"
              .src=${full}
              label=${isolate(attachment.name)}
              fit="contain"
              style=${styleProperties({ 'aspect-ratio': `${attachment.width ?? 4} / ${attachment.height ?? 3}` })}
            ></conv-picture>`
          : nothing
      }
      <div class="lightbox-actions">
        ${newTab ? html`<a href=${newTab} target="_blank" rel="noopener noreferrer">${t.openInNewTab}</a>` : nothing}
        <button
          class="action"
          autofocus
          @click=${(event: Event) => (event.currentTarget as HTMLElement).closest('dialog')?.close()}
        >
          ${t.close}
        </button>
      </div>
    </dialog>
  `;
} /* eslint-enable lit-a11y/click-events-have-key-events, lit-a11y/no-autofocus */

export const lightboxStyles = css`
  .lightbox {
    max-inline-size: min(96vw, 1200px);
    max-block-size: 96vh;
    padding: 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .lightbox::backdrop {
    background: rgb(0 0 0 / 0.7);
  }
  .lightbox conv-picture {
    display: block;
    inline-size: min(100%, 90vw);
    max-block-size: calc(96vh - 100px);
    margin-inline: auto;
  }
  .lightbox-actions {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: 12px;
    margin-block-start: 8px;
  }
`;
