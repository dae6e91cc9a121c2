import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { styleProperties } from '../shared/style-properties.js';
import type { Attachment, DeliveryStatus, GeoLocation, Message } from '../../core/model.js';
import { ConvElement } from '../shared/conv-element.js';
import { loadOnFirstUse, type OnFirstUse } from '../shared/load-on-first-use.js';
import {
  formatCoordinates,
  formatFileSize,
  formatTime,
  isolate,
  linkifiedText,
  noticeText,
  safeHttpUrl,
} from '../shared/format.js';
import { messageViewStyles } from './conv-message.styles.js';
import '../conv-picture/conv-picture.js';

/** Which message a Retry, Delete or Cancel upload is about. */
export type { ConvMessageActionDetail as MessageActionDetail } from '../../events/index.js';

/** Thumbnails are at most this wide; their height follows the image's aspect ratio. */
const THUMBNAIL_MAX_WIDTH = 240;
/** Reserved for an image whose size is unknown, so the list does not jump when it loads. */
const THUMBNAIL_FALLBACK_SIZE = 160;

/** The box a thumbnail takes before its image loads: whole pixels, so rows measure exactly. */
export function thumbnailSize(attachment: Pick<Attachment, 'width' | 'height'>): { width: number; height: number } {
  const { width, height } = attachment;
  if (!width || !height || width <= 0 || height <= 0)
    return { width: THUMBNAIL_FALLBACK_SIZE, height: THUMBNAIL_FALLBACK_SIZE };
  const shown = Math.min(THUMBNAIL_MAX_WIDTH, width);
  return { width: Math.round(shown), height: Math.max(1, Math.round((shown * height) / width)) };
}

/**
 * A URL the page may show as an image: http(s), a local preview (`blob:`), or an inline raster image.
 * Anything else (`javascript:`, `data:text/html`, SVG that could carry script) is not shown.
 */
function displayableImage(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('blob:')) return url;
  if (/^data:image\/(png|jpeg|gif|webp|avif);/i.test(url)) return url;
  return safeHttpUrl(url);
}

