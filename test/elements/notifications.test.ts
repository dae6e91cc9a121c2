/**
 * <conv-notification-settings> in Chromium: the browser's notification permission answered through the
 * test runner (puppeteer's permission overrides), the page hidden for real (another tab in front of it),
 * customers over the memory backend and, at the end, over the WebSocket adapter and the reference server.
 * The page's `Notification` is wrapped in a subclass that records what is raised; the real API still runs.
 */
import { expect, fixture, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createMemoryBackend, DEFAULT_AGENT, type MemoryBackend } from '../../src/adapters/memory.js';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import type { Agent, Conversation } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-notification-settings/conv-notification-settings.js';
import type { ConvNotificationSettings } from '../../src/elements/conv-notification-settings/conv-notification-settings.js';
import '../../src/elements/conv-workspace/conv-workspace.js';
import type { ConvWorkspace } from '../../src/elements/conv-workspace/conv-workspace.js';
import { firstUseStrings } from '../../src/elements/shared/first-use-strings.js';
import { defaultStrings } from '../../src/elements/shared/strings.js';
import type { ConvNotificationClickDetail } from '../../src/events/index.js';
import { focused } from '../helpers/input.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { AGENT_TOKEN, referenceServer } from '../helpers/reference-server.js';

const t = { ...defaultStrings, ...firstUseStrings };

const waitUntil = (predicate: () => unknown, message: string) => waitUntilWithin(predicate, message, { timeout: 5000 });
const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const permission = (setting: 'granted' | 'denied' | 'prompt') =>
  executeServerCommand('notification-permission', { setting });
const hidePage = async (hidden: boolean) => {
  await executeServerCommand('page-hidden', { hidden });
  await waitUntil(
    () => document.visibilityState === (hidden ? 'hidden' : 'visible'),
    `the page is ${hidden ? 'hidden' : 'shown'}`,
  );
};

// ── what the page raises and asks ──

const RealNotification = window.Notification;
let raised: Notification[] = [];
let permissionRequests = 0;
class RecordingNotification extends RealNotification {
  constructor(title: string, options?: NotificationOptions) {
    super(title, options);
    raised.push(this);
  }
  static override requestPermission(...args: Parameters<typeof Notification.requestPermission>) {
    permissionRequests++;
    return RealNotification.requestPermission(...args);
  }
}

let oscillators = 0;
const realCreateOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function (this: AudioContext) {
  oscillators++;
  return realCreateOscillator.call(this);
};

const ORIGINAL_TITLE = 'Agent workspace';

beforeEach(() => {
  raised = [];
  permissionRequests = 0;
  oscillators = 0;
  window.Notification = RecordingNotification;
  document.title = ORIGINAL_TITLE;
  for (const key of Object.keys(localStorage))
    if (key.startsWith('conv-kit:notifications:')) localStorage.removeItem(key);
});
afterEach(async () => {
  await hidePage(false);
  for (const notification of raised) notification.close();
  window.Notification = RealNotification;
});
after(() => permission('prompt'));

// ── a world: one chat with Anna Berg ──

function chatWorld(): MemoryBackend {
  return createMemoryBackend({
    replyDelayMs: false,
    offerTimeoutMs: false,
    data: ({ now }) => ({
      conversations: [
        {
          id: 'anna',
          customer: { id: 'cust-anna', name: 'Anna Berg' },
          channel: 'chat',
          status: 'active',
          assigneeId: DEFAULT_AGENT.id,
          createdAt: now - 600_000,
          updatedAt: now - 60_000,
          unreadCount: 2,
          lastMessage: { text: 'Is my order on its way?', author: 'customer', at: now - 60_000 },
        } satisfies Conversation,
      ],
      messages: [
        {
          id: 'm1',
          clientId: 'm1',
          conversationId: 'anna',
          author: 'customer',
          text: 'Is my order on its way?',
          attachments: [],
          sentAt: now - 60_000,
          status: 'delivered',
        },
      ],
    }),
  });
}

