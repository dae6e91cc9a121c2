// A HEIC in a chat message without the backend's rendition, on a page whose policy allows WebAssembly
// ('wasm-unsafe-eval') and that gave conv-kit its libheif: the photo is decoded in the page and drawn.
import { expect, waitUntil } from '@open-wc/testing';
import { showHeicPhotos } from '../../src/browser/heic.js';
import { loadLibheif } from '../fixtures/heic-decoder.js';
import { halves, heicAttachment, renderMessage, underPolicy } from './heic-message-kit.js';

const violations = underPolicy(
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'",
);

describe('<conv-message> with a HEIC and a decoder the policy allows', () => {
  after(() => showHeicPhotos(undefined));

  it('without a page decoder the HEIC stays a card', async () => {
    const el = await renderMessage(heicAttachment(false));
    await waitUntil(() => el.shadowRoot!.querySelector('.file-card'), 'the card did not load');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.shadowRoot!.querySelector('.file-card canvas')).to.equal(null);
  });

  it('draws the decoded photo in the card, named for screen readers, with the download link kept', async () => {
    showHeicPhotos(loadLibheif);
    const el = await renderMessage(heicAttachment(false));
    await waitUntil(() => el.shadowRoot!.querySelector('.file-card canvas'), 'the photo was not decoded', {
      timeout: 15000,
    });
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('.file-card canvas')!;
    expect([canvas.width, canvas.height]).to.deep.equal([64, 48]);
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.contain('IMG_0001.HEIC');
    const { left, right } = halves(canvas, 64, 48);
    expect(left[0]).to.be.greaterThan(180);
    expect(left[2]).to.be.lessThan(80);
    expect(right[2]).to.be.greaterThan(180);
    expect(right[0]).to.be.lessThan(80);
    expect(el.shadowRoot!.querySelector('.file-card a')!.textContent).to.contain('IMG_0001.HEIC');
    expect(violations).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
