/** The core has no DOM and no Lit: the same store and memory backend run on a Node server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { seededBackend } from '../helpers/seed.js';
import { createConversationStore } from '../../src/core/store.js';

test('src/core imports nothing from the DOM world or Lit', () => {
  // Relative paths, not Dirents: Node 20 gives nested Dirents of a recursive read the wrong parent.
  const files = readdirSync('src/core', { recursive: true, encoding: 'utf8' })
    .map((path) => `src/core/${path}`)
    .filter((path) => statSync(path).isFile());
  assert.ok(files.length > 10);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /from '(lit|@lit\/[^']+|(\.\.\/)+(elements|browser|controllers)[^']*)'/, file);
    // A global, not a part of a longer name (`…wordprocessingml.document.main+xml` is a MIME type).
    assert.doesNotMatch(source, /(?<![.\w])(document|window|HTMLElement|customElements)\./, file);
  }
});

test('a store on the memory backend picks, sends and ends under Node', async () => {
  const backend = seededBackend({ replyDelayMs: false });
  const store = createConversationStore({ adapter: createMemoryAdapter({ backend, latencyMs: 0 }) });
  await store.connect();
  const queued = store.list('picklist')[0]!;
  await store.pick(queued.id);
  assert.ok(store.list('conversations').some((c) => c.id === queued.id));
  const clientId = await store.sendMessage(queued.id, { text: 'Hello from a server' });
  await store.addNote(queued.id, 'Note kept on the server side');
  for (let i = 0; i < 50 && !backend.sentMessages().some((m) => m.clientId === clientId); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(backend.sentMessages().filter((m) => m.clientId === clientId).length, 1);
  assert.ok(!backend.messages(queued.id).some((m) => m.text.includes('Note kept')));
  await store.endChat(queued.id);
  assert.ok(store.list('history').some((c) => c.id === queued.id));
  store.disconnect();
  backend.dispose();
});