async function settingsFor(store: ConversationStore, { titleCount = false } = {}) {
  const el = await fixture<ConvNotificationSettings>(
    html`<conv-notification-settings .store=${store} ?title-count=${titleCount}></conv-notification-settings>`,
  );
  await el.updateComplete;
  return el;
}

const part = (el: ConvNotificationSettings, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const notifySwitch = (el: ConvNotificationSettings) => part(el, '.switch.notify');
const soundSwitch = (el: ConvNotificationSettings) => part(el, '.switch.sound');
const reason = (el: ConvNotificationSettings) => plain(part(el, '[part~="reason"]')?.textContent);

/** The agent opens the choices from the keyboard: Tab to the Notifications button, Enter. */
async function openWithKeyboard(el: ConvNotificationSettings) {
  part(el, '[part~="button"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => focused() === notifySwitch(el), 'the choices open with the first switch focused');
}

/** The agent turns notifications on with Space on the focused switch, and the browser allows them. */
async function turnOnWithKeyboard(el: ConvNotificationSettings) {
  await openWithKeyboard(el);
  await sendKeys({ press: 'Space' });
  await waitUntil(() => notifySwitch(el)?.getAttribute('aria-checked') === 'true', 'notifications are on');
}

describe('<conv-notification-settings> with permission denied', () => {
  it('never asks on load; asks once when the agent presses Space on the switch, and refused, raises nothing and says why', async () => {
    await permission('prompt');
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await settle();
    expect(permissionRequests, 'nothing asked on load').to.equal(0);
    await openWithKeyboard(el);
    expect(permissionRequests, 'nothing asked on opening the choices').to.equal(0);

    await sendKeys({ press: 'Space' });
    await waitUntil(() => reason(el) !== '', 'the switch says why');
    expect(permissionRequests).to.equal(1);
    expect(Notification.permission).to.be.oneOf(['denied', 'default']);
    expect(reason(el)).to.equal(
      Notification.permission === 'denied' ? t.notificationsBlocked : t.notificationsDismissed,
    );
    expect(notifySwitch(el)!.getAttribute('aria-checked')).to.equal('false');
    expect(notifySwitch(el)!.getAttribute('aria-describedby')).to.equal('reason');
    await expect(el).to.be.accessible();

    await hidePage(true);
    backend.customerSays('anna', 'Hello?');
    await settle(300);
    expect(raised).to.have.length(0);
    store.disconnect();
  });

  it('says at once that site settings block them; Enter on the switch neither asks nor turns them on', async () => {
    await permission('denied');
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await openWithKeyboard(el);
    expect(reason(el)).to.equal(t.notificationsBlocked);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(notifySwitch(el)!.getAttribute('aria-checked')).to.equal('false');
    expect(permissionRequests).to.equal(0);
    await expect(el).to.be.accessible();

    await hidePage(true);
    backend.customerSays('anna', 'Anyone there?');
    backend.offerConversation(DEFAULT_AGENT.id, { customer: { id: 'c-omar', name: 'Omar Haddad' } });
    await settle(300);
    expect(raised).to.have.length(0);
    store.disconnect();
  });
});

describe('<conv-notification-settings> where notifications cannot show', () => {
  it('says this browser cannot show them when the Notifications API is missing, and asks nothing', async () => {
    (window as { Notification?: unknown }).Notification = undefined;
    const { store } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await openWithKeyboard(el);
    expect(reason(el)).to.equal(t.notificationsUnsupported);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(notifySwitch(el)!.getAttribute('aria-checked')).to.equal('false');
    expect(reason(el)).to.equal(t.notificationsUnsupported);
    await expect(el).to.be.accessible();
    store.disconnect();
  });

  it('says they need a secure page on one that is not a secure context, and asks nothing', async () => {
    // The global's own attribute, replaced for this test and put back as it was.
    const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext')!;
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      const { store } = await connectedWorkspace({ backend: chatWorld() });
      const el = await settingsFor(store);
      await openWithKeyboard(el);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(reason(el)).to.equal(t.notificationsInsecure);
      expect(notifySwitch(el)!.getAttribute('aria-checked')).to.equal('false');
      expect(permissionRequests).to.equal(0);
      store.disconnect();
    } finally {
      Object.defineProperty(window, 'isSecureContext', secure);
    }
    expect(window.isSecureContext, 'the page’s own value again').to.equal(true);
  });

  it('words the choices in the element’s language, right to left in Arabic', async () => {
    await permission('denied');
    const { store } = await connectedWorkspace({ backend: chatWorld() });
    const el = await fixture<ConvNotificationSettings>(
      html`<div lang="ar" dir="rtl"><conv-notification-settings .store=${store}></conv-notification-settings></div>`,
    ).then((box) => box.querySelector('conv-notification-settings')!);
    await waitUntil(() => plain(part(el, '[part~="button"]')?.textContent) === 'الإشعارات', 'the Arabic catalog');
    await openWithKeyboard(el);
    expect(reason(el)).to.equal('الإشعارات محظورة في إعدادات الموقع في هذا المتصفح. اسمح بها هناك ثم فعّلها.');
    await expect(el).to.be.accessible();
    store.disconnect();
  });
});

describe('<conv-notification-settings> with permission granted', () => {
  beforeEach(() => permission('granted'));

  it('raises one notification per customer message while the page is hidden, naming the customer but not their words by default', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    expect(reason(el)).to.equal('');
    await expect(el).to.be.accessible();

    backend.customerSays('anna', 'Seen while looking');
    await settle(300);
    expect(raised, 'nothing while the agent looks at the page').to.have.length(0);

    await hidePage(true);
    backend.customerSays('anna', 'My parcel number is 12345');
    await waitUntil(() => raised.length === 1, 'a notification');
    expect(raised[0]!.title).to.equal('New message from Anna Berg');
    expect(raised[0]!.body, 'the text stays off the screen').to.equal('');
    expect(raised[0]!.tag).to.equal('conv-kit:anna');

    backend.customerSays('anna', 'Hello again');
    await waitUntil(() => raised.length === 2, 'a second message, a second notification');
    expect(raised[1]!.tag, 'it replaces the first').to.equal('conv-kit:anna');
    await settle(300);
    expect(raised, 'one per message').to.have.length(2);
    store.disconnect();
  });

  it('raises nothing for the agent’s own message, a note, a system notice or history loaded later', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    await hidePage(true);
    await store.sendMessage('anna', { text: 'It is on its way.' });
    await store.addNote('anna', 'Parcel checked');
    await store.loadMessages('anna');
    await settle(300);
    backend.endByCustomer('anna'); // "The customer left the chat"
    await waitUntil(() => store.conversation('anna')?.status === 'ended', 'the chat ended');
    await settle(300);
    expect(raised.map((n) => n.title)).to.deep.equal([]);
    store.disconnect();
  });

  it('raises nothing for what the backend sends when the agent connects again (a new snapshot)', async () => {
    const backend = chatWorld();
    const { store } = await connectedWorkspace({ backend });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    await hidePage(true);
    store.disconnect();
    backend.customerSays('anna', 'Written while the agent was away');
    backend.offerConversation(DEFAULT_AGENT.id, { customer: { id: 'c-away', name: 'Away Offer' } });
    await store.connect();
    await waitUntil(
      () => store.conversation('anna')?.lastMessage?.text === 'Written while the agent was away',
      'caught up',
    );
    await settle(300);
    expect(raised).to.have.length(0);

    backend.customerSays('anna', 'And now live');
    await waitUntil(() => raised.length === 1, 'a live message raises one again');
    store.disconnect();
  });

  it('raises nothing for what the connection held while it was down, and again for what comes after', async () => {
    const { store, backend, adapter } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    await hidePage(true);
    adapter.faults.dropConnection();
    await waitUntil(() => store.connection === 'offline', 'the connection dropped');
    backend.customerSays('anna', 'Held while offline');
    await settle(100);
    adapter.faults.restoreConnection();
    await waitUntil(() => store.conversation('anna')?.lastMessage?.text === 'Held while offline', 'delivered');
    await settle(300);
    expect(raised).to.have.length(0);
    backend.customerSays('anna', 'Live again');
    await waitUntil(() => raised.length === 1, 'a live message raises one');
    store.disconnect();
  });

  it('raises one for an offer and one for a new customer in the Picklist while the page is hidden', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    await hidePage(true);
    const offer = backend.offerConversation(DEFAULT_AGENT.id, {
      customer: { id: 'c-omar', name: 'Omar Haddad' },
      text: 'I need help with my invoice',
    });
    await waitUntil(() => raised.length === 1, 'the offer');
    expect(raised[0]!.title).to.equal('Omar Haddad is offered to you');
    expect(raised[0]!.tag).to.equal(`conv-kit:${offer.id}`);
    backend.queueConversation({ customer: { id: 'c-pia', name: 'Pia Lund' } });
    await waitUntil(() => raised.length === 2, 'the new customer in the Picklist');
    expect(raised[1]!.title).to.equal('Pia Lund is waiting in the Picklist');
    backend.customerSays(offer.id, 'Are you there?');
    await waitUntil(() => raised.length === 3, 'a message in the offer');
    expect(raised[2]!.title).to.equal('New message from Omar Haddad');
    store.disconnect();
  });

  it('shows the message with “name and message”, and neither name nor message with “nothing that identifies”, chosen with arrow keys', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="privacy"]')];
    expect(radios.map((radio) => plain(radio.parentElement!.textContent))).to.deep.equal([
      t.notifyShowsText,
      t.notifyShowsName,
      t.notifyShowsNothing,
    ]);
    expect(radios[1]!.checked, 'only the name, by default').to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(radios[1]);
    await sendKeys({ press: 'ArrowUp' });
    expect(radios[0]!.checked).to.equal(true);

    await hidePage(true);
    backend.customerSays('anna', 'My parcel number is 12345');
    await waitUntil(() => raised.length === 1, 'a notification');
    expect([raised[0]!.title, raised[0]!.body]).to.deep.equal([
      'New message from Anna Berg',
      'My parcel number is 12345',
    ]);
    await hidePage(false);

    radios[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(radios[2]!.checked).to.equal(true);
    await hidePage(true);
    backend.customerSays('anna', 'Call me on 0170 1234567');
    backend.offerConversation(DEFAULT_AGENT.id, { customer: { id: 'c-omar', name: 'Omar Haddad' } });
    await waitUntil(() => raised.length === 3, 'two more');
    const shown = raised.slice(1).map((n) => [n.title, n.body]);
    expect(shown).to.deep.include.members([
      ['New message', ''],
      ['A conversation is offered to you', ''],
    ]);
    expect(JSON.stringify(shown)).not.to.match(/Anna|Omar|0170/);
    store.disconnect();
  });

  it('keeps the choices per agent across a reload, and runs them again without the agent asking', async () => {
    const backend = chatWorld();
    const first = await connectedWorkspace({ backend });
    const el = await settingsFor(first.store);
    await turnOnWithKeyboard(el);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' }); // nothing identifying
    expect(JSON.parse(localStorage.getItem(`conv-kit:notifications:${DEFAULT_AGENT.id}`)!)).to.deep.equal({
      notify: true,
      sound: false,
      privacy: 'none',
    });
    first.store.disconnect();
    el.remove();

    // The page again: a new store for the same agent, the choices closed.
    const again = await connectedWorkspace({ backend });
    const reloaded = await settingsFor(again.store);
    await hidePage(true);
    backend.customerSays('anna', 'After the reload');
    await waitUntil(() => raised.length === 1, 'notifications run without opening the choices');
    expect(raised[0]!.title).to.equal('New message');
    expect(permissionRequests).to.equal(0);
    await hidePage(false);
    await openWithKeyboard(reloaded);
    expect(notifySwitch(reloaded)!.getAttribute('aria-checked')).to.equal('true');
    again.store.disconnect();

    const colleague: Agent = { id: 'agent-2', name: 'Sam Lee' };
    const other = await connectedWorkspace({ backend, signedInAs: colleague });
    const theirs = await settingsFor(other.store);
    await openWithKeyboard(theirs);
    expect(notifySwitch(theirs)!.getAttribute('aria-checked'), 'another agent chose nothing').to.equal('false');
    other.store.disconnect();
  });

  it('plays a short chime through Web Audio when the agent turns the sound on, and with each notification; off by default', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    expect(soundSwitch(el)!.getAttribute('aria-checked')).to.equal('false');
    await hidePage(true);
    backend.customerSays('anna', 'Quietly');
    await waitUntil(() => raised.length === 1, 'a notification');
    expect(oscillators, 'no sound by default').to.equal(0);
    await hidePage(false);

    soundSwitch(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => soundSwitch(el)!.getAttribute('aria-checked') === 'true', 'the sound is on');
    expect(oscillators, 'the agent hears what it sounds like').to.equal(1);
    await hidePage(true);
    backend.customerSays('anna', 'With a chime');
    await waitUntil(() => raised.length === 2, 'a notification');
    expect(oscillators).to.equal(2);
    await hidePage(false);

    soundSwitch(el)!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => soundSwitch(el)!.getAttribute('aria-checked') === 'false', 'the sound is off');
    await hidePage(true);
    backend.customerSays('anna', 'Quiet again');
    await waitUntil(() => raised.length === 3, 'a notification');
    expect(oscillators).to.equal(2);
    store.disconnect();
  });

  it('Escape closes the choices and gives focus back to the Notifications button', async () => {
    const { store } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store);
    await openWithKeyboard(el);
    expect(part(el, '[part~="button"]')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, '[part~="panel"]')).to.equal(null);
    expect(focused()).to.equal(part(el, '[part~="button"]'));
    expect(part(el, '[part~="button"]')!.getAttribute('aria-expanded')).to.equal('false');
    store.disconnect();
  });
});

