import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { safeHttpUrl } from '../shared/format.js';

const DATA_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp|avif));base64,([a-z0-9+/=\s]+)$/i;

/** The bytes of a base64 image data URL, without a network request (a strict CSP blocks data: images). */
export function blobFromDataUrl(url: string): Blob | undefined {
  const match = DATA_IMAGE.exec(url);
  if (!match) return undefined;
  const binary = atob(match[2]!.replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

/**
 * An image that shows under the strictest Content-Security-Policy. http(s) images load in an <img>;
 * images the page already holds (a chosen File, a data: URL) are decoded with createImageBitmap —
 * off the main thread, scaled to the size shown — and drawn on a canvas, so no blob: or data: URL
 * is ever loaded (`img-src 'self'` blocks both).
 *
 * @summary Shows a photo from a URL or from bytes in the page.
 * @csspart image - The <img> or <canvas>.
 */
export class ConvPicture extends LitElement {
  static override properties = {
    src: {},
    blob: { attribute: false },
    width: { type: Number },
    height: { type: Number },
    label: {},
    fit: {},
  };
  static override styles = css`
    :host {
      display: inline-block;
      line-height: 0;
    }
    img,
    canvas {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      object-fit: var(--_fit, cover);
    }
  `;

  /** An http(s) URL, a `data:image/…;base64` URL, or a blob: URL (shown only where the page's CSP allows). */
  declare src?: string;
  /** Bytes the page holds, e.g. the File an agent chose. Wins over `src`. */
  declare blob?: Blob;
  /** Display size in CSS pixels; the decoded bitmap matches it (times the device pixel ratio). */
  declare width?: number;
  declare height?: number;
  /** Accessible name; empty for a decorative image. */
  declare label?: string;
  /** `cover` (thumbnails) or `contain` (full size). */
  declare fit?: 'cover' | 'contain';

  #drawn?: Blob;
  #drawing = 0;

  protected override render() {
    const label = this.label || undefined;
    const bytes = this.#bytes();
    if (bytes)
      return html`<canvas part="image" role=${label ? 'img' : 'presentation'} aria-label=${label ?? nothing}></canvas>`;
    const url = this.src && (this.src.startsWith('blob:') ? this.src : safeHttpUrl(this.src));
    if (!url) return nothing;
    return html`<img
      part="image"
      src=${url}
      alt=${label ?? ''}
      width=${this.width ?? nothing}
      height=${this.height ?? nothing}
      loading="lazy"
      decoding="async"
    />`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.fit) this.style.setProperty('--_fit', this.fit);
    const bytes = this.#bytes();
    if (bytes && (bytes !== this.#drawn || changed.has('width') || changed.has('height'))) void this.#draw(bytes);
  }

  #bytes(): Blob | undefined {
    if (this.blob) return this.blob;
    if (this.src?.startsWith('data:'))
      return (this.#decodedFrom === this.src ? this.#decoded : this.#decode(this.src)) ?? undefined;
    return undefined;
  }

  #decodedFrom?: string;
  #decoded?: Blob;
  #decode(src: string): Blob | undefined {
    this.#decodedFrom = src;
    this.#decoded = blobFromDataUrl(src);
    return this.#decoded;
  }

  async #draw(bytes: Blob): Promise<void> {
    const attempt = ++this.#drawing;
    this.#drawn = bytes;
    const scale = globalThis.devicePixelRatio || 1;
    const size =
      this.width && this.height
        ? {
            resizeWidth: Math.round(this.width * scale),
            resizeHeight: Math.round(this.height * scale),
            resizeQuality: 'medium' as const,
          }
        : {};
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(bytes, { imageOrientation: 'from-image', ...size });
    } catch {
      this.dispatchEvent(new Event('error'));
      return;
    }
    const canvas = this.renderRoot.querySelector('canvas');
    if (attempt !== this.#drawing || !canvas) return bitmap.close();
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    this.dispatchEvent(new Event('load'));
  }
}

if (!customElements.get('conv-picture')) customElements.define('conv-picture', ConvPicture);

declare global {
  interface HTMLElementTagNameMap {
    'conv-picture': ConvPicture;
  }
}
