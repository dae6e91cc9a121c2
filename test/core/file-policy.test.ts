import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  createFileTypePolicy,
  identifyImage,
  type FileCheckResult,
  type FileRefusalReason,
  type NamedBlobLike,
} from '../../src/core/file-policy.js';
import { describeFileRefusal } from '../../src/core/file-refusal.js';
import {
  bytes,
  type Bytes,
  fileOf,
  gif,
  heic,
  isoBox,
  jpegHeader,
  jpegSegment,
  png,
  pngChunk,
  pngHeader,
  PNG_SIGNATURE,
  u32be,
} from '../fixtures/files.js';

const policy = createFileTypePolicy();

async function canvasImage(width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Bytes> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3a7';
  context.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type })).arrayBuffer());
}

function expectRefused(result: FileCheckResult, reason: FileRefusalReason): string {
  expect(result, JSON.stringify(result)).to.include({ ok: false, reason });
  return result.ok ? '' : result.message;
}

describe('file-type policy', () => {
  describe('configuration', () => {
    it('defaults to the seed’s types, 10 MiB and 40 megapixels', () => {
      expect(policy.allowed).to.deep.equal(['gif', 'heic', 'jpeg', 'jpg', 'png']);
      expect(policy.maxBytes).to.equal(10 * 1024 * 1024);
      expect(policy.maxPixels).to.equal(40_000_000);
      expect(policy.accept).to.equal('.gif,.heic,.jpeg,.jpg,.png,image/gif,image/heic,image/jpeg,image/png');
    });

    it('reads the admin’s list case-insensitively, with or without dots, jpg and jpeg together, unverifiable types left out', () => {
      const custom = createFileTypePolicy({ allowed: ['.PNG', ' Jpg ', '*.pdf', 'exe', 'svg', 'html'] });
      expect(custom.allowed).to.deep.equal(['jpeg', 'jpg', 'pdf', 'png']);
      expect(custom.accept).to.equal('.jpeg,.jpg,.pdf,.png,image/jpeg,image/png');
    });

    it('refuses a nonsense limit when it is created', () => {
      expect(() => createFileTypePolicy({ maxBytes: 0 })).to.throw(RangeError, /maxBytes/);
      expect(() => createFileTypePolicy({ maxPixels: Number.NaN })).to.throw(RangeError, /maxPixels/);
    });
  });

  describe('accepts every allowed type by its real bytes', () => {
    it('GIF87a and GIF89a, with the logical screen size', async () => {
      expect(await policy.check(fileOf(gif('87a', 3, 2), 'old.gif'))).to.deep.equal({
        ok: true,
        type: 'gif',
        mimeType: 'image/gif',
        width: 3,
        height: 2,
      });
      expect(await policy.check(fileOf(gif('89a', 16, 9), 'new.gif', 'image/gif'))).to.deep.equal({
        ok: true,
        type: 'gif',
        mimeType: 'image/gif',
        width: 16,
        height: 9,
      });
    });

    it('PNG, with the size from IHDR', async () => {
      expect(await policy.check(fileOf(png(3, 2), 'tiny.png', 'image/png'))).to.deep.equal({
        ok: true,
        type: 'png',
        mimeType: 'image/png',
        width: 3,
        height: 2,
      });
      expect(await policy.check(fileOf(await canvasImage(320, 200, 'image/png'), 'screen.PNG'))).to.deep.include({
        ok: true,
        type: 'png',
        width: 320,
        height: 200,
      });
    });

    it('JPEG named .jpg or .jpeg, with the size from the frame header', async () => {
      expect(await policy.check(fileOf(jpegHeader(640, 480), 'photo.jpg', 'image/jpeg'))).to.deep.equal({
        ok: true,
        type: 'jpeg',
        mimeType: 'image/jpeg',
        width: 640,
        height: 480,
      });
      expect(await policy.check(fileOf(await canvasImage(300, 150, 'image/jpeg'), 'photo.JPEG'))).to.deep.include({
        ok: true,
        type: 'jpeg',
        width: 300,
        height: 150,
      });
    });

    it('JPEG whose metadata pushes the frame header past the first 64 KiB', async () => {
      const metadata = bytes(jpegSegment(0xe2, new Uint8Array(60_000)), jpegSegment(0xe2, new Uint8Array(60_000)));
      expect(await policy.check(fileOf(jpegHeader(4000, 3000, metadata), 'camera.jpg'))).to.deep.include({
        ok: true,
        width: 4000,
        height: 3000,
      });
    });

    it('HEIC by its ftyp brands, with the full image size from ispe', async () => {
      expect(await policy.check(fileOf(heic({ width: 4032, height: 3024 }), 'IMG_0001.HEIC'))).to.deep.equal({
        ok: true,
        type: 'heic',
        mimeType: 'image/heic',
        width: 4032,
        height: 3024,
      });
      for (const [majorBrand, compatibleBrands] of [
        ['mif1', ['mif1', 'heic']],
        ['heix', []],
        ['msf1', ['msf1']],
        ['hevc', []],
      ] as const) {
        expect(
          await policy.check(fileOf(heic({ majorBrand, compatibleBrands: [...compatibleBrands] }), 'burst.heic')),
          majorBrand,
        ).to.include({ ok: true, type: 'heic' });
      }
    });

    it('takes a declared type that agrees or says nothing', async () => {
      for (const declared of [
        'image/jpeg',
        'image/jpg',
        'IMAGE/JPEG; charset=binary',
        '',
        'application/octet-stream',
      ]) {
        expect(await policy.check(fileOf(jpegHeader(10, 10), 'a.jpg', declared)), declared).to.include({ ok: true });
      }
    });

    it('accepts any Blob-like object that has a name', async () => {
      const content = png(2, 2);
      const named: NamedBlobLike = {
        name: 'pasted.png',
        size: content.length,
        slice: (start, end) => new Blob([content.slice(start, end)]),
      };
      expect(await policy.check(named)).to.include({ ok: true, type: 'png' });
    });
  });

  describe('the admin’s list and limits', () => {
    it('refuses an extension the admin left out and names the allowed ones', async () => {
      const message = expectRefused(
        await createFileTypePolicy({ allowed: ['png', 'jpg'] }).check(fileOf(gif('89a'), 'smile.gif')),
        'type-not-allowed',
      );
      expect(message).to.equal('“\u2068smile.gif\u2069” can’t be sent: the allowed file types are JPEG, JPG and PNG.');
    });

    it('says so when the admin allowed nothing', async () => {
      const none = createFileTypePolicy({ allowed: [] });
      expect(none.accept).to.equal('');
      expect(expectRefused(await none.check(fileOf(png(1, 1), 'a.png')), 'type-not-allowed')).to.include(
        'has not allowed any file types',
      );
    });

    it('applies the admin’s size limit', async () => {
      const message = expectRefused(
        await createFileTypePolicy({ maxBytes: 1024 }).check(fileOf(png(40, 40), 'big.png')),
        'too-large',
      );
      expect(message).to.match(/too large: 2 KB, and the limit is 1 KB\.$/);
    });

    it('applies the admin’s pixel limit', async () => {
      const message = expectRefused(
        await createFileTypePolicy({ maxPixels: 100 }).check(fileOf(png(20, 20), 'wide.png')),
        'too-many-pixels',
      );
      expect(message).to.include('20 × 20 pixels');
    });

    it('allowing jpg also allows .jpeg', async () => {
      expect(await createFileTypePolicy({ allowed: ['jpg'] }).check(fileOf(jpegHeader(8, 8), 'scan.jpeg'))).to.include({
        ok: true,
      });
    });
  });

  describe('hostile and broken files each get their specific reason', () => {
    it('HTML renamed .png', async () => {
      const message = expectRefused(
        await policy.check(fileOf(bytes('<!DOCTYPE html><html><script>alert(1)</script>'), 'cat.png')),
        'content-mismatch',
      );
      expect(message).to.equal('“\u2068cat.png\u2069” is not a PNG image: it is a web page.');
    });

    it('SVG renamed .png', async () => {
      const svg = bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      expect(expectRefused(await policy.check(fileOf(svg, 'logo.png', 'image/png')), 'content-mismatch')).to.include(
        'it is an SVG image',
      );
    });

    it('Windows program renamed .jpg', async () => {
      const exe = bytes(
        'MZ',
        [0x90, 0, 3, 0, 0, 0, 4, 0],
        new Uint8Array(56),
        'This program cannot be run in DOS mode.',
      );
      expect(expectRefused(await policy.check(fileOf(exe, 'holiday.jpg')), 'content-mismatch')).to.include(
        'is not a JPEG image: it is a Windows program',
      );
    });

    it('Linux program renamed .gif', async () => {
      const elf = bytes('\x7fELF', [2, 1, 1, 0], new Uint8Array(56));
      expect(expectRefused(await policy.check(fileOf(elf, 'funny.gif')), 'content-mismatch')).to.include(
        'it is a Linux program',
      );
    });

    it('PDF renamed .jpeg', async () => {
      expect(
        expectRefused(
          await policy.check(fileOf(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'receipt.jpeg')),
          'content-mismatch',
        ),
      ).to.include('it is a PDF document');
    });

    it('ZIP renamed .png', async () => {
      expect(
        expectRefused(
          await policy.check(fileOf(bytes('PK\x03\x04', [20, 0, 0, 0, 8, 0], new Uint8Array(40)), 'album.png')),
          'content-mismatch',
        ),
      ).to.include('it is a ZIP archive');
    });

    it('spoofed, partial magic bytes', async () => {
      const almostPng = bytes('\x89PNG', 'xxxx', new Uint8Array(40));
      const almostGif = bytes('GIF89x', new Uint8Array(40));
      const almostJpeg = bytes([0xff, 0xd8, 0x00], new Uint8Array(40));
      expectRefused(await policy.check(fileOf(almostPng, 'a.png')), 'content-mismatch');
      expectRefused(await policy.check(fileOf(almostGif, 'a.gif')), 'content-mismatch');
      expectRefused(await policy.check(fileOf(almostJpeg, 'a.jpg')), 'content-mismatch');
    });

    it('a GIF named .png', async () => {
      const message = expectRefused(await policy.check(fileOf(gif('89a', 4, 4), 'sticker.png')), 'content-mismatch');
      expect(message).to.equal('“\u2068sticker.png\u2069” is not a PNG image: it is a GIF image.');
    });

    it('a video renamed .heic, named for what it is', async () => {
      const mp4 = bytes(isoBox('ftyp', 'isom', u32be(512), 'isom', 'iso2', 'mp41'), isoBox('mdat', new Uint8Array(32)));
      expect(expectRefused(await policy.check(fileOf(mp4, 'clip.heic')), 'content-mismatch')).to.include(
        'it is an MP4 video',
      );
    });

    it('an empty file', async () => {
      expect(expectRefused(await policy.check(fileOf(new Uint8Array(0), 'nothing.png')), 'empty')).to.equal(
        '“\u2068nothing.png\u2069” is empty.',
      );
    });

    it('a file over the limit', async () => {
      const huge = bytes(png(2, 2), new Uint8Array(10 * 1024 * 1024));
      expect(expectRefused(await policy.check(fileOf(huge, 'poster.png')), 'too-large')).to.include(
        'and the limit is 10 MB',
      );
    });

    it('double extensions are judged by the last one and by the bytes', async () => {
      expectRefused(await policy.check(fileOf(bytes('%PDF-1.4'), 'invoice.pdf.png')), 'content-mismatch');
      expectRefused(await policy.check(fileOf(png(2, 2), 'photo.png.exe')), 'type-not-allowed');
      expect(await policy.check(fileOf(jpegHeader(5, 5), 'photo.png.jpg'))).to.include({ ok: true, type: 'jpeg' });
    });

    it('a right-to-left override cannot disguise the real extension, in the verdict or in the message', async () => {
      const disguisedExe = 'photo\u202Egnp.exe'; // shows as "photoexe.png"
      const message = expectRefused(
        await policy.check(fileOf(bytes('MZ', new Uint8Array(60)), disguisedExe)),
        'type-not-allowed',
      );
      expect(message).not.to.include('\u202E');
      expect(message).to.include('photo\uFFFDgnp.exe');
      expectRefused(
        await policy.check(fileOf(bytes('MZ', new Uint8Array(60)), 'report\u202Eexe.png')),
        'content-mismatch',
      );
      expect(await policy.check(fileOf(png(1, 1), 'holiday\u202Eexe.png'))).to.include({ ok: true });
    });

    it('control characters in the name do not hide the extension', async () => {
      expectRefused(await policy.check(fileOf(png(1, 1), 'photo.png\u0000.exe')), 'type-not-allowed');
      expectRefused(await policy.check(fileOf(png(1, 1), 'photo.png\n')), 'type-not-allowed');
      expectRefused(
        await policy.check(fileOf(bytes('MZ', new Uint8Array(60)), 'setup.exe\u0000.png')),
        'content-mismatch',
      );
    });

    it('a 50000 × 50000 PNG header (decompression bomb)', async () => {
      const message = expectRefused(
        await policy.check(fileOf(pngHeader(50_000, 50_000), 'bomb.png')),
        'too-many-pixels',
      );
      expect(message).to.equal(
        '“\u2068bomb.png\u2069” is too big to open safely: 50000 × 50000 pixels, and the limit is 40 megapixels.',
      );
    });

    it('a bomb whose frame header hides behind padding segments', async () => {
      const padding = bytes(...Array.from({ length: 3 }, () => jpegSegment(0xe3, new Uint8Array(65_000))));
      expectRefused(await policy.check(fileOf(jpegHeader(60_000, 60_000, padding), 'bomb.jpg')), 'too-many-pixels');
    });

    it('truncated headers', async () => {
      expect(expectRefused(await policy.check(fileOf(png(4, 4).subarray(0, 20), 'cut.png')), 'unreadable')).to.equal(
        '“\u2068cut.png\u2069” can’t be read: the file is damaged or incomplete.',
      );
      expectRefused(await policy.check(fileOf(bytes('\x89PN'), 'cut.png')), 'unreadable');
      expectRefused(await policy.check(fileOf(gif('89a').subarray(0, 8), 'cut.gif')), 'unreadable');
      expectRefused(await policy.check(fileOf(jpegHeader(9, 9).subarray(0, 30), 'cut.jpg')), 'unreadable');
      expectRefused(await policy.check(fileOf(bytes([0, 0, 0, 24], 'fty'), 'cut.heic')), 'unreadable');
    });

    it('a PNG chunk that is not IHDR where IHDR must be', async () => {
      expectRefused(
        await policy.check(
          fileOf(bytes(PNG_SIGNATURE, pngChunk('tEXt', 'Comment\0hi'), png(1, 1).subarray(8)), 'odd.png'),
        ),
        'unreadable',
      );
    });

    it('a polyglot: a valid PNG carrying HTML in its first bytes', async () => {
      const polyglot = png(2, 2, [pngChunk('tEXt', 'Comment\0<html><script>fetch("//evil.example")</script>')]);
      expect(expectRefused(await policy.check(fileOf(polyglot, 'cute.png')), 'content-mismatch')).to.equal(
        '“\u2068cute.png\u2069” is not a PNG image: it hides web page code.',
      );
    });

    it('a polyglot GIF with an SVG in a comment', async () => {
      const comment = bytes([0x21, 0xfe, 40], '<svg onload=alert(1)>', new Uint8Array(19), [0]);
      expectRefused(await policy.check(fileOf(gif('89a', 1, 1, comment), 'party.gif')), 'content-mismatch');
    });

    it('a declared type that contradicts the content', async () => {
      expect(expectRefused(await policy.check(fileOf(png(1, 1), 'a.png', 'text/html')), 'content-mismatch')).to.include(
        'it was declared as text/html',
      );
      expectRefused(await policy.check(fileOf(png(1, 1), 'a.png', 'image/svg+xml')), 'content-mismatch');
      const content = new Blob([png(1, 1)]);
      const hostile: NamedBlobLike = {
        name: 'a.png',
        type: 'x/<img src=x onerror=alert(1)>',
        size: content.size,
        slice: (start, end) => content.slice(start, end),
      };
      expect(expectRefused(await policy.check(hostile), 'content-mismatch')).to.equal(
        '“\u2068a.png\u2069” is not a PNG image: its declared type says otherwise.',
      );
    });

    it('a file that cannot be read resolves to unreadable instead of rejecting', async () => {
      const broken: NamedBlobLike = {
        name: 'gone.png',
        size: 100,
        slice: () => ({
          arrayBuffer: () => Promise.reject(new DOMException('The file was moved', 'NotReadableError')),
        }),
      };
      expectRefused(await policy.check(broken), 'unreadable');
    });

    it('long names are shortened in the message but keep their extension', async () => {
      const message = expectRefused(
        await policy.check(fileOf(new Uint8Array(0), `${'very-'.repeat(30)}long.png`)),
        'empty',
      );
      expect(message.length).to.be.below(90);
      expect(message).to.include('…').and.to.include('long.png');
    });
  });

  describe('property: random bytes', () => {
    const SIGNATURES = {
      png: [bytes(PNG_SIGNATURE)],
      gif: [bytes('GIF87a'), bytes('GIF89a')],
      jpeg: [bytes([0xff, 0xd8, 0xff])],
      heic: [bytes([0, 0, 0, 24], 'ftypheic', u32be(0), 'mif1heic'), bytes([0, 0, 0, 16], 'ftypmif1', u32be(0))],
    };
    const EXTENSION_TYPE = { png: 'png', gif: 'gif', jpg: 'jpeg', jpeg: 'jpeg', heic: 'heic' } as const;
    const startsWith = (content: Uint8Array, prefix: Uint8Array) => prefix.every((byte, i) => content[i] === byte);
    const hasTrueSignature = (content: Uint8Array, type: keyof typeof SIGNATURES) =>
      type === 'heic'
        ? String.fromCharCode(...content.subarray(4, 8)) === 'ftyp'
        : SIGNATURES[type as keyof typeof SIGNATURES].some((signature) => startsWith(content, signature));
    // Pure noise, or noise after a true signature, or after a true signature cut short or with one byte flipped.
    const signature = fc.constantFrom(...Object.values(SIGNATURES).flat());
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(signature, fc.uint8Array({ maxLength: 300 })).map(([start, rest]) => bytes(start, rest)),
      fc
        .tuple(signature, fc.nat(), fc.uint8Array({ maxLength: 300 }))
        .map(([start, cut, rest]) => bytes(start.subarray(0, cut % start.length), rest)),
      fc
        .tuple(signature, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.uint8Array({ maxLength: 300 }))
        .map(([start, at, flip, rest]) => {
          const spoofed = bytes(start, rest);
          spoofed[at % start.length] ^= flip;
          return spoofed;
        }),
    );

    it('never pass unless they start with the true signature of the named type', async () => {
      await fc.assert(
        fc.asyncProperty(
          content,
          fc.constantFrom(...(Object.keys(EXTENSION_TYPE) as Array<keyof typeof EXTENSION_TYPE>)),
          async (content, extension) => {
            const result = await policy.check(fileOf(content, `random.${extension}`));
            if (result.ok) {
              expect(result.type).to.equal(EXTENSION_TYPE[extension]);
              expect(
                hasTrueSignature(content, result.type as keyof typeof SIGNATURES),
                `accepted without a true signature: ${Array.from(content.subarray(0, 16))}`,
              ).to.be.true;
            } else {
              expect(result.message).to.be.a('string').and.not.be.empty;
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  });

  describe('identifyImage and describeFileRefusal', () => {
    it('identifyImage reads type and size without a policy', async () => {
      expect(await identifyImage(fileOf(jpegHeader(120, 80), 'x'))).to.deep.equal({
        type: 'jpeg',
        width: 120,
        height: 80,
      });
      expect(await identifyImage(fileOf(heic({ width: 1000, height: 2000 }), 'x'))).to.deep.equal({
        type: 'heic',
        width: 1000,
        height: 2000,
      });
      expect(await identifyImage(fileOf(bytes('hello'), 'x'))).to.equal(undefined);
    });

    it('describeFileRefusal words a reason that came back from a server alone', () => {
      expect(describeFileRefusal('too-large', 'scan.png')).to.equal(
        '“\u2068scan.png\u2069” is larger than your admin allows.',
      );
      expect(describeFileRefusal('content-mismatch', 'scan.png')).to.equal(
        '“\u2068scan.png\u2069” is not what its name says: its content is something else.',
      );
    });
  });
});
