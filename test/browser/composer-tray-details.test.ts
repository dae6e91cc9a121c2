// What the composer's tray tells about each waiting file: a sound's or a video's length (read from the
// real file by a detached player), a photo's pixels, a HEIC drawn by the page's libheif when allowed.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { showHeicPhotos } from '../../src/browser/heic.js';
import { createFileTypePolicy } from '../../src/core/file-policy.js';
import '../../src/elements/conv-composer/conv-composer.js';
import type { ConvComposer } from '../../src/elements/conv-composer/conv-composer.js';
import { seededBackend } from '../helpers/seed.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { wav } from '../fixtures/documents.js';
import { fileOf } from '../fixtures/files.js';
import { recordedVideo } from '../fixtures/images.js';
import { heicFixture, loadLibheif } from '../fixtures/heic-decoder.js';

async function composer(): Promise<ConvComposer> {
  const { store } = await connectedWorkspace({
    backend: seededBackend({ replyDelayMs: false }),
    fileTypePolicy: createFileTypePolicy({ allowed: ['png', 'heic', 'wav', 'webm'] }),
  });
  const conversationId = store.list('conversations')[0]!.id;
  return fixture<ConvComposer>(html`<conv-composer .store=${store} conversation-id=${conversationId}></conv-composer>`);
}

const attachments = (el: ConvComposer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="attachment"]')];

async function choose(el: ConvComposer, ...files: File[]): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"][multiple]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => attachments(el).length === files.length, 'the files were not attached');
}

/** What the tray's details say on screen, and what a screen reader reads. */
function details(item: HTMLElement): { shown: string; read: string } {
  const meta = item.querySelector<HTMLElement>('.meta')!;
  const hidden = meta.querySelector('[aria-hidden="true"]');
  const spoken = meta.querySelector('.visually-hidden');
  return { shown: (hidden ?? meta).textContent!.trim(), read: (spoken ?? meta).textContent!.trim() };
}

describe('<conv-composer> tray details', () => {
  afterEach(() => showHeicPhotos(undefined));

  it('shows a sound’s length as a clock and reads it out in words', async () => {
    const el = await composer();
    await choose(el, fileOf(wav(8000 * 65), 'message.wav'));
    await waitUntil(() => details(attachments(el)[0]!).shown.includes(':'), 'no length shown', { timeout: 10000 });
    const { shown, read } = details(attachments(el)[0]!);
    expect(shown).to.match(/^WAV, 1[,.]0\d MB, 1:05$|^WAV, [\d,.]+ (kB|MB), 1:05$/);
    expect(read).to.contain('1 minute');
    expect(read).to.contain('5 seconds');
    await expect(el).to.be.accessible();
  });

  it('finds the length of a WebM recorded in the browser, which its header does not state', async () => {
    const el = await composer();
    await choose(el, new File([await recordedVideo(40)], 'clip.webm', { type: 'video/webm' }));
    await waitUntil(() => details(attachments(el)[0]!).shown.match(/0:0\d$/), 'no length shown', { timeout: 10000 });
    expect(details(attachments(el)[0]!).shown).to.match(/^WEBM, .+, 0:0[12]$/);
  });

  it('shows a photo’s pixels, and every waiting file can be removed with the keyboard', async () => {
    const el = await composer();
    await choose(el, await heicFixture('photo-64x48.heic', 'IMG_0001.HEIC'), fileOf(wav(800), 'beep.wav'));
    expect(details(attachments(el)[0]!).shown).to.equal('HEIC, 577 bytes, 64 × 48');
    const remove = attachments(el)[1]!.querySelector<HTMLButtonElement>('[part~="remove"]')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => attachments(el).length === 1, 'Enter did not remove the file');
  });

  it('draws a HEIC the browser cannot with the page’s libheif, else keeps the icon', async () => {
    const plain = await composer();
    await choose(plain, await heicFixture('photo-64x48.heic', 'IMG_0002.HEIC'));
    await waitUntil(() => attachments(plain)[0]!.querySelector('svg'), 'no icon for the undrawable HEIC');
    expect(attachments(plain)[0]!.querySelector('canvas')).to.equal(null);

    showHeicPhotos(loadLibheif);
    const el = await composer();
    await choose(el, await heicFixture('photo-64x48.heic', 'IMG_0003.HEIC'));
    await waitUntil(() => attachments(el)[0]!.querySelector('canvas'), 'the HEIC was not drawn', { timeout: 15000 });
    const canvas = attachments(el)[0]!.querySelector('canvas')!;
    expect(canvas.getAttribute('aria-label')).to.equal('IMG_0003.HEIC');
    const pixel = (x: number) => [...canvas.getContext('2d')!.getImageData(x, canvas.height / 2, 1, 1).data];
    expect(pixel(4)[0]).to.be.greaterThan(180);
    expect(pixel(canvas.width - 4)[2]).to.be.greaterThan(180);
    await expect(el).to.be.accessible();
  });
});