describe('<conv-workspace> with notifications', () => {
  beforeEach(() => permission('granted'));

  it('places the Notifications button under the lists, and a click on a notification focuses the window and opens that chat', async () => {
    const backend = chatWorld();
    backend.queueConversation({ id: 'ben', customer: { id: 'c-ben', name: 'Ben Ito' } });
    const { store } = await connectedWorkspace({ backend });
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 1100px; height: 700px"><conv-workspace .store=${store}></conv-workspace></div>`,
    );
    const workspace = box.querySelector<ConvWorkspace>('conv-workspace')!;
    await workspace.updateComplete;
    const el = workspace.shadowRoot!.querySelector<ConvNotificationSettings>(
      '[part~="list-pane"] conv-notification-settings',
    )!;
    expect(el, 'in the list pane').to.exist;
    await turnOnWithKeyboard(el);

    const clicks: ConvNotificationClickDetail[] = [];
    document.addEventListener('conv-notification-click', ({ detail }) => clicks.push(detail), { once: true });
    let focusedWindow = 0;
    const realFocus = window.focus;
    window.focus = () => void focusedWindow++;
    try {
      await hidePage(true);
      backend.customerSays('anna', 'Please call me');
      await waitUntil(() => raised.length === 1, 'a notification');
      expect(workspace.conversationId).to.equal(undefined);
      raised[0]!.dispatchEvent(new Event('click'));
    } finally {
      window.focus = realFocus;
    }
    expect(focusedWindow).to.equal(1);
    expect(clicks).to.deep.equal([{ conversationId: 'anna', reason: 'message' }]);
    await waitUntil(() => workspace.conversationId === 'anna', 'the workspace opens the chat');
    await hidePage(false);
    const chat = workspace.shadowRoot!.querySelector('conv-chat')! as HTMLElement & { conversationId?: string };
    await waitUntil(() => chat.conversationId === 'anna', 'the chat shows it');
    store.disconnect();
  });
});

