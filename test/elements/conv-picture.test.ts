import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/conv-picture/conv-picture.js';
import type { ConvPicture } from '../../src/elements/conv-picture/conv-picture.js';
import { photoFile } from '../fixtures/images.js';

describe('<conv-picture>', () => {
  it('never loads a script: or javascript: address', async () => {
    const el = await fixture<ConvPicture>(html`<conv-picture src="javascript:alert(1)" label="Photo"></conv-picture>`);
    const image = el.shadowRoot!.querySelector('img');
    expect(image?.getAttribute('src') ?? '').not.to.contain('javascript:');
  });

  it('draws a photo the page holds and tells when it is shown', async () => {
    const el = await fixture<ConvPicture>(
      html`<conv-picture label="Parcel label" width="64" height="48"></conv-picture>`,
    );
    const loaded = new Promise((resolve) => el.addEventListener('load', resolve, { once: true }));
    el.blob = await photoFile('label.png');
    await loaded;
    await waitUntil(
      () => (el.shadowRoot!.querySelector('canvas')?.width ?? 0) > 0 || !!el.shadowRoot!.querySelector('img'),
      'nothing drawn',
    );
    await expect(el).to.be.accessible();
  });

  it('says so when the bytes are not a picture', async () => {
    const el = await fixture<ConvPicture>(html`<conv-picture label="Broken"></conv-picture>`);
    const failed = new Promise((resolve) => el.addEventListener('error', resolve, { once: true }));
    el.blob = new Blob(['not an image'], { type: 'image/png' });
    await failed;
  });
});
