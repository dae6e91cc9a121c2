/**
 * Compiled by test/node/package.test.ts, never run: `conv-kit/standalone` (the single file for plain pages)
 * has the same types as `conv-kit`, the memory backend and `<conv-workspace>` included.
 */
import { createConversationStore, createMemoryAdapter, type ConvWorkspace } from 'conv-kit/standalone';

const store = createConversationStore({ adapter: createMemoryAdapter() });
const workspace: ConvWorkspace | null = document.querySelector('conv-workspace');
if (workspace) workspace.store = store;
document.addEventListener('conv-chat-ended', (event) => event.detail.conversationId);