describe('<conv-notification-settings title-count>', () => {
  it('puts the unread count before the page’s title and restores the title exactly at none', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    const el = await settingsFor(store, { titleCount: true });
    await waitUntil(() => document.title === `(2) ${ORIGINAL_TITLE}`, 'the seeded unread count shows');
    backend.customerSays('anna', 'One more');
    await waitUntil(() => document.title === `(3) ${ORIGINAL_TITLE}`, 'a new message counts');
    const stopViewing = store.view('anna');
    await waitUntil(() => document.title === ORIGINAL_TITLE, 'read: the title is the page’s own again');
    stopViewing();
    await settle(300); // the backend has heard it is read

    backend.customerSays('anna', 'Again');
    await waitUntil(() => document.title === `(1) ${ORIGINAL_TITLE}`, 'counting again');
    el.titleCount = false;
    await waitUntil(() => document.title === ORIGINAL_TITLE, 'without title-count, the page’s own title');
    el.titleCount = true;
    await waitUntil(() => document.title === `(1) ${ORIGINAL_TITLE}`, 'with it again');
    store.disconnect();
    await waitUntil(() => document.title === ORIGINAL_TITLE, 'disconnected: the page’s own title');
    await store.connect();
    await waitUntil(() => document.title === `(1) ${ORIGINAL_TITLE}`, 'connected again');
    el.remove();
    expect(document.title, 'the element left the page').to.equal(ORIGINAL_TITLE);
    store.disconnect();
  });

  it('keeps a title the page set meanwhile as the page’s own, and needs no notification permission', async () => {
    await permission('denied');
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    await settingsFor(store, { titleCount: true });
    await waitUntil(() => document.title === `(2) ${ORIGINAL_TITLE}`, 'counting without permission');
    document.title = 'Order 4711 – Agent workspace';
    backend.customerSays('anna', 'One more');
    await waitUntil(() => document.title === '(3) Order 4711 – Agent workspace', 'the page’s new title, counted');
    store.view('anna');
    await waitUntil(() => document.title === 'Order 4711 – Agent workspace', 'the page’s new title, as it set it');
    store.disconnect();
  });

  it('leaves the title alone without title-count', async () => {
    const { store, backend } = await connectedWorkspace({ backend: chatWorld() });
    await settingsFor(store);
    backend.customerSays('anna', 'One more');
    await waitUntil(() => store.conversation('anna')?.unreadCount === 3, 'the message arrived');
    await settle();
    expect(document.title).to.equal(ORIGINAL_TITLE);
    store.disconnect();
  });
});

