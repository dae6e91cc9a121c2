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

  it('loads an http(s) photo lazily at the size it will be shown, named for screen readers', async () => {
    const el = await fixture<ConvPicture>(
      html`<conv-picture
        src="https://files.example.com/parcel.jpg"
        label="Parcel"
        width="240"
        height="180"
      ></conv-picture>`,
    );
    const image = el.shadowRoot!.querySelector('img')!;
    expect(image.getAttribute('src')).to.equal('https://files.example.com/parcel.jpg');
    expect(image.getAttribute('alt')).to.equal('Parcel');
    expect([image.getAttribute('width'), image.getAttribute('height')]).to.deep.equal(['240', '180']);
    expect(image.getAttribute('loading')).to.equal('lazy');
  });

  it('keeps a picture without a label out of the accessibility tree', async () => {
    const el = await fixture<ConvPicture>(html`<conv-picture src="https://files.example.com/a.jpg"></conv-picture>`);
    expect(el.shadowRoot!.querySelector('img')!.getAttribute('alt')).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('draws a data: photo itself, so a strict Content-Security-Policy never has to allow data: images', async () => {
    const el = await fixture<ConvPicture>(html`<conv-picture label="Dot"></conv-picture>`);
    const loaded = new Promise((resolve) => el.addEventListener('load', resolve, { once: true }));
    el.src =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await loaded;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.equal('Dot');
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
