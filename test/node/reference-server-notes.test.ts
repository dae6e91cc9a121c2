// Notes on the reference server, under Node, over real sockets: one addNote frame sent three times is one
// note, pushed once; only the agent handling a conversation adds notes, also after it ended, and a
// colleague's note on it is refused and reaches nobody; a database from before notes had a clientId
// keeps its notes and is unique by clientId from then on.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { COLLEAGUE_AGENT, DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { ServerFrame } from '../../src/adapters/websocket.js';
import type { Note } from '../../src/core/model.js';
import type { ReferenceServer } from '../../demo/server/server.js';
import { createSqliteStorage } from '../../demo/server/sqlite-storage.js';
import { seedData } from '../../demo/server/seed.js';
import { databaseFile, startServer, TOKENS, walkIn } from './reference-server-kit.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One signed-in socket of an agent that keeps every frame, with requests sent exactly as given. */
async function socketOf(server: ReferenceServer, token: string) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
  const frames: ServerFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const send = (id: string, method: string, params: unknown) =>
    socket.send(JSON.stringify({ type: 'request', id, method, params }));
  /** Every answer to request `id`, once there are `count` of them. */
  const answers = async (id: string, count = 1) => {
    for (let waited = 0; waited < 3000; waited += 10) {
      const found = frames.filter((frame) => (frame.type === 'response' || frame.type === 'error') && frame.id === id);
      if (found.length >= count) return found;
      await pause(10);
    }
    throw new Error(`No answer to ${id}`);
  };
  const answer = async (id: string) => (await answers(id))[0]!;
  send('hello', 'hello', { protocol: 1, token });
  await answer('hello');
  send('snapshot', 'snapshot', {});
  await answer('snapshot');
  const notesHeard = () =>
    frames.flatMap((frame) => (frame.type === 'event' && frame.event.type === 'note' ? [frame.event.note] : []));
  return { send, answer, answers, notesHeard, close: () => socket.close() };
}

const resultOf = (frame: ServerFrame) => {
  assert.equal(frame.type, 'response', JSON.stringify(frame));
  return (frame as { result: unknown }).result;
};
const errorCodeOf = (frame: ServerFrame) => {
  assert.equal(frame.type, 'error', JSON.stringify(frame));
  return (frame as { error: { code: string } }).error.code;
};