// ── the WebSocket adapter and the reference server ──

describe('<conv-notification-settings> over the WebSocket adapter and the reference server', () => {
  const server = referenceServer('notifications');
  beforeEach(() => permission('granted'));

  it('raises one for an offer and one for a customer message while hidden, and none for what a reconnect catches up on', async () => {
    // A long first wait before reconnecting, so the test can write while this agent is away.
    const store = createConversationStore({
      adapter: createWebSocketAdapter({
        url: `${server.url}/ws`,
        token: AGENT_TOKEN,
        reconnectMinMs: 2000,
        reconnectMaxMs: 2500,
      }),
    });
    await store.connect();
    const el = await settingsFor(store);
    await turnOnWithKeyboard(el);
    await hidePage(true);

    const offered = await server.control<Conversation>('conversations', {
      customer: { id: `c-ws-${Date.now()}`, name: 'Lena Vogel' },
      offerTo: store.agent!.id,
      text: 'Hello from the web',
    });
    await waitUntil(() => raised.length === 1, 'the offer');
    expect(raised[0]!.title).to.equal('Lena Vogel is offered to you');
    await store.accept(offered.id);
    await server.control(`conversations/${offered.id}/messages`, { text: 'My order number is 981' });
    await waitUntil(() => raised.length === 2, 'the message');
    expect([raised[1]!.title, raised[1]!.body, raised[1]!.tag]).to.deep.equal([
      'New message from Lena Vogel',
      '',
      `conv-kit:${offered.id}`,
    ]);

    await server.control('connections/drop', {});
    await waitUntil(() => store.connection === 'reconnecting', 'the connection dropped');
    await server.control(`conversations/${offered.id}/messages`, { text: 'Written while the agent reconnects' });
    await waitUntil(() => store.connection === 'online', 'back online');
    await waitUntil(
      () => store.conversation(offered.id)?.lastMessage?.text === 'Written while the agent reconnects',
      'caught up',
    );
    await settle(300);
    expect(raised, 'nothing for the catch-up').to.have.length(2);
    store.disconnect();
  });
});
