/**
 * System notices ("… ended the chat") come from the backend, but the backend says what they mean (Message.notice),
 * so the chat and the lists word them in the agent's language; the backend's own words show only where it says
 * nothing the elements know.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import { checked, type InvalidField } from '../../src/core/validate.js';
import '../../src/elements/conv-chat/conv-chat.js';
import '../../src/elements/conv-list/conv-list.js';
import type { ConvChat } from '../../src/elements/conv-chat/conv-chat.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import { loadLocale } from '../../src/index.js';
import { connectedWorkspace } from '../helpers/workspace.js';

/** Visible text without the isolation marks around names. */
const shown = (node: Element | null | undefined) => node?.textContent?.replace(/[\u2066-\u2069]/g, '').trim();

async function chatIn(lang: string, store: ConvChat['store'], conversationId: string): Promise<ConvChat> {
  await loadLocale(lang);
  const chat = await fixture<ConvChat>(
    html`<conv-chat lang=${lang} .store=${store} conversation-id=${conversationId}></conv-chat>`,
  );
  await waitUntil(() => systemText(chat), 'no system message showed', { timeout: 10000 });
  return chat;
}

const systemText = (chat: ConvChat) => {
  const list = chat.shadowRoot!.querySelector('conv-message-list');
  const messages = [...(list?.shadowRoot?.querySelectorAll('conv-message') ?? [])];
  const system = messages.find((message) => message.shadowRoot?.querySelector('[data-author="system"]'));
  return shown(system?.shadowRoot?.querySelector('[data-author="system"] .text'));
};

const systemMessage = (extra: Record<string, unknown>): unknown => ({
  clientId: 'm1',
  conversationId: 'c1',
  author: 'system',
  text: 'Backend words',
  attachments: [],
  sentAt: 1,
  status: 'delivered',
  ...extra,
});

describe('system notices in the agent’s language', () => {
  it('words an agent’s End chat in German, in the chat and in the History list', async () => {
    const { store } = await connectedWorkspace();
    const active = store.list('conversations').find((conversation) => conversation.status === 'active')!;
    await store.endChat(active.id);
    const chat = await chatIn('de', store, active.id);
    expect(systemText(chat)).to.equal(`${store.agent!.name} hat den Chat beendet`);

    const list = await fixture<ConvList>(html`<conv-list lang="de" list="history" .store=${store}></conv-list>`);
    await waitUntil(() => list.shadowRoot!.querySelector('.preview'), 'the History list showed nothing');
    const previews = [...list.shadowRoot!.querySelectorAll('.preview')].map(shown);
    expect(previews).to.include(`${store.agent!.name} hat den Chat beendet`);
  });

  it('words a customer leaving in Japanese', async () => {
    const { store, backend } = await connectedWorkspace();
    const active = store.list('conversations').find((conversation) => conversation.status === 'active')!;
    backend.endByCustomer(active.id);
    await waitUntil(() => store.conversation(active.id)?.status === 'ended', 'the customer’s leaving did not arrive');
    const chat = await chatIn('ja', store, active.id);
    expect(systemText(chat)).to.equal('お客様がチャットを退出しました');
  });

  it('shows the backend’s own words for a notice it does not know, and drops a malformed one', () => {
    const problems: InvalidField[] = [];
    const report = (problem: InvalidField) => problems.push(problem);
    const newer = checked('message', systemMessage({ notice: { kind: 'transferred', to: 'Kim' } }), report);
    expect(newer).to.not.equal(undefined);
    expect((newer as Message).notice, 'an unknown kind').to.equal(undefined);
    const nameless = checked('message', systemMessage({ notice: { kind: 'ended-by-agent', agentName: 42 } }), report);
    expect((nameless as Message).notice, 'an agent notice without a name').to.equal(undefined);
    expect(problems.map((problem) => [problem.field, problem.repaired])).to.deep.equal([
      ['notice', true],
      ['notice', true],
    ]);
    const fine = checked('message', systemMessage({ notice: { kind: 'ended-by-customer' } }), report);
    expect((fine as Message).notice).to.deep.equal({ kind: 'ended-by-customer' });
  });

  it('renders an agent’s name in a notice as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__noticeXss = 1">';
    const { store } = await connectedWorkspace({
      // A backend naming the agent who ended the chat with markup.
      wrapAdapter: (adapter) => {
        const wrapped = Object.create(adapter) as typeof adapter;
        wrapped.listMessages = async (conversationId, options) => {
          const page = await adapter.listMessages(conversationId, options);
          const items = page.items.map((message) =>
            message.author === 'system'
              ? { ...message, notice: { kind: 'ended-by-agent' as const, agentName: hostile } }
              : message,
          );
          return { ...page, items };
        };
        return wrapped;
      },
    });
    const ended = store.list('history')[0]!;
    const chat = await chatIn('en', store, ended.id);
    expect(systemText(chat)).to.equal(`${hostile} ended the chat`);
    const list = chat.shadowRoot!.querySelector('conv-message-list')!;
    for (const message of list.shadowRoot!.querySelectorAll('conv-message'))
      expect(message.shadowRoot!.querySelector('img[src="x"]')).to.equal(null);
    expect((window as unknown as { __noticeXss?: number }).__noticeXss).to.equal(undefined);
  });
});
