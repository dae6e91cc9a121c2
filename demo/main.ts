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
import '../src/elements/conv-workspace/conv-workspace.js';
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

/** On a phone-sized window the page is the mobile app: one workspace, the browser's back button stepping back. */
const onPhone = matchMedia('(max-width: 700px)').matches;

function mountWorkspace(root: HTMLElement, store: ConversationStore): void {
  const workspace = document.createElement('conv-workspace');
  workspace.store = store;
  workspace.browserHistory = onPhone && root.closest('.desktop') !== null;
  root.append(workspace);
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

mountWorkspace(document.querySelector<HTMLElement>('.desktop .device-screen')!, desktopStore);
mountWorkspace(document.querySelector<HTMLElement>('.phone .device-screen')!, phoneStore);
// The settings fold into a menu on a phone, where the workspace needs the screen.
if (onPhone) document.querySelector<HTMLDetailsElement>('.demo-settings')!.open = false;

const themed = () => document.querySelectorAll('conv-workspace');
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
