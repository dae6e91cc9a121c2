// How the reference server hands uploaded files back: never sniffed, never run as a page of its origin,
// and only the pictures the chat shows opened in place; everything else downloads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { ReferenceServer } from '../../demo/server/server.js';
import { isoMovie, pdf } from '../fixtures/documents.js';
import { gif, png } from '../fixtures/files.js';
import { databaseFile, startServer, walkIn } from './reference-server-kit.js';

const AGENT = { Authorization: 'Bearer demo-token-agent-1' };

describe('reference server: serving uploads', () => {
  let server: ReferenceServer;
  let conversationId: string;

  before(async () => {
    const file = databaseFile();
    server = await startServer({ databaseFile: file });
    // The admin allows documents and video as well as photos.
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'fileTypePolicy'").run(
      JSON.stringify({ allowed: ['png', 'gif', 'pdf', 'mp4', 'txt'] }),
    );
    db.close();
    await server.service.reloadFileTypePolicy();
    ({ id: conversationId } = await server.service.queueConversation(walkIn()));
    await server.service.pick(DEFAULT_AGENT, conversationId);
  });
  after(() => server.close());

  async function uploadAndFetch(name: string, content: Uint8Array<ArrayBuffer>, declared: string): Promise<Response> {
    const uploaded = await fetch(
      `${server.url}/uploads?conversationId=${conversationId}&clientId=c-${name}&name=${encodeURIComponent(name)}`,
      { method: 'POST', headers: { ...AGENT, 'Content-Type': declared }, body: content },
    );
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { url } = (await uploaded.json()) as { url: string };
    return fetch(new URL(url, `${server.url}/uploads`), { headers: AGENT });
  }

  it('every upload is served with nosniff and a sandboxing CSP, under the type found in its bytes', async () => {
    for (const [name, content, declared, type] of [
      ['dot.png', png(1, 1), 'image/png', 'image/png'],
      ['terms.pdf', pdf(), 'application/pdf', 'application/pdf'],
      ['clip.mp4', isoMovie('isom', ['isom', 'mp41']), '', 'video/mp4'],
      ['notes.txt', new TextEncoder().encode('Parcel 1234 was returned.\n'), 'text/plain', 'text/plain'],
    ] as const) {
      const served = await uploadAndFetch(name, content, declared);
      assert.equal(served.status, 200, name);
      assert.equal(served.headers.get('content-type'), type, name);
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff', name);
      assert.match(served.headers.get('content-security-policy') ?? '', /default-src 'none'; sandbox/, name);
    }
  });

  it('shown pictures open in place; documents, video and text download', async () => {
    const disposition = async (name: string, content: Uint8Array<ArrayBuffer>, declared = '') =>
      (await uploadAndFetch(name, content, declared)).headers.get('content-disposition');
    assert.equal(await disposition('a.png', png(2, 2)), "inline; filename*=UTF-8''a.png");
    assert.equal(await disposition('b.gif', gif('89a')), "inline; filename*=UTF-8''b.gif");
    assert.equal(await disposition('terms 2.pdf', pdf()), "attachment; filename*=UTF-8''terms%202.pdf");
    assert.equal(await disposition('c.mp4', isoMovie('isom', ['isom'])), "attachment; filename*=UTF-8''c.mp4");
    assert.equal(
      await disposition('d.txt', new TextEncoder().encode('plain\n'), 'text/plain'),
      "attachment; filename*=UTF-8''d.txt",
    );
  });

  it('a PDF with JavaScript is refused by the server’s own check, whatever the client said', async () => {
    const hostile = pdf({ objects: ['<< /S /JavaScript /JS (app.alert(1)) >>'] });
    const answer = await fetch(`${server.url}/uploads?conversationId=${conversationId}&clientId=c-js&name=terms.pdf`, {
      method: 'POST',
      headers: { ...AGENT, 'Content-Type': 'application/pdf' },
      body: hostile,
    });
    assert.equal(answer.status, 422);
    const { error } = (await answer.json()) as { error: { message: string; details: { reason: string } } };
    assert.equal(error.details.reason, 'unsafe-content');
    assert.match(error.message, /contains JavaScript/);
  });
});
