/**
 * Compiled by `tsc` in `npm test`, never run: the event vocabulary types what integrators write.
 * Each `@ts-expect-error` must meet an error, or the type-check fails.
 */
import { ConvElement } from '../../src/elements/shared/conv-element.js';
import type { ConvSelectDetail } from '../../src/index.js';

document.addEventListener('conv-select', (event) => {
  const id: string = event.detail.conversationId;
  return id;
});
window.addEventListener('conv-request-end', (event) => event.detail.conversationId.length);
document.querySelector('conv-list')?.addEventListener('conv-list-change', (event) => event.detail.list === 'picklist');
document.querySelector('conv-notes')?.addEventListener('conv-note-added', (event) => event.detail.note.text);
document.addEventListener('conv-message-send', (event) => event.detail.clientId);

// @ts-expect-error a conversation selection carries no clientId
document.addEventListener('conv-select', (event) => event.detail.clientId);
// @ts-expect-error a tab change names a list, not a conversation
document.addEventListener('conv-list-change', (event) => event.detail.conversationId);

export const selected: ConvSelectDetail = { conversationId: 'conv-1' };

export class EmitsOnlyTheVocabulary extends ConvElement {
  check(): void {
    this.emit('conv-select', { conversationId: 'conv-1' });
    this.emit('conv-request-end', { conversationId: 'conv-1' }, { cancelable: true });
    this.emit('conv-load-earlier', null);
    // @ts-expect-error no such event
    this.emit('conv-selected', { conversationId: 'conv-1' });
    // @ts-expect-error the wrong detail for the event
    this.emit('conv-select', { list: 'history' });
  }
}
