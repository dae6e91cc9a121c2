import { expect, fixture, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createMemoryAdapter,
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryAdapter,
} from '../../src/adapters/memory.js';
import type { ConversationAdapter } from '../../src/core/adapter.js';
import type { StandardResponse } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-composer/conv-composer.js';
import type { ConvComposer } from '../../src/elements/conv-composer/conv-composer.js';
import { clickCenter, focused } from '../helpers/input.js';

const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });

/** One chat the agent handles, with Ada; the backend offers `responses`, or its defaults. */
async function chatWithAda(
  options: { responses?: StandardResponse[]; wrap?: (adapter: MemoryAdapter) => ConversationAdapter } = {},
): Promise<{ store: ConversationStore; adapter: MemoryAdapter; el: ConvComposer }> {
  const backend = createMemoryBackend({
    replyDelayMs: false,
    standardResponses: options.responses,
    data: ({ now }) => ({
      conversations: [
        {
          id: 'conv-ada',
          customer: { id: 'cust-ada', name: 'Ada Lovelace' },
          channel: 'chat',
          status: 'active',
          assigneeId: DEFAULT_AGENT.id,
          createdAt: now,
          updatedAt: now,
          unreadCount: 0,
        },
      ],
    }),
  });
  const adapter = createMemoryAdapter({ backend, latencyMs: 0 });
  const store = createConversationStore({ adapter: options.wrap ? options.wrap(adapter) : adapter });
  await store.connect();
  // At the bottom of the page, as in a chat: the list opens above the composer.
  const page = await fixture<HTMLElement>(
    html`<div style="padding-top: 60vh">
      <conv-composer .store=${store} conversation-id="conv-ada"></conv-composer>
    </div>`,
  );
  return { store, adapter, el: page.querySelector('conv-composer')! };
}

const root = (el: ConvComposer) => el.shadowRoot!;
const messageBox = (el: ConvComposer) => root(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!;
const button = (el: ConvComposer) => root(el).querySelector<HTMLElement>('[part~="responses"]');
const find = (el: ConvComposer) => root(el).querySelector<HTMLInputElement>('[role="combobox"]');
const options = (el: ConvComposer) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
const titles = (el: ConvComposer) => options(el).map((option) => option.querySelector('.response-title')!.textContent);
const activeTitle = (el: ConvComposer) => {
  const id = find(el)!.getAttribute('aria-activedescendant');
  return id && root(el).getElementById(id)?.querySelector('.response-title')?.textContent;
};

async function openWithSlash(el: ConvComposer): Promise<void> {
  messageBox(el).focus();
  await sendKeys({ press: '/' });
  await waitUntil(() => focused() === find(el) && options(el).length > 0, 'the list opens with the caret in Find');
}

describe('<conv-composer> standard responses', () => {
  it('opens with / in an empty box, finds as the agent types, and inserts the chosen one with the names filled in', async () => {
    const { el } = await chatWithAda();
    await openWithSlash(el);
    expect(messageBox(el).value).to.equal('', 'the / is not typed');
    expect(titles(el)).to.deep.equal(['Greeting', 'One moment', 'Order number', 'Anything else', 'Goodbye']);
    expect(find(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(activeTitle(el)).to.equal('Greeting');
    await sendKeys({ type: 'anyth' });
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['Anything else']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !find(el), 'the list closes');
    expect(messageBox(el).value).to.equal('Is there anything else I can do for you, Ada Lovelace?');
    expect(focused()).to.equal(messageBox(el), 'the caret is back in the message box');
  });

  it('moves through the answers with the arrow keys, wrapping, and fills in the agent’s name', async () => {
    const { el } = await chatWithAda();
    await openWithSlash(el);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal('Goodbye');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal('Greeting');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !find(el), 'the list closes');
    expect(messageBox(el).value).to.equal(
      `Hello Ada Lovelace, this is ${DEFAULT_AGENT.name}. How can I help you today?`,
    );
  });

  it('opens from its button too, inserts at the caret by a click, and / within text is typed', async () => {
    const { el } = await chatWithAda();
    messageBox(el).focus();
    await sendKeys({ type: 'Hi / ' });
    expect(messageBox(el).value).to.equal('Hi / ');
    expect(find(el)).to.equal(null);
    await clickCenter(button(el)!);
    await waitUntil(() => options(el).length === 5, 'the button opens the list');
    await clickCenter(options(el).find((option) => option.textContent!.includes('Order number'))!);
    await waitUntil(() => !find(el), 'the list closes');
    expect(messageBox(el).value).to.equal('Hi / Could you tell me your order number, please?');
  });

  it('closes with Escape, inserting nothing, and says when nothing matches', async () => {
    const { el } = await chatWithAda();
    await openWithSlash(el);
    await sendKeys({ type: 'zzz' });
    await el.updateComplete;
    expect(options(el)).to.have.length(0);
    expect(root(el).querySelector('.responses-status')!.textContent).to.equal('No standard response matches.');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !find(el), 'Escape closes');
    expect(focused()).to.equal(messageBox(el));
    expect(messageBox(el).value).to.equal('');
  });

  it('shows markup in a response as text, and leaves other braces as written', async () => {
    const { el } = await chatWithAda({
      responses: [
        { id: 'x', title: '<b>Bold</b>', text: '<img src=x onerror="window.hacked=1"> {customerName} {other}' },
      ],
    });
    await openWithSlash(el);
    expect(titles(el)).to.deep.equal(['<b>Bold</b>']);
    expect(!!root(el).querySelector('[role="listbox"] b, [role="listbox"] img')).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !find(el), 'the list closes');
    expect(messageBox(el).value).to.equal('<img src=x onerror="window.hacked=1"> Ada Lovelace {other}');
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('drops a malformed response from the backend and shows the others', async () => {
    const { el } = await chatWithAda({
      wrap: (adapter) => ({
        ...adapter,
        listStandardResponses: async () =>
          [
            { id: 'ok', title: 'Fine', text: 'Fine text' },
            { id: 7, title: 'Broken' },
          ] as unknown as StandardResponse[],
      }),
    });
    await openWithSlash(el);
    expect(titles(el)).to.deep.equal(['Fine']);
  });

  it('says why when the responses cannot be loaded', async () => {
    const { el, adapter } = await chatWithAda();
    adapter.faults.failNext(1, 'network');
    messageBox(el).focus();
    await sendKeys({ press: '/' });
    await waitUntil(
      () => root(el).querySelector('.responses-status')?.textContent?.trim(),
      'the problem shows in the list',
    );
    expect(options(el)).to.have.length(0);
  });

  it('offers nothing with an adapter without listStandardResponses: no button, and / is typed', async () => {
    const { el } = await chatWithAda({
      wrap: (adapter) => {
        const { listStandardResponses: _unused, ...without } = adapter;
        return without;
      },
    });
    expect(!!button(el)).to.equal(false);
    messageBox(el).focus();
    await sendKeys({ press: '/' });
    expect(messageBox(el).value).to.equal('/');
  });
});
