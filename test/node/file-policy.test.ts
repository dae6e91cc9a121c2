// The same policy module re-checks uploads on an integrator's Node server, with Node's own Blob and File.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFileTypePolicy, identifyImage, type NamedBlobLike } from '../../src/core/file-policy.js';
import { isoMovie, mp3, office, pdf, pdfWithObjectStream, wav, webm } from '../fixtures/documents.js';
import { avif, bytes, gif, heic, jpegHeader, png, pngChunk, pngHeader } from '../fixtures/files.js';

const policy = createFileTypePolicy();

/** What a server typically has after parsing a multipart upload: a Blob, plus the part's file name and Content-Type. */
function upload(content: Uint8Array<ArrayBuffer>, name: string, type = ''): NamedBlobLike {
  const blob = new Blob([content], { type });
  return Object.assign(blob, { name });
}

describe('file-type policy on a Node server', () => {
  it('accepts every allowed type from a Node Blob', async () => {
    assert.deepEqual(await policy.check(upload(png(3, 2), 'a.png', 'image/png')), {
      ok: true,
      type: 'png',
      mimeType: 'image/png',
      width: 3,
      height: 2,
    });
    assert.deepEqual(await policy.check(upload(gif('87a', 5, 6), 'a.gif')), {
      ok: true,
      type: 'gif',
      mimeType: 'image/gif',
      width: 5,
      height: 6,
    });
    assert.deepEqual(await policy.check(upload(jpegHeader(640, 480), 'a.jpg', 'image/jpeg')), {
      ok: true,
      type: 'jpeg',
      mimeType: 'image/jpeg',
      width: 640,
      height: 480,
    });
    assert.deepEqual(await policy.check(upload(heic({ width: 4032, height: 3024 }), 'a.heic')), {
      ok: true,
      type: 'heic',
      mimeType: 'image/heic',
      width: 4032,
      height: 3024,
    });
  });

  it('accepts a Node File as well', async () => {
    const result = await policy.check(new File([png(7, 7)], 'screenshot.PNG', { type: 'image/png' }));
    assert.equal(result.ok, true);
  });

  it('refuses what the browser would have refused, with the same reasons', async () => {
    const cases: Array<[NamedBlobLike, string]> = [
      [upload(new Uint8Array(0), 'empty.png'), 'empty'],
      [upload(png(1, 1), 'script.js'), 'type-not-allowed'],
      [upload(bytes('MZ', new Uint8Array(62)), 'holiday.jpg'), 'content-mismatch'],
      [upload(bytes('<html><body>hi</body></html>'), 'page.png'), 'content-mismatch'],
      [upload(gif('89a'), 'sticker.png'), 'content-mismatch'],
      [upload(png(1, 1, [pngChunk('tEXt', 'c\0<script>alert(1)</script>')]), 'polyglot.png'), 'content-mismatch'],
      [upload(png(1, 1), 'a.png', 'text/html'), 'content-mismatch'],
      [upload(pngHeader(50_000, 50_000), 'bomb.png'), 'too-many-pixels'],
      [upload(png(2, 2).subarray(0, 16), 'cut.png'), 'unreadable'],
      [upload(png(1, 1), 'photo\u202Egnp.exe'), 'type-not-allowed'],
    ];
    for (const [file, reason] of cases) {
      const result = await policy.check(file);
      assert.equal(result.ok, false, file.name);
      assert.equal(!result.ok && result.reason, reason, file.name);
    }
  });

  it('enforces an admin policy fetched from the backend', async () => {
    const adminPolicy = createFileTypePolicy({ allowed: ['PNG'], maxBytes: 2048, maxPixels: 1_000_000 });
    assert.deepEqual(adminPolicy.allowed, ['png']);
    assert.equal((await adminPolicy.check(upload(jpegHeader(10, 10), 'a.jpg'))).ok, false);
    const tooLarge = await adminPolicy.check(upload(png(64, 64), 'big.png'));
    assert.deepEqual(tooLarge, {
      ok: false,
      reason: 'too-large',
      message: '“\u2068big.png\u2069” is too large: 4 KB, and the limit is 2 KB.',
    });
    assert.equal((await adminPolicy.check(upload(pngHeader(2000, 1000), 'wide.png'))).ok, false);
  });

  it('reads a large upload in pieces of at most a megabyte, once through, never whole', async () => {
    const head = png(4000, 3000).subarray(0, 64 * 1024);
    const slices: Array<[number, number]> = [];
    const size = 9 * 1024 * 1024;
    const streamed: NamedBlobLike = {
      name: 'scan.png',
      size,
      slice(start = 0, end = size) {
        slices.push([start, end]);
        return new Blob([head.slice(start, end)]);
      },
    };
    assert.deepEqual(await policy.check(streamed), {
      ok: true,
      type: 'png',
      mimeType: 'image/png',
      width: 4000,
      height: 3000,
    });
    assert.deepEqual(slices[0], [0, 64 * 1024]);
    assert.ok(slices.every(([start, end]) => end - start <= 1024 * 1024 + 320));
    const read = slices.reduce((total, [start, end]) => total + Math.min(end, size) - start, 0);
    assert.ok(read < size + 64 * 1024 + 10 * 320, `read ${read} bytes of ${size}`);
  });

  it('verifies documents, video and sound on the server too, with Node’s own inflater', async () => {
    const all = createFileTypePolicy({
      allowed: ['pdf', 'docx', 'xlsx', 'txt', 'mp4', 'mp3', 'wav', 'webm', 'avif', 'heic'],
    });
    const accepted: Array<[NamedBlobLike, string]> = [
      [upload(pdf(), 'terms.pdf', 'application/pdf'), 'application/pdf'],
      [
        upload(await office('docx'), 'letter.docx'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [upload(bytes('plain words\n'), 'notes.txt', 'text/plain'), 'text/plain'],
      [upload(isoMovie('isom', ['isom', 'mp41']), 'clip.mp4', 'video/mp4'), 'video/mp4'],
      [upload(mp3(), 'song.mp3'), 'audio/mpeg'],
      [upload(wav(), 'beep.wav'), 'audio/wav'],
      [upload(webm(), 'screen.webm'), 'video/webm'],
      [upload(avif(), 'photo.avif'), 'image/avif'],
      [upload(heic({ metaAfter: 100 * 1024 }), 'IMG.heic'), 'image/heic'],
    ];
    for (const [file, mimeType] of accepted) {
      const result = await all.check(file);
      assert.equal(result.ok && result.mimeType, mimeType, `${file.name}: ${JSON.stringify(result)}`);
    }
    const refused: Array<[NamedBlobLike, string]> = [
      [upload(pdf({ objects: ['<< /S /JavaScript /JS (x) >>'] }), 'a.pdf'), 'unsafe-content'],
      [upload(await pdfWithObjectStream('<< /S /Launch >>'), 'a.pdf'), 'unsafe-content'],
      [upload(await office('docm'), 'a.docx'), 'unsafe-content'],
      [
        upload(await office('docx', [{ name: 'z', data: new Uint8Array(3_000_000), deflate: true }]), 'a.docx'),
        'unsafe-content',
      ],
      [upload(await office('xlsx'), 'a.docx'), 'content-mismatch'],
      [upload(bytes('<html><script>x</script>'), 'a.txt'), 'content-mismatch'],
      [upload(avif({ compatibleBrands: ['avif', 'heic'] }), 'a.heic'), 'content-mismatch'],
      [upload(heic({ width: 50_000, height: 50_000, metaAfter: 100 * 1024 }), 'bomb.heic'), 'too-many-pixels'],
      [upload(pngHeader(0, 0), 'zero.png'), 'unreadable'],
    ];
    const withPng = createFileTypePolicy({ allowed: [...all.allowed, 'png'] });
    for (const [file, reason] of refused) {
      const result = await withPng.check(file);
      assert.equal(!result.ok && result.reason, reason, `${file.name}: ${JSON.stringify(result)}`);
    }
  });

  it('identifyImage works on a Node Blob', async () => {
    assert.deepEqual(await identifyImage(new Blob([jpegHeader(12, 34)])), { type: 'jpeg', width: 12, height: 34 });
  });
});
