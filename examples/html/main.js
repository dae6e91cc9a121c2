// @ts-check
/* global document, console -- a page script (the repository's ESLint config knows no examples/) */
import { createConversationStore, createMemoryAdapter } from 'conv-kit/standalone';

const adapter = createMemoryAdapter();
const store = createConversationStore({ adapter });
const workspace = document.querySelector('conv-workspace');
if (workspace) workspace.store = store;
document.addEventListener('conv-chat-ended', (event) => console.info('ended', event.detail.conversationId));

await store.connect();
adapter.backend.queueConversation(); // a customer writes: pick them from the Picklist
