import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { Attachment } from '../../core/model.js';

/** What `<conv-message>` has made safe to show: every text in it is shown as text. */
export interface FileShown {
  /** An http(s) or blob: address, or undefined when the file may not be opened from here. */
  href: string | undefined;
  /** The file name, isolated. */
  name: string;
  /** The size in the page's language: "47 kB". */
  size: string;
  /** A displayable poster image for a video. */
  poster: string | undefined;
}

/**
 * A video or a sound plays in place with the browser's own controls (`preload="metadata"`: only its
 * length and size load until the agent presses play); every other file is a card with its type, name,
 * size (and pixels, for a HEIC the browser cannot draw) and a link that opens apart from the workspace. Loaded the first time a message shows a file
 * that is not a picture. Lit's `html` comes from the caller and the styles are a constructed sheet of
 * their own (which a strict CSP allows, as Lit's), so this chunk shares no module with the page.
 */
export function fileAttachment(
  host: HTMLElement,
  html: typeof litHtml,
  nothing: typeof litNothing,
  attachment: Pick<Attachment, 'name' | 'mimeType' | 'width' | 'height'>,
  { href, name, size, poster }: FileShown,
): TemplateResult {
  adoptStyles(host);
  const kind = attachment.mimeType.split('/')[0];
  const player =
    href && kind === 'video'
      ? html`<video controls preload="metadata" src=${href} poster=${poster ?? nothing} aria-label=${name}></video>`
      : href && kind === 'audio'
        ? html`<audio controls preload="metadata" src=${href} aria-label=${name}></audio>`
        : nothing;
  const decoded = href && /^image\/hei[cf]$/.test(attachment.mimeType) ? decodedHeic(host, href, name) : undefined;
  return html`<div class="file-card" part="attachment">
    ${player} ${decoded ?? nothing}
    <div class="file">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${name}</a>` : name}</div>
    <div class="file-details">${[typeLabel(attachment), pixels(attachment), size].filter(Boolean).join(' · ')}</div>
  </div>`;
}

/** The canvas a host shows for a HEIC (one per message: a node can be in one place only). */
const heicCanvases = new WeakMap<HTMLElement, { href: string; canvas: HTMLCanvasElement }>();
/** Each HEIC address decoded once per page; undefined when it may not or cannot be. */
const heicDecodes = new Map<string, Promise<import('../../browser/heic.js').DecodedHeic | undefined>>();
/** Decoded HEIC previews are at most this wide or high, as a thumbnail. */
const HEIC_PREVIEW_SIDE = 240;

/**
 * A HEIC without the backend's JPEG rendition, drawn by the page's libheif when the page gave one
 * (`showHeicPhotos` from conv-kit/photo) and its policy allows WebAssembly; the card shows until then, and
 * stays alone otherwise. The decoder code loads only here, for the first such photo.
 */
function decodedHeic(host: HTMLElement, href: string, name: string): HTMLCanvasElement | undefined {
  const shown = heicCanvases.get(host);
  if (shown?.href === href) return shown.canvas;
  if (!(globalThis as Record<symbol, unknown>)[Symbol.for('conv-kit.heic-decoder')]) return undefined;
  let decoding = heicDecodes.get(href);
  if (!decoding) {
    decoding = import('../../browser/heic.js').then(async ({ decodeHeic }) => {
      const response = await fetch(href);
      if (!response.ok) return undefined;
      return decodeHeic(await response.blob());
    });
    decoding = decoding.catch(() => undefined);
    heicDecodes.set(href, decoding);
  }
  void decoding.then(async (decoded) => {
    if (!decoded || heicCanvases.get(host)?.href === href) return;
    const { heicCanvas } = await import('../../browser/heic.js');
    heicCanvases.set(host, { href, canvas: heicCanvas(decoded, HEIC_PREVIEW_SIDE, name) });
    (host as HTMLElement & { requestUpdate(): void }).requestUpdate();
  });
  return undefined;
}

/** "4032 × 3024" for a picture shown as a card (a HEIC the browser cannot draw), when the backend knows it. */
function pixels({ width, height }: Pick<Attachment, 'width' | 'height'>): string {
  return width && height ? `${width} × ${height}` : '';
}

/** "PDF", "DOCX", "MP4": the extension, which is what agents know a type by, else the MIME subtype. */
function typeLabel({ name, mimeType }: Pick<Attachment, 'name' | 'mimeType'>): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1];
  return (extension ?? mimeType.split('/')[1] ?? '').toUpperCase();
}

/** The card's and the players' styles: like a shared location's card, the players as wide as a thumbnail or narrower. */
const STYLES = `
.file-card {
  display: flex;
  flex-direction: column;
  gap: 8px;
  padding: 8px;
  border-radius: calc(var(--_radius) - 4px);
  background: color-mix(in srgb, currentColor 10%, transparent);
}
.file-card :is(video, audio) {
  display: block;
  inline-size: min(320px, 100%);
  max-block-size: 240px;
}
.file-card canvas {
  display: block;
  max-inline-size: 100%;
  block-size: auto;
  border-radius: calc(var(--_radius) - 4px);
}
.file-card a {
  display: inline-flex;
  align-items: center;
  min-block-size: var(--_target);
}
.file-details {
  font-size: 13px;
}`;

let sheet: CSSStyleSheet | undefined;

function adoptStyles(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (!root) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
