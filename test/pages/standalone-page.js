// The README's plain-HTML wiring, as a file: a strict CSP forbids inline scripts. The memory backend
// holds the demo's customers (demo/seed/, bundled beside the page by the test).
import { createConversationStore, createMemoryAdapter, createMemoryBackend, createFileTypePolicy } from './conv-kit.js';
import { demoSeed } from './demo-seed.js';

const backend = createMemoryBackend({ ...demoSeed(), replyDelayMs: 300 });
const store = createConversationStore({
  adapter: createMemoryAdapter({ backend, latencyMs: 0 }),
  fileTypePolicy: createFileTypePolicy(),
});
document.querySelector('conv-provider').store = store;
const [chat, notes, dialog] = ['conv-chat', 'conv-notes', 'end-chat-dialog'].map((tag) => document.querySelector(tag));
document.addEventListener('conv-select', (e) => (chat.conversationId = notes.conversationId = e.detail.conversationId));
document.addEventListener('conv-request-end', (e) =>
  Object.assign(dialog, { conversationId: e.detail.conversationId, open: true }),
);
Object.assign(window, { conv: { store, backend } });
await store.connect();
