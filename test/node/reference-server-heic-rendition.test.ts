// A HEIC the reference server stores gets a JPEG rendition (the attachment's thumbnailUrl) that every
// browser shows under the strictest page policy; a file that cannot or may not be decoded gets none and is
// still stored, shown as a HEIC card.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { ReferenceServer } from '../../demo/server/server.js';
import { heicRendition } from '../../demo/server/heic-rendition.js';
import type { Attachment } from '../../src/core/model.js';
import { GPS_LATITUDE, heic, indexOf } from '../fixtures/files.js';
import { databaseFile, startServer, walkIn } from './reference-server-kit.js';
import { skipWithoutPostgres, usePostgres } from './reference-server-pg-kit.js';

const AGENT = { Authorization: 'Bearer demo-token-agent-1' };
const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(`test/fixtures/heic/${name}`));

const postgres = skipWithoutPostgres() === false ? usePostgres() : undefined;

for (const storage of ['SQLite', 'PostgreSQL'] as const)
  describe(
    `reference server on ${storage}: JPEG renditions of HEIC photos`,
    { skip: storage === 'PostgreSQL' && skipWithoutPostgres() },
    () => {
      let server: ReferenceServer;
      let conversationId: string;

      before(async () => {
        server =
          storage === 'SQLite'
            ? await startServer({ databaseFile: databaseFile() })
            : await startServer({ databaseUrl: await postgres!.newDatabase() });
        ({ id: conversationId } = await server.service.queueConversation(walkIn()));
        await server.service.pick(DEFAULT_AGENT, conversationId);
      });
      after(() => server.close());

      async function upload(name: string, content: Uint8Array<ArrayBuffer>): Promise<Attachment> {
        const answer = await fetch(
          `${server.url}/uploads?conversationId=${conversationId}&clientId=c-${name}&name=${encodeURIComponent(name)}`,
          { method: 'POST', headers: { ...AGENT, 'Content-Type': 'image/heic' }, body: content },
        );
        assert.equal(answer.status, 201, await answer.clone().text());
        return (await answer.json()) as Attachment;
      }

      it('a real HEIC gets a JPEG rendition of its size, served inline with nosniff and the sandboxing CSP', async () => {
        const attachment = await upload('IMG_0001.HEIC', fixture('photo-64x48.heic'));
        assert.equal(attachment.mimeType, 'image/heic');
        // The primary image's size, not the 64×64 tile libheif coded it in.
        assert.deepEqual([attachment.width, attachment.height], [64, 48]);
        assert.ok(attachment.thumbnailUrl, 'a thumbnailUrl');
        assert.notEqual(attachment.thumbnailUrl, attachment.url);
        const served = await fetch(new URL(attachment.thumbnailUrl, `${server.url}/uploads`), { headers: AGENT });
        assert.equal(served.status, 200);
        assert.equal(served.headers.get('content-type'), 'image/jpeg');
        assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
        assert.match(served.headers.get('content-security-policy') ?? '', /default-src 'none'; sandbox/);
        assert.equal(served.headers.get('content-disposition'), "inline; filename*=UTF-8''IMG_0001.jpg");
        const bytes = new Uint8Array(await served.arrayBuffer());
        const decoded = jpeg.decode(bytes, { useTArray: true });
        assert.deepEqual([decoded.width, decoded.height], [64, 48]);
        // The picture survived: red on the left, blue on the right.
        const pixel = (x: number, y: number) => [...decoded.data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 3)];
        const [r1, , b1] = pixel(8, 24);
        const [r2, , b2] = pixel(56, 24);
        assert.ok(r1! > 180 && b1! < 80, `left ${pixel(8, 24)}`);
        assert.ok(b2! > 180 && r2! < 80, `right ${pixel(56, 24)}`);
      });

      it('the rendition of a HEIC with GPS carries no Exif, GPS or XMP, and a message keeps its thumbnailUrl', async () => {
        const original = fixture('gps-64x48.heic');
        assert.ok(indexOf(original, GPS_LATITUDE) >= 0, 'the fixture holds the position');
        const attachment = await upload('where.heic', original);
        const served = new Uint8Array(
          await (
            await fetch(new URL(attachment.thumbnailUrl!, `${server.url}/uploads`), { headers: AGENT })
          ).arrayBuffer(),
        );
        assert.equal(indexOf(served, 'Exif'), -1);
        assert.equal(indexOf(served, GPS_LATITUDE), -1);
        assert.equal(indexOf(served, 'http://ns.adobe.com/xap'), -1);
        const sent = await server.service.sendMessage(DEFAULT_AGENT, {
          conversationId,
          clientId: 'm-heic',
          text: '',
          attachments: [attachment],
        });
        assert.equal(sent.attachments[0]?.thumbnailUrl, attachment.thumbnailUrl);
      });

      it('a HEIC with no coded image is stored without a rendition (shown as a card)', async () => {
        const attachment = await upload('empty.heic', heic({ width: 64, height: 48 }));
        assert.equal(attachment.mimeType, 'image/heic');
        assert.equal(attachment.thumbnailUrl, undefined);
      });

      it('the decoder is bounded: more pixels than the limit are never decoded, and the time is boxed', async () => {
        const bytes = fixture('photo-64x48.heic');
        assert.deepEqual(await heicRendition(bytes, { maxPixels: 64 * 48 - 1 }), {
          ok: false,
          reason: 'too-many-pixels',
        });
        assert.deepEqual(await heicRendition(bytes, { maxPixels: 1e6, timeoutMs: 1 }), {
          ok: false,
          reason: 'timed-out',
        });
        assert.deepEqual(await heicRendition(new Uint8Array(100), { maxPixels: 1e6 }), {
          ok: false,
          reason: 'undecodable',
        });
        const small = await heicRendition(bytes, { maxPixels: 1e6, maxLongSide: 16 });
        assert.ok(small.ok);
        assert.deepEqual([small.width, small.height], [16, 12]);
      });
    },
  );