describe('reference server: notes', () => {
  let server: ReferenceServer;
  after(() => server?.close());

  it('one addNote request sent three times stores one note and pushes it once', async () => {
    server = await startServer();
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    const [desktop, phone] = [await socketOf(server, TOKENS['agent-1']), await socketOf(server, TOKENS['agent-1'])];
    const params = { clientId: 'note-sent-three-times', conversationId: id, text: 'Customer asked for a call-back.' };
    // The same frame three times (a client retrying over a slow link), and a retry under a new request id.
    for (let index = 0; index < 3; index++) desktop.send('same-request', 'addNote', params);
    desktop.send('retry', 'addNote', params);
    const stored = [...(await desktop.answers('same-request', 3)), await desktop.answer('retry')].map(
      (frame) => resultOf(frame) as Note,
    );
    assert.equal(stored.length, 4);
    await pause(200);
    assert.equal(new Set(stored.map((note) => note.id)).size, 1, 'every answer is the same note');
    const notes = await server.service.listNotes(DEFAULT_AGENT, id);
    assert.deepEqual(
      notes.filter((note) => note.text === params.text),
      [stored[0]],
      'one stored note',
    );
    assert.deepEqual(
      phone.notesHeard().map((note) => note.id),
      [stored[0]!.id],
      'the other device heard it once',
    );
    desktop.close();
    phone.close();
  });

  it('ten addNote calls with one clientId at the same moment store one note', async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    const note = { clientId: 'note-ten-at-once', conversationId: id, text: 'Refund approved.' };
    const stored = await Promise.all([...Array(10)].map(() => server.service.addNote(DEFAULT_AGENT, note)));
    assert.equal(new Set(stored.map((item) => item.id)).size, 1);
    assert.equal((await server.service.listNotes(DEFAULT_AGENT, id)).length, 1);
  });

  it("agent-2's note on agent-1's ended chat is forbidden, stored nowhere and pushed to nobody", async () => {
    const { id } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, id);
    await server.service.endChat(DEFAULT_AGENT, id);
    const [agent1, agent2] = [await socketOf(server, TOKENS['agent-1']), await socketOf(server, TOKENS['agent-2'])];
    agent2.send('theirs', 'addNote', { clientId: 'note-by-agent-2', conversationId: id, text: 'Not mine to write' });
    assert.equal(errorCodeOf(await agent2.answer('theirs')), 'forbidden');
    // The agent who handled it still may: a wrap-up note in History.
    agent1.send('mine', 'addNote', { clientId: 'note-by-agent-1', conversationId: id, text: 'Wrap-up' });
    assert.equal((resultOf(await agent1.answer('mine')) as Note).author.id, DEFAULT_AGENT.id);
    await pause(200);
    assert.deepEqual(
      agent1.notesHeard().map((note) => note.text),
      ['Wrap-up'],
      'agent-1 heard only their own note',
    );
    assert.deepEqual(agent2.notesHeard(), []);
    assert.deepEqual(
      (await server.service.listNotes(DEFAULT_AGENT, id)).map((note) => note.text),
      ['Wrap-up'],
    );
    agent1.close();
    agent2.close();
  });

  it("a colleague's active chat and a queued one take no notes; an offer takes them once accepted", async () => {
    const { id: active } = await server.service.queueConversation(walkIn());
    await server.service.pick(DEFAULT_AGENT, active);
    const { id: queued } = await server.service.queueConversation(walkIn());
    const offered = (await server.service.offerConversation(DEFAULT_AGENT.id, walkIn())).id;
    const note = (conversationId: string, clientId: string) => ({ clientId, conversationId, text: 'A note' });
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'stored',
        (error: { code: string }) => error.code,
      );
    assert.equal(await codeOf(server.service.addNote(COLLEAGUE_AGENT, note(active, 'n-1'))), 'forbidden');
    assert.equal(await codeOf(server.service.addNote(DEFAULT_AGENT, note(queued, 'n-2'))), 'forbidden');
    assert.equal(await codeOf(server.service.addNote(COLLEAGUE_AGENT, note(queued, 'n-3'))), 'forbidden');
    assert.equal(await codeOf(server.service.addNote(DEFAULT_AGENT, note(offered, 'n-4'))), 'invalid');
    await server.service.accept(DEFAULT_AGENT, offered);
    assert.equal(await codeOf(server.service.addNote(DEFAULT_AGENT, note(offered, 'n-4'))), 'stored');
    // Another agent's clientId gets neither their note nor a second one.
    assert.equal(await codeOf(server.service.addNote(COLLEAGUE_AGENT, note(offered, 'n-4'))), 'invalid');
    assert.equal((await server.service.listNotes(DEFAULT_AGENT, offered)).length, 1);
  });

  it('a database from before notes had a clientId keeps its notes and stores each clientId once from then on', async () => {
    const file = databaseFile();
    const storage = createSqliteStorage({ file });
    await storage.seed(seedData({ seed: 1, now: Date.now() }));
    await storage.close();
    // What earlier versions wrote: notes without a client_id column.
    const db = new Database(file);
    db.exec(`
      CREATE TABLE old_notes (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
      INSERT INTO old_notes SELECT id, conversation_id, created_at, data FROM notes;
      DROP TABLE notes;
      ALTER TABLE old_notes RENAME TO notes;
      CREATE INDEX notes_by_conversation ON notes (conversation_id, created_at);
    `);
    const before = db.prepare('SELECT id, data FROM notes ORDER BY id').all() as Array<{ id: string; data: string }>;
    db.close();
    assert.ok(before.length > 0, 'the demo data has notes');

    const reopened = createSqliteStorage({ file });
    const first = JSON.parse(before[0]!.data) as Note;
    assert.ok(
      (await reopened.notes(first.conversationId)).some((note) => note.id === first.id),
      'old notes kept',
    );
    assert.deepEqual(await reopened.noteByClientId(first.id), first, 'an old note answers to its id');
    const fresh: Note = { ...first, id: 'note-after-migration', text: 'After the upgrade' };
    assert.equal((await reopened.insertNote(fresh, 'client-after-migration')).inserted, true);
    const again = await reopened.insertNote({ ...fresh, id: 'note-again' }, 'client-after-migration');
    assert.deepEqual(again, { stored: fresh, inserted: false });
    await reopened.close();

    const check = new Database(file, { readonly: true });
    const indexes = check
      .prepare('SELECT name, "unique" AS isUnique FROM pragma_index_list(\'notes\')')
      .all() as Array<{
      name: string;
      isUnique: number;
    }>;
    check.close();
    assert.ok(indexes.some((index) => index.name === 'notes_by_client_id' && index.isUnique === 1));
    // Opening it again changes nothing.
    await createSqliteStorage({ file }).close();
  });
});
