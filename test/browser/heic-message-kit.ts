import { fixture, html } from '@open-wc/testing';
import type { Attachment, Message } from '../../src/core/model.js';
import '../../src/elements/conv-message/conv-message.js';
import type { ConvMessage } from '../../src/elements/conv-message/conv-message.js';

/**
 * Puts the page under a Content-Security-Policy (a `<meta>` added now is enforced from now on): the
 * strictest an integrator's CRM is likely to have, plus what the test asks for. Returns what it reported.
 */
export function underPolicy(policy: string): string[] {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
  );
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  document.head.append(meta);
  return violations;
}

/** The real HEIC photo of test/fixtures/heic as a backend lists it; `thumbnailUrl` is its JPEG rendition. */
export const heicAttachment = (rendition: boolean): Attachment => ({
  id: 'file-1',
  name: 'IMG_0001.HEIC',
  mimeType: 'image/heic',
  size: 577,
  width: 64,
  height: 48,
  url: new URL('../fixtures/heic/photo-64x48.heic', import.meta.url).href,
  ...(rendition && { thumbnailUrl: new URL('../fixtures/heic/photo-64x48.jpg', import.meta.url).href }),
});

export async function renderMessage(attachment: Attachment): Promise<ConvMessage> {
  const message: Message = {
    id: 'm-1',
    clientId: 'c-1',
    conversationId: 'conv-1',
    author: 'customer',
    authorName: 'Sam Lee',
    text: '',
    attachments: [attachment],
    sentAt: Date.UTC(2026, 11, 3, 9, 30),
    status: 'delivered',
  };
  return fixture<ConvMessage>(html`<conv-message .message=${message}></conv-message>`);
}

/** The red and blue halves of the fixture photo, read back from what the page drew. */
export function halves(source: CanvasImageSource, width: number, height: number): { left: number[]; right: number[] } {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.drawImage(source, 0, 0, width, height);
  const at = (x: number) => [...context.getImageData(Math.round(x * width), Math.round(height / 2), 1, 1).data];
  return { left: at(0.125), right: at(0.875) };
}