/** The OpenStreetMap page centred on the point, or nothing for coordinates that are not on Earth. */
export function openStreetMapUrl(location: GeoLocation): string | undefined {
  const { latitude, longitude } = location;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    return undefined;
  const lat = latitude.toFixed(5);
  const lon = longitude.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

const icon = (content: TemplateResult) =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${content}</svg>`;

const DELIVERY_ICONS: Record<DeliveryStatus, TemplateResult> = {
  pending: icon(
    svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  ),
  sending: icon(
    svg`<path d="M4 12h12M11 6l6 6-6 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  ),
  sent: icon(
    svg`<path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  ),
  delivered: icon(
    svg`<path d="M2.5 12.5L7 17l9.5-9.5M11 16l1 1 9.5-9.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  ),
  read: icon(
    svg`<path d="M2.5 12.5L7 17l9.5-9.5M11 16l1 1 9.5-9.5" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>`,
  ),
  failed: icon(
    svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 7v6" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><circle cx="12" cy="16.5" r="1.3" fill="currentColor"/>`,
  ),
};

/** The file card and players, once loaded (the first time a message shows a file that is not a picture). */
let fileViews: typeof import('./file-attachment.js') | undefined;

const PIN_ICON = icon(
  svg`<path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0C18.5 15.4 12 21 12 21z" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="10" r="2.3" fill="currentColor"/>`,
);

/**
 * One message of a conversation, as a bubble: the agent's at the end side, the customer's at the
 * start, system messages centred. Private to `<conv-chat>`; a property that did not change does not
 * re-render it, so a long list only redraws the messages that actually changed.
 *
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-retry - Retry was chosen on a failed message.
 * @event {CustomEvent<ConvMessageActionDetail>} conv-message-delete - Delete (failed message) or Cancel upload was chosen.
 *
 * @csspart message - The bubble.
 * @csspart attachment - An image thumbnail (a button that opens the full image).
 * @csspart location - A shared location card.
 */
export class ConvMessage extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    message: { attribute: false },
    progress: { attribute: false },
    lightbox: { state: true },
  };
  static override styles = messageViewStyles;

  /** The message shown. */
  declare message?: Message;
  /** 0…1 while the message's files upload. */
  declare progress?: number;
  /** The image open in the full-size view. */
  declare private lightbox?: Attachment;
  /** The thumbnail that opened the full-size view, to return focus to. */
  #lightboxOpener?: HTMLElement;
  #lightbox?: OnFirstUse['lightbox'];

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('lightbox')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.lightbox && dialog && !dialog.open) dialog.showModal();
  }

  protected override render() {
    const message = this.message;
    if (!message) return nothing;
    const t = this.text;
    const time = html`<time dir="auto" datetime=${new Date(message.sentAt).toISOString()}
      >${formatTime(message.sentAt, undefined, t.$code)}</time
    >`;
    const author =
      message.author === 'agent'
        ? message.authorName
          ? isolate(message.authorName)
          : t.you
        : message.author === 'customer'
          ? message.authorName
            ? isolate(message.authorName)
            : t.customer
          : t.system;
    const words = message.author === 'system' ? noticeText(t, message.notice, message.text) : message.text;
    return html`
      <div class="message" data-author=${message.author}>
        <div class="bubble" part="message">
          ${message.author === 'system' ? nothing : html`<div class="meta"><span class="author">${author}</span>${time}</div>`}
          ${message.attachments.map((attachment) => this.#renderAttachment(attachment))}
          ${message.location ? this.#renderLocation(message.location) : nothing}
          ${words ? html`<p class="text" dir="auto">${linkifiedText(words)}</p>` : nothing}
          ${message.author === 'system' ? html`<div class="meta">${time}</div>` : nothing}
        </div>
        ${message.author === 'agent' ? this.#renderDelivery(message) : nothing}
      </div>
      ${
        this.lightbox && this.#lightbox
          ? this.#lightbox(this.lightbox, {
              text: this.text,
              full: displayableImage(this.lightbox.url) ?? displayableImage(this.lightbox.thumbnailUrl),
              closed: this.#closedLightbox,
            })
          : nothing
      }
    `;
  }

  #renderAttachment(attachment: Attachment) {
    // Most browsers cannot draw a HEIC: without the backend's rendition it is shown as a card.
    const heic = /^image\/hei[cf]/.test(attachment.mimeType);
    const source = attachment.mimeType.startsWith('image/')
      ? (displayableImage(attachment.thumbnailUrl) ?? (heic ? undefined : displayableImage(attachment.url)))
      : undefined;
    if (!source) return this.#renderFile(attachment);
    const { width, height } = thumbnailSize(attachment);
    return html`
      <button
        class="thumbnail"
        part="attachment"
        aria-label=${this.text.openImage(isolate(attachment.name))}
        @click=${(event: Event) => this.#openLightbox(attachment, event.currentTarget as HTMLElement)}
      >
        <conv-picture
          .src=${source}
          .width=${width}
          .height=${height}
          style=${styleProperties({ 'inline-size': `${width}px`, 'aspect-ratio': `${width} / ${height}` })}
        ></conv-picture>
      </button>
    `;
  }

  /** A document card, or a video or sound player, from a chunk loaded when the first one is shown; until then a link. */
  #renderFile(attachment: Attachment) {
    // blob: is the page's own preview of a file still being sent; anything else must be http(s).
    const href = attachment.url.startsWith('blob:') ? attachment.url : safeHttpUrl(attachment.url);
    const name = isolate(attachment.name);
    if (fileViews)
      return fileViews.fileAttachment(this, html, nothing, attachment, {
        href,
        name,
        size: formatFileSize(attachment.size, this.text.$code),
        poster: displayableImage(attachment.thumbnailUrl),
      });
    import('./file-attachment.js').then(
      (module) => {
        fileViews = module;
        this.requestUpdate();
      },
      () => undefined, // it stays a link, and the next render tries again
    );
    return html`<div class="file" part="attachment">
      ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${name}</a>` : name}
    </div>`;
  }

  #renderLocation(location: GeoLocation) {
    const t = this.text;
    const href = openStreetMapUrl(location);
    return html`
      <div class="location" part="location">
        ${PIN_ICON}
        <div class="location-text">
          <span class="location-label">${location.label ? isolate(location.label) : t.sharedLocation}</span>
          <span class="coordinates" dir="ltr"
            >${formatCoordinates(location.latitude, location.longitude, t.$code)}</span
          >
          ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${t.openMap}</a>` : nothing}
        </div>
      </div>
    `;
  }

  #renderDelivery(message: Message) {
    const t = this.text;
    const uploading = this.progress !== undefined && (message.status === 'pending' || message.status === 'sending');
    const percent = Math.round((this.progress ?? 0) * 100);
    return html`
      <div class="delivery-row">
        ${
          uploading
            ? html`<progress max="100" value=${percent} aria-label=${t.uploading(percent)}></progress>
                <button class="action" @click=${() => this.#request('conv-message-delete')}>${t.cancelUpload}</button>`
            : nothing
        }
        <span class="delivery" data-status=${message.status} role="img" aria-label=${t[message.status]}
          >${DELIVERY_ICONS[message.status]}<span class="delivery-text">${t[message.status]}</span></span
        >
        ${
          message.status === 'failed'
            ? html`<button class="action" @click=${() => this.#request('conv-message-retry')}>${t.retry}</button>
                <button class="action" @click=${() => this.#request('conv-message-delete')}>${t.delete}</button>`
            : nothing
        }
      </div>
    `;
  }

  /** The full-size view loads with what else no first paint shows (../shared/on-first-use.ts). */
  async #openLightbox(attachment: Attachment, opener: HTMLElement): Promise<void> {
    this.#lightboxOpener = opener;
    const parts = await loadOnFirstUse().catch(() => undefined);
    if (!parts) return; // the network is gone: the thumbnail can be pressed again
    parts.adoptMoreStyles(this, [parts.lightboxStyles]);
    this.#lightbox = parts.lightbox;
    this.lightbox = attachment;
  }

  readonly #closedLightbox = () => {
    this.lightbox = undefined;
    this.#lightboxOpener?.focus();
    this.#lightboxOpener = undefined;
  };

  #request(name: 'conv-message-retry' | 'conv-message-delete'): void {
    const message = this.message;
    if (message) this.emit(name, { conversationId: message.conversationId, clientId: message.clientId });
  }
}

if (!customElements.get('conv-message')) customElements.define('conv-message', ConvMessage);

declare global {
  interface HTMLElementTagNameMap {
    'conv-message': ConvMessage;
  }
}
