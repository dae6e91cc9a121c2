/**
 * The agent workspace demo: two devices of the same agent (a desktop and a phone) on one backend,
 * each with its own store, so a pick, a message, a note or an end on one shows on the other, and in
 * every other window open on the same reference server.
 */
import {
  browserPersistence,
  createConversationStore,
  createFileTypePolicy,
  type ConversationAdapter,
  type ConversationStore,
} from '../src/index.js';
import { createMemoryAdapter, createMemoryBackend } from '../src/adapters/memory.js';
import { demoSeed } from './seed/world.js';
import { createWebSocketAdapter } from '../src/adapters/websocket.js';

/**
 * The backend: the reference server (demo/server, started by `npm start`, reached through Vite at
 * /conv-api) unless the page is opened with `?backend=memory`, which keeps everything in this page.
 * On the server, `?agent=agent-2` signs in as the colleague.
 */
const search = new URLSearchParams(location.search);
/** The demo's sign-in: who the host page knows is signed in, and their token. */
const DEMO_AGENTS = {
  'agent-1': { agent: { id: 'agent-1', name: 'Alex Morgan' }, token: 'demo-token-agent-1' },
  'agent-2': { agent: { id: 'agent-2', name: 'Priya Shah' }, token: 'demo-token-agent-2' },
};
const signedIn = DEMO_AGENTS[search.get('agent') === 'agent-2' ? 'agent-2' : 'agent-1'];
const token = signedIn.token;
const backend =
  search.get('backend') === 'memory' ? createMemoryBackend({ ...demoSeed(), liveTraffic: true }) : undefined;
const createAdapter = (): ConversationAdapter =>
  backend ? createMemoryAdapter({ backend }) : createWebSocketAdapter({ url: '/conv-api/ws', token });
const newCustomer = () =>
  backend
    ? backend.queueConversation()
    : fetch('/conv-api/demo/conversations', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
const scope = backend ? 'memory' : 'server';
const fileTypePolicy = createFileTypePolicy();

type Layout = 'wide' | 'narrow';
type Screen = 'list' | 'chat' | 'notes';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  attributes: Record<string, string> = {},
) {
  const node = Object.assign(document.createElement(tag), properties);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function panel(bar: HTMLElement | undefined, content: HTMLElement, label: string): HTMLElement {
  const section = element('section', {}, { class: 'panel', 'aria-label': label });
  if (bar) section.append(bar);
  section.append(content);
  return section;
}

function backButton(label: string, onClick: () => void): HTMLButtonElement {
  const button = element(
    'button',
    { type: 'button', textContent: '‹', onclick: onClick },
    { class: 'back-button', 'aria-label': label },
  );
  return button;
}

function mountWorkspace(root: HTMLElement, store: ConversationStore, layout: Layout) {
  const provider = element('conv-provider', { store });
  const list = element('conv-list', {}, { tabs: '' });
  const chat = element('conv-chat');
  const notes = element('conv-notes');
  const dialog = element('end-chat-dialog');
  const narrow = layout === 'narrow';

  const chatBackButton = backButton('Back to Conversations', () => show('list'));
  chatBackButton.slot = 'header-actions';
  const notesBar = narrow ? element('div', {}, { class: 'panel-bar' }) : undefined;
  notesBar?.append(backButton('Back to the chat', () => show('chat')));
  const screens: Record<Screen, HTMLElement> = {
    list,
    chat: narrow ? (chat.append(chatBackButton), chat) : chat,
    notes: panel(notesBar, notes, 'Internal notes'),
  };

  const show = (screen: Screen) => {
    for (const [name, node] of Object.entries(screens)) node.toggleAttribute('data-screen-active', name === screen);
  };

  const select = (conversationId: string) => {
    chat.conversationId = conversationId;
    notes.conversationId = conversationId;
    dialog.conversationId = conversationId;
  };

  provider.addEventListener('conv-select', (event) => {
    select(event.detail.conversationId);
    root.dataset.notes = 'open';
    show('chat');
  });
  provider.addEventListener('conv-open-notes', (event) => {
    select(event.detail.conversationId);
    root.dataset.notes = 'open';
    show('notes');
    notes.focus();
  });
  provider.addEventListener('conv-request-end', (event) => {
    dialog.conversationId = event.detail.conversationId;
    dialog.open = true;
  });

  root.dataset.notes = 'closed';
  root.append(provider);
  provider.append(screens.list, screens.chat, screens.notes, dialog);
  show('list');
}

// Told who signs in, a store opened while the server is down shows the agent's waiting messages and last lists at once.
const storeFor = (device: string) =>
  createConversationStore({
    adapter: createAdapter(),
    fileTypePolicy,
    agent: signedIn.agent,
    persistence: browserPersistence(`${scope}-${device}`),
  });
const desktopStore = storeFor('desktop');
const phoneStore = storeFor('phone');

mountWorkspace(document.querySelector<HTMLElement>('.desktop .workspace')!, desktopStore, 'wide');
mountWorkspace(document.querySelector<HTMLElement>('.phone .workspace')!, phoneStore, 'narrow');

const themed = () => document.querySelectorAll('conv-list, conv-chat, conv-notes, end-chat-dialog');
document.querySelector<HTMLInputElement>('#dark-theme')!.addEventListener('change', (event) => {
  const dark = (event.target as HTMLInputElement).checked;
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.classList.toggle('light', !dark);
  for (const node of themed()) node.setAttribute('theme', dark ? 'dark' : 'light');
});
document.querySelector<HTMLInputElement>('#rtl')!.addEventListener('change', (event) => {
  document
    .querySelector('.demo-stage')!
    .setAttribute('dir', (event.target as HTMLInputElement).checked ? 'rtl' : 'ltr');
});
document.querySelector<HTMLButtonElement>('#new-customer')!.addEventListener('click', () => void newCustomer());

// connect() keeps trying while the server is unreachable (the lists say "Reconnecting…") and resolves once connected.
await Promise.all([desktopStore.connect(), phoneStore.connect()]);
