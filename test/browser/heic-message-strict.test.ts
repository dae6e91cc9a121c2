// A HEIC in a chat message on Chromium, which cannot draw HEIC, under a strict page policy that forbids
// WebAssembly: the backend's JPEG rendition is shown; without one, the HEIC card, and no decoder is fetched.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { showHeicPhotos } from '../../src/browser/heic.js';
import { loadLibheif } from '../fixtures/heic-decoder.js';
import { halves, heicAttachment, renderMessage, underPolicy } from './heic-message-kit.js';

const violations = underPolicy("default-src 'self'; require-trusted-types-for 'script'");
let decoderLoads = 0;

describe('<conv-message> with a HEIC under a strict CSP (no WebAssembly)', () => {
  before(() => showHeicPhotos(() => (decoderLoads++, loadLibheif())));
  after(() => showHeicPhotos(undefined));

  it('shows the backend’s JPEG rendition (thumbnailUrl) as the photo, with no policy violation', async () => {
    const el = await renderMessage(heicAttachment(true));
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.thumbnail')!;
    expect(button.getAttribute('aria-label')).to.contain('IMG_0001.HEIC');
    const picture = button.querySelector('conv-picture')!;
    await waitUntil(() => picture.shadowRoot?.querySelector('img')?.complete, 'the rendition did not load');
    const image = picture.shadowRoot!.querySelector('img')!;
    expect(image.naturalWidth).to.equal(64);
    const { left, right } = halves(image, 64, 48);
    expect(left[0]).to.be.greaterThan(180);
    expect(right[2]).to.be.greaterThan(180);
    expect(violations).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // Full size, the rendition too: the HEIC itself would not draw.
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open] conv-picture'), 'the photo did not open');
    const full = el.shadowRoot!.querySelector('dialog conv-picture')!;
    await waitUntil(() => full.shadowRoot?.querySelector('img')?.complete, 'the full photo did not load');
    expect(full.shadowRoot!.querySelector('img')!.naturalWidth).to.equal(64);
    expect(violations).to.deep.equal([]);
  });

  it('without a rendition shows the HEIC card, and fetches no decoder the policy would refuse', async () => {
    const el = await renderMessage(heicAttachment(false));
    await waitUntil(() => el.shadowRoot!.querySelector('.file-card'), 'the card did not load');
    const card = el.shadowRoot!.querySelector('.file-card')!;
    expect(card.querySelector('a')!.textContent).to.contain('IMG_0001.HEIC');
    expect(card.querySelector('.file-details')!.textContent).to.equal('HEIC · 64 × 48 · 577 bytes');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(card.querySelector('canvas')).to.equal(null);
    expect(decoderLoads).to.equal(0);
    // The refusal was the page's policy: compiling the 8-byte probe module is what it reported.
    expect(violations.some((violation) => violation.includes('wasm-eval'))).to.equal(true, violations.join('; '));
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('libheif'))).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
