import { expect } from '@open-wc/testing';
import {
  createFileTypePolicy,
  identifyImage,
  type FileCheckResult,
  type FileRefusalReason,
} from '../../src/core/file-policy.js';
import {
  avif,
  bytes,
  fileOf,
  gif,
  heic,
  isoBox,
  jpegHeader,
  jpegSegment,
  png,
  pngChunk,
  pngHeader,
  u32be,
} from '../fixtures/files.js';

const policy = createFileTypePolicy();
const imagesAndAvif = createFileTypePolicy({ allowed: ['heic', 'avif', 'png', 'jpg', 'gif', 'webp'] });

function expectRefused(result: FileCheckResult, reason: FileRefusalReason): string {
  expect(result, JSON.stringify(result)).to.include({ ok: false, reason });
  return result.ok ? '' : result.message;
}

/** Text as UTF-16 little-endian bytes, as a text chunk or comment could carry it. */
function utf16le(text: string): Uint8Array {
  return Uint8Array.from([...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]));
}

describe('file-type policy: the holes an attacker found are closed', () => {
  describe('markup anywhere in the file, in any encoding', () => {
    it('refuses a PNG with HTML after 5,000 bytes', async () => {
      const late = png(8, 8, [
        pngChunk('tEXt', bytes('Description\0', new Uint8Array(5000).fill(0x41))),
        pngChunk('tEXt', 'Comment\0<html><body onload="fetch(`//evil.example`)">'),
      ]);
      expect(expectRefused(await policy.check(fileOf(late, 'cat.png')), 'content-mismatch')).to.equal(
        '“\u2068cat.png\u2069” is not a PNG image: it hides web page code.',
      );
    });

    it('refuses a JPEG with <script> in a comment at 70 KiB', async () => {
      const padding = jpegSegment(0xe2, new Uint8Array(65_000));
      const more = jpegSegment(0xe3, new Uint8Array(8000));
      const script = jpegSegment(0xfe, '<script>alert(document.domain)</script>');
      const jpeg = jpegHeader(640, 480, bytes(padding, more, script));
      expect(jpeg.length).to.be.above(70 * 1024);
      expectRefused(await policy.check(fileOf(jpeg, 'holiday.jpg')), 'content-mismatch');
    });

    it('refuses a GIF whose comment holds an <img> with an event handler', async () => {
      const markup = '<img src=x onerror=alert(1)>';
      const comment = bytes([0x21, 0xfe, markup.length], markup, [0]);
      expectRefused(await policy.check(fileOf(gif('89a', 1, 1, comment), 'party.gif')), 'content-mismatch');
    });

    it('refuses a PNG with a UTF-16 <script> in a text chunk', async () => {
      const chunk = pngChunk('iTXt', bytes('Comment\0\0\0\0\0', utf16le('<script>alert(1)</script>')));
      expectRefused(await policy.check(fileOf(png(4, 4, [chunk]), 'scan.png')), 'content-mismatch');
      const bigEndian = pngChunk('tEXt', bytes('c\0', [0], utf16le('<svg onload=alert(1)>').slice(0, -1)));
      expectRefused(await policy.check(fileOf(png(4, 4, [bigEndian]), 'scan.png')), 'content-mismatch');
    });

    it('finds markup at the very end of a 10 MB file, and a seam between chunks does not hide it', async () => {
      for (const at of [10 * 1024 * 1024 - 600, 1024 * 1024 - 3]) {
        const filler = pngChunk('zTXt', bytes('x\0\0', new Uint8Array(at)));
        const content = png(2, 2, [filler, pngChunk('tEXt', 'c\0<iframe src=//evil.example>')]);
        const started = performance.now();
        const limit = createFileTypePolicy({ maxBytes: 11 * 1024 * 1024 });
        expectRefused(await limit.check(fileOf(content, 'poster.png')), 'content-mismatch');
        expect(performance.now() - started, 'a bounded scan').to.be.below(5000);
      }
    });

    it('still accepts real photos, whose compressed bytes hold no tags', async () => {
      const canvas = new OffscreenCanvas(1200, 900);
      const context = canvas.getContext('2d')!;
      for (let i = 0; i < 400; i++) {
        context.fillStyle = `hsl(${i * 37} 80% 50%)`;
        context.fillRect((i * 53) % 1200, (i * 31) % 900, 90, 70);
      }
      for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
        const blob = await canvas.convertToBlob({ type, quality: 0.95 });
        const extension = type.split('/')[1]!.replace('jpeg', 'jpg');
        expect(await imagesAndAvif.check(new File([blob], `photo.${extension}`)), type).to.include({
          ok: true,
          width: 1200,
          height: 900,
        });
      }
    });
  });

  describe('HEIC and AVIF told apart by their coded image, not only their brands', () => {
    it('an AVIF whose compatible brands list heic is an AVIF: refused as .heic, accepted as .avif', async () => {
      const disguised = avif({ compatibleBrands: ['avif', 'mif1', 'heic'] });
      expect(expectRefused(await imagesAndAvif.check(fileOf(disguised, 'IMG_1.heic')), 'content-mismatch')).to.equal(
        '“\u2068IMG_1.heic\u2069” is not a HEIC image: it is an AVIF image.',
      );
      expect(await imagesAndAvif.check(fileOf(disguised, 'IMG_1.avif'))).to.deep.equal({
        ok: true,
        type: 'avif',
        mimeType: 'image/avif',
        width: 4032,
        height: 3024,
      });
    });

    it('an AVIF with major brand mif1 and compatible avif is refused as .heic', async () => {
      const content = avif({ majorBrand: 'mif1', compatibleBrands: ['avif'] });
      expectRefused(await imagesAndAvif.check(fileOf(content, 'x.heic')), 'content-mismatch');
      expect(await imagesAndAvif.check(fileOf(content, 'x.avif'))).to.include({ ok: true, type: 'avif' });
    });

    it('a bare 16-byte ftypmif1 is refused, and so is a HEIF that names no codec', async () => {
      expect(
        expectRefused(await policy.check(fileOf(bytes([0, 0, 0, 16], 'ftypmif1', u32be(0)), 'a.heic')), 'unreadable'),
      ).to.equal('“\u2068a.heic\u2069” can’t be read: the file is damaged or incomplete.');
      const noCodec = heic({ majorBrand: 'mif1', compatibleBrands: ['mif1'], codec: 'none' });
      expect((await policy.check(fileOf(noCodec, 'a.heic'))).ok).to.be.false;
    });

    it('an AV1 image under HEVC brands is not a HEIC', async () => {
      const content = heic({ codec: 'av1' });
      expect((await policy.check(fileOf(content, 'a.heic'))).ok).to.be.false;
    });
  });

  describe('HEIC sizes wherever the size box sits', () => {
    it('finds meta after 200 KiB of image data, and applies the pixel limit there', async () => {
      const far = heic({ width: 6000, height: 4000, metaAfter: 200 * 1024 });
      expect(await policy.check(fileOf(far, 'IMG_2.heic'))).to.deep.include({ ok: true, width: 6000, height: 4000 });
      const bomb = heic({ width: 50_000, height: 50_000, metaAfter: 200 * 1024 });
      expectRefused(await policy.check(fileOf(bomb, 'bomb.heic')), 'too-many-pixels');
      expect(await identifyImage(fileOf(far, 'x'))).to.deep.equal({ type: 'heic', width: 6000, height: 4000 });
    });

    it('refuses a HEIC without size properties (the limit could not be applied) or with a meta box too big to read', async () => {
      expectRefused(await policy.check(fileOf(heic({ withoutSize: true }), 'a.heic')), 'unreadable');
      const huge = bytes(
        isoBox('ftyp', 'heic', u32be(0), 'mif1', 'heic'),
        isoBox('meta', new Uint8Array(2 * 1024 * 1024)),
      );
      expect((await createFileTypePolicy({ maxBytes: 4 * 1024 * 1024 }).check(fileOf(huge, 'a.heic'))).ok).to.be.false;
    });

    it('refuses a HEIC whose boxes run past the end of the file (cut off)', async () => {
      const whole = heic({ metaAfter: 100 });
      expectRefused(await policy.check(fileOf(whole.subarray(0, whole.length - 10), 'cut.heic')), 'unreadable');
    });

    it('reads box headers only, a few bytes each, however large the file', async () => {
      const content = heic({ metaAfter: 3 * 1024 * 1024 });
      const reads: number[] = [];
      const blob = new Blob([content]);
      const counted = {
        name: 'IMG_3.heic',
        size: blob.size,
        slice(start?: number, end?: number) {
          reads.push((end ?? blob.size) - (start ?? 0));
          return blob.slice(start, end);
        },
      };
      const verdict = await createFileTypePolicy({ allowed: ['heic'] }).check(counted);
      expect(verdict).to.include({ ok: true });
      // The head, a 16-byte header per box, the meta box, then the markup scan's megabyte chunks.
      expect(reads.filter((length) => length > 64 * 1024 && length < 1024 * 1024)).to.have.length(0);
    });
  });

  describe('0×0 images are refused', () => {
    it('PNG, GIF, JPEG and HEIC with a zero side', async () => {
      expectRefused(await policy.check(fileOf(pngHeader(0, 0), 'zero.png')), 'unreadable');
      expectRefused(await policy.check(fileOf(pngHeader(100, 0), 'flat.png')), 'unreadable');
      expectRefused(await policy.check(fileOf(gif('89a', 0, 0), 'zero.gif')), 'unreadable');
      expectRefused(await policy.check(fileOf(jpegHeader(0, 10), 'zero.jpg')), 'unreadable');
      expectRefused(await policy.check(fileOf(heic({ width: 0, height: 0 }), 'zero.heic')), 'unreadable');
      expect(await identifyImage(fileOf(pngHeader(0, 0), 'x'))).to.equal(undefined);
    });
  });
});
