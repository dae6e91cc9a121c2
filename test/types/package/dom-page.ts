/**
 * Compiled by test/node/package.test.ts, never run: a page that loads conv-kit from a <script> and only
 * references its types (`conv-kit/dom`) gets typed elements and events from the DOM's own methods.
 */
/// <reference types="conv-kit/dom" />

const list = document.querySelector('conv-list');
if (list) list.tabs = true;
document.addEventListener('conv-request-end', (event) => event.detail.conversationId.length);
window.addEventListener('conv-select', (event) => event.detail.accepted === true);
document.querySelector('conv-workspace')?.addEventListener('conv-message-send', (event) => event.detail.clientId);

// @ts-expect-error a tab change names a list, not a conversation
document.addEventListener('conv-list-change', (event) => event.detail.conversationId);
// @ts-expect-error tabs is a boolean
if (list) list.tabs = 'yes';
