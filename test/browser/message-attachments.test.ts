import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Attachment, Message } from '../../src/core/model.js';
import '../../src/elements/conv-message/conv-message.js';
import type { ConvMessage } from '../../src/elements/conv-message/conv-message.js';
import { wav } from '../fixtures/documents.js';
import { recordedVideo } from '../fixtures/images.js';

const message = (attachments: Attachment[]): Message => ({
  id: 'm-1',
  clientId: 'c-1',
  conversationId: 'conv-1',
  author: 'customer',
  authorName: 'Sam Lee',
  text: '',
  attachments,
  sentAt: Date.UTC(2026, 11, 3, 9, 30),
  status: 'delivered',
});

/** The message, once its file cards and players (loaded on first use) are there. */
async function render(attachments: Attachment[]): Promise<ConvMessage> {
  const wrapper = await fixture(
    html`<div><button id="before">before</button><conv-message .message=${message(attachments)}></conv-message></div>`,
  );
  const el = wrapper.querySelector<ConvMessage>('conv-message')!;
  await waitUntil(() => el.shadowRoot!.querySelector('.file-card'), 'the file card did not load');
  return el;
}

const PDF: Attachment = {
  name: 'terms.pdf',
  mimeType: 'application/pdf',
  size: 48_000,
  url: 'https://files.example.com/terms.pdf',
};

describe('<conv-message> with documents, video and sound', () => {
  it('shows a document as a card: type, name, size and a link that opens apart from the workspace', async () => {
    const el = await render([PDF]);
    const card = el.shadowRoot!.querySelector<HTMLElement>('[part~="attachment"]')!;
    expect(card.querySelector('.file-details')!.textContent!.trim()).to.equal('PDF · 47 kB');
    const link = card.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal(PDF.url);
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.textContent).to.contain('terms.pdf');
    // The card's own styles came with it: a padded box, a link as tall as a touch target.
    expect(getComputedStyle(card).paddingTop).to.equal('8px');
    expect(link.getBoundingClientRect().height).to.be.at.least(24);
    await expect(el).to.be.accessible();
  });

  it('shows a HEIC without the backend’s rendition as a card with its size in pixels, and with one as a picture', async () => {
    const photo = {
      name: 'IMG_0042.HEIC',
      mimeType: 'image/heic',
      size: 2_200_000,
      url: 'https://files.example.com/a.heic',
    };
    const card = await render([{ ...photo, width: 4032, height: 3024 }]);
    expect(card.shadowRoot!.querySelector('conv-picture')).to.equal(null);
    expect(card.shadowRoot!.querySelector('.file-details')!.textContent!.trim()).to.equal(
      'HEIC · 4032 × 3024 · 2.1 MB',
    );
    expect(card.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal(photo.url);
    const shown = await fixture<ConvMessage>(
      html`<conv-message
        .message=${message([{ ...photo, thumbnailUrl: 'https://files.example.com/a.jpg' }])}
      ></conv-message>`,
    );
    expect(shown.shadowRoot!.querySelector('conv-picture')!.src).to.equal('https://files.example.com/a.jpg');
  });

  it('plays a video in place with the browser’s controls, loading only its metadata', async () => {
    const url = URL.createObjectURL(await recordedVideo());
    const el = await render([{ name: 'unboxing.webm', mimeType: 'video/webm', size: 3200, url }]);
    const video = el.shadowRoot!.querySelector('video')!;
    expect(video.controls).to.be.true;
    expect(video.getAttribute('preload')).to.equal('metadata');
    expect(video.hasAttribute('poster')).to.be.false;
    if (video.readyState < HTMLMediaElement.HAVE_METADATA) await oneEvent(video, 'loadedmetadata');
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([64, 48]);
    expect(el.shadowRoot!.querySelector('.file-details')!.textContent).to.contain('WEBM');
    await expect(el).to.be.accessible();
    URL.revokeObjectURL(url);
  });

  it('shows the backend’s poster for a video, and only a displayable one', async () => {
    const video = async (thumbnailUrl: string) =>
      (
        await render([
          { name: 'clip.mp4', mimeType: 'video/mp4', size: 1, url: 'https://files.example.com/clip.mp4', thumbnailUrl },
        ])
      ).shadowRoot!.querySelector('video')!;
    expect((await video('https://files.example.com/clip.jpg')).getAttribute('poster')).to.equal(
      'https://files.example.com/clip.jpg',
    );
    expect((await video('javascript:alert(1)')).hasAttribute('poster')).to.be.false;
  });

  it('plays a sound with the browser’s controls', async () => {
    const url = URL.createObjectURL(new Blob([wav(4000)], { type: 'audio/wav' }));
    const el = await render([{ name: 'voice message.wav', mimeType: 'audio/wav', size: 8044, url }]);
    const audio = el.shadowRoot!.querySelector('audio')!;
    expect(audio.controls).to.be.true;
    expect(audio.getAttribute('aria-label')).to.contain('voice message.wav');
    if (audio.readyState < HTMLMediaElement.HAVE_METADATA) await oneEvent(audio, 'loadedmetadata');
    expect(audio.duration).to.be.closeTo(0.5, 0.01);
    await expect(el).to.be.accessible();
    URL.revokeObjectURL(url);
  });

  it('neither plays nor links a file at an address that is not http(s), and still names it as text', async () => {
    const el = await render([
      { name: '<b>clip</b>.mp4', mimeType: 'video/mp4', size: 10, url: 'javascript:alert(1)' },
      { name: 'page.pdf', mimeType: 'application/pdf', size: 10, url: 'data:text/html,<script>alert(1)</script>' },
    ]);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('video, audio, a, b')).to.have.length(0);
    expect(root.textContent).to.contain('<b>clip</b>.mp4').and.contain('page.pdf');
  });

  it('reaches the player and the link with the keyboard, in reading order', async () => {
    const url = URL.createObjectURL(await recordedVideo());
    const el = await render([{ name: 'clip.webm', mimeType: 'video/webm', size: 3200, url }, PDF]);
    // The player's controls change once it knows the video's length: walk them after that, as an agent would.
    const video = el.shadowRoot!.querySelector('video')!;
    await waitUntil(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'the video did not load its metadata');
    el.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
    const focused = () => {
      const active = el.shadowRoot!.activeElement;
      return active ? `${active.localName}:${(active.textContent ?? '').replace(/[\u2068\u2069]/g, '').trim()}` : '';
    };
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('video:');
    // Tab walks through the player's own buttons (play, time, volume, …) and then leaves it.
    let presses = 0;
    while (focused() === 'video:' && presses++ < 15) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('a:clip.webm');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('a:terms.pdf');
    URL.revokeObjectURL(url);
  });
});
