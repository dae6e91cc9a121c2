import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import '../../src/elements/conv-message/conv-message.js';
import type { ConvMessage } from '../../src/elements/conv-message/conv-message.js';
import { ESTIMATED_ROW_HEIGHT, MESSAGE_METRICS } from '../../src/elements/conv-message/conv-message.metrics.js';
import { clickCenter } from '../helpers/input.js';

const message = (changes: Partial<Message> = {}): Message => ({
  id: 'm-1',
  clientId: 'c-1',
  conversationId: 'conv-1',
  author: 'customer',
  authorName: 'Sam Lee',
  text: 'Hello',
  attachments: [],
  sentAt: Date.UTC(2026, 11, 2, 9, 30),
  status: 'delivered',
  ...changes,
});

const render = (value: Message, progress?: number) =>
  fixture<ConvMessage>(html`<conv-message .message=${value} .progress=${progress}></conv-message>`);

/** Names from outside are wrapped in Unicode isolation marks, so a right-to-left name cannot reorder the line. */
const withoutIsolation = (text: string) => text.replace(/[\u2068\u2069]/g, '');

const PHOTO = {
  name: 'parcel.jpg',
  mimeType: 'image/jpeg',
  size: 2048,
  url: 'https://files.example.com/parcel.jpg',
  width: 1200,
  height: 900,
};

describe('<conv-message>', () => {
  it('shows hostile text as text, never as markup', async () => {
    const el = await render(
      message({
        text: '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>',
        authorName: '<b>Sam</b>',
      }),
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('img[src="x"], script, b')).to.equal(null);
    expect(root.textContent).to.contain('<img src=x onerror="window.hacked=1">');
    expect(root.textContent).to.contain('<b>Sam</b>');
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('makes only http(s) links clickable, opening apart from the workspace', async () => {
    const el = await render(message({ text: 'Track it at https://example.com/track?id=7 or javascript:alert(1)' }));
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['https://example.com/track?id=7']);
    expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(el.shadowRoot!.textContent).to.contain('javascript:alert(1)');
  });

  it('tells the agent how far their own message got', async () => {
    const el = await render(message({ author: 'agent', status: 'pending' }));
    const delivery = () => el.shadowRoot!.querySelector('.delivery')!;
    expect(delivery().getAttribute('data-status')).to.equal('pending');
    el.message = message({ author: 'agent', status: 'read' });
    await el.updateComplete;
    expect(delivery().getAttribute('data-status')).to.equal('read');
    expect(delivery().getAttribute('aria-label')).to.be.a('string').and.not.equal('');
  });

  it('is laid out with the metrics the message list estimates from', async () => {
    const el = await render(message());
    const style = getComputedStyle(el);
    expect(style.paddingBlockStart).to.equal(`${MESSAGE_METRICS.rowPaddingBlock}px`);
    expect(style.lineHeight).to.equal(`${MESSAGE_METRICS.textLineHeight}px`);
    const bubble = getComputedStyle(el.shadowRoot!.querySelector('.bubble')!);
    expect(bubble.paddingBlockStart).to.equal(`${MESSAGE_METRICS.bubblePaddingBlock}px`);
    expect(bubble.rowGap).to.equal(`${MESSAGE_METRICS.bubbleGap}px`);
  });

  it('shows a photo as a button that opens it, sized before it loads', async () => {
    const el = await render(message({ text: '', attachments: [PHOTO] }));
    const thumbnail = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="attachment"]')!;
    expect(thumbnail.getAttribute('aria-label')).to.contain('parcel.jpg');
    const picture = thumbnail.querySelector('conv-picture')!;
    expect(picture.getBoundingClientRect().width).to.equal(240);
    expect(picture.getBoundingClientRect().height).to.equal(180);
    await clickCenter(thumbnail);
    // The full-size view loads on first open.
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'the photo did not open');
    await expect(el).to.be.accessible();
  });

  it('links a file only at an http(s) address, and shows its name as text either way', async () => {
    const el = await render(
      message({
        text: '',
        attachments: [
          { name: 'terms.pdf', mimeType: 'application/pdf', size: 900, url: 'https://files.example.com/terms.pdf' },
          { name: '<b>evil</b>.pdf', mimeType: 'application/pdf', size: 900, url: 'javascript:alert(1)' },
        ],
      }),
    );
    const files = [...el.shadowRoot!.querySelectorAll('.file')];
    expect(files.map((file) => withoutIsolation(file.textContent!.trim()))).to.deep.equal([
      'terms.pdf',
      '<b>evil</b>.pdf',
    ]);
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['https://files.example.com/terms.pdf']);
    expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
  });

  it('shows a shared location with its coordinates and a map link', async () => {
    const el = await render(message({ text: '', location: { latitude: 51.5226, longitude: -0.1571, label: 'Depot' } }));
    const card = el.shadowRoot!.querySelector('[part~="location"]')!;
    expect(card.textContent).to.contain('Depot');
    expect(card.textContent).to.contain('51.52260, -0.15710');
    const link = card.querySelector('a')!;
    expect(link.getAttribute('href')).to.match(/^https:\/\/www\.openstreetmap\.org\/\?mlat=51\.52260&mlon=-0\.15710/);
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    await expect(el).to.be.accessible();
  });

  it('offers no map for coordinates that are not on Earth', async () => {
    const el = await render(message({ text: '', location: { latitude: 123, longitude: 500 } }));
    expect(el.shadowRoot!.querySelector('[part~="location"] a')).to.equal(null);
  });

  it('offers Retry and Delete on a failed message, each naming the message once', async () => {
    const el = await render(message({ author: 'agent', status: 'failed' }));
    const details: Array<[string, unknown]> = [];
    for (const name of ['conv-message-retry', 'conv-message-delete'])
      el.addEventListener(name, (event) => details.push([name, (event as CustomEvent).detail]));
    const [retry, remove] = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.action')];
    expect(retry!.textContent!.trim()).to.equal('Retry');
    expect(remove!.textContent!.trim()).to.equal('Delete');
    await clickCenter(retry!);
    await clickCenter(remove!);
    const detail = { conversationId: 'conv-1', clientId: 'c-1' };
    expect(details).to.deep.equal([
      ['conv-message-retry', detail],
      ['conv-message-delete', detail],
    ]);
  });

  it('shows how far an upload got, with a way to cancel it', async () => {
    const el = await render(message({ author: 'agent', status: 'sending', attachments: [PHOTO] }), 0.4);
    const progress = el.shadowRoot!.querySelector('progress')!;
    expect(progress.value).to.equal(40);
    expect(progress.getAttribute('aria-label')).to.equal('Uploading 40%');
    const cancel = el.shadowRoot!.querySelector<HTMLButtonElement>('button.action')!;
    expect(cancel.textContent!.trim()).to.equal('Cancel upload');
    await expect(el).to.be.accessible();
  });

  it('is exactly as tall as the list counts a row it has not measured yet, for a one-line message', async () => {
    const el = await render(message({ author: 'agent', status: 'read', text: 'On its way' }));
    expect(el.getBoundingClientRect().height).to.equal(ESTIMATED_ROW_HEIGHT);
  });

  it('passes axe', async () => {
    const el = await render(message({ text: 'See https://example.com', author: 'agent', status: 'failed' }));
    await expect(el).to.be.accessible();
  });
});
