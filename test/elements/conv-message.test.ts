import { expect, fixture, html } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import '../../src/elements/conv-message/conv-message.js';
import type { ConvMessage } from '../../src/elements/conv-message/conv-message.js';
import { MESSAGE_METRICS } from '../../src/elements/conv-message/conv-message.metrics.js';

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

const render = (value: Message) => fixture<ConvMessage>(html`<conv-message .message=${value}></conv-message>`);

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

  it('passes axe', async () => {
    const el = await render(message({ text: 'See https://example.com', author: 'agent', status: 'failed' }));
    await expect(el).to.be.accessible();
  });
});
