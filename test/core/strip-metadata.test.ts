import { expect } from '@open-wc/testing';
import { identifyImage } from '../../src/core/file-policy.js';
import { MetadataNotRemovable, stripMetadata } from '../../src/core/strip-metadata.js';
import {
  avif,
  bytes,
  type Bytes,
  exifWithGps,
  gif,
  GPS_LATITUDE,
  GPS_LONGITUDE,
  heic,
  indexOf,
  jpegHeader,
  jpegMarkers,
  jpegSegment,
  png,
  pngChunk,
  spliceAfterStartOfImage,
} from '../fixtures/files.js';

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>59,19.7N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>';
const xmpSegment = () => jpegSegment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0', XMP));

/** None of the things that give a person away: EXIF, GPS coordinates, XMP, the comment text used here. */
function expectNoMetadata(output: Uint8Array): void {
  expect(indexOf(output, GPS_LATITUDE), 'GPS latitude').to.equal(-1);
  expect(indexOf(output, GPS_LONGITUDE), 'GPS longitude').to.equal(-1);
  expect(indexOf(output, 'x:xmpmeta'), 'XMP').to.equal(-1);
  expect(indexOf(output, 'GPSLatitude'), 'XMP GPS').to.equal(-1);
  expect(indexOf(output, 'Taken at home'), 'comment').to.equal(-1);
}

async function canvasJpeg(width: number, height: number): Promise<Bytes> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c33';
  context.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

async function decodes(content: Uint8Array, type: string): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([content as Uint8Array<ArrayBuffer>], { type }));
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

describe('stripMetadata', () => {
  describe('JPEG', () => {
    it('drops EXIF with GPS, XMP, comments and trailing data, keeps the orientation as a one-tag EXIF block, and still decodes', async () => {
      const withEverything = bytes(
        spliceAfterStartOfImage(
          await canvasJpeg(40, 20),
          bytes(exifWithGps(6), xmpSegment(), jpegSegment(0xfe, 'Taken at home'), jpegSegment(0xed, 'Photoshop IRB')),
        ),
        exifWithGps(), // a maker's block after the end of the image
      );
      const output = stripMetadata(withEverything, 'jpeg');
      expectNoMetadata(output);
      expect(indexOf(output, 'Photoshop')).to.equal(-1);
      expect(jpegMarkers(output).filter((marker) => marker === 0xe1)).to.have.length(1);
      expect(indexOf(output, 'Exif\0\0')).to.equal(6);
      expect(output.subarray(-2)).to.deep.equal(Uint8Array.of(0xff, 0xd9));
      // The orientation (6: turn clockwise) still applies: 40×20 stored, 20×40 shown.
      const bitmap = await createImageBitmap(new Blob([output]), { imageOrientation: 'from-image' });
      expect([bitmap.width, bitmap.height]).to.deep.equal([20, 40]);
    });

    it('keeps JFIF, ICC colour and Adobe segments and the image data byte for byte', async () => {
      const icc = jpegSegment(0xe2, bytes('ICC_PROFILE\0', [1, 1], new Uint8Array(40)));
      const adobe = jpegSegment(0xee, bytes('Adobe', [0, 100, 0, 0, 0, 0, 1]));
      const original = jpegHeader(16, 16, bytes(icc, adobe, exifWithGps()));
      const output = stripMetadata(original, 'jpeg');
      expect(jpegMarkers(output)).to.deep.equal([0xe0, 0xe2, 0xee, 0xdb, 0xc0, 0xda]);
      expect(output.length).to.equal(original.length - exifWithGps().length);
      expectNoMetadata(output);
    });

    it('strips JPEGs Chromium cannot decode: cut off, 12-bit, lossless (SOF3)', async () => {
      const photo = spliceAfterStartOfImage(
        await canvasJpeg(32, 32),
        bytes(exifWithGps(), xmpSegment(), jpegSegment(0xfe, 'Taken at home')),
      );
      const frame = indexOf(photo, [0xff, 0xc0]);
      const twelveBit = photo.slice();
      twelveBit[frame + 4] = 12;
      const lossless = photo.slice();
      lossless[frame + 1] = 0xc3;
      for (const [label, content] of [
        ['cut off', photo.subarray(0, -8)],
        ['12-bit', twelveBit],
        ['SOF3', lossless],
      ] as const) {
        const output = stripMetadata(content, 'jpeg');
        expectNoMetadata(output);
        expect(indexOf(output, 'Exif'), label).to.equal(-1);
        expect(await identifyImage(new Blob([output])), label).to.deep.equal({ type: 'jpeg', width: 32, height: 32 });
      }
    });

    it('drops APPn and comment segments between the scans of a progressive JPEG', () => {
      const scan = (data: number[]) => bytes([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00], data);
      const base = jpegHeader(8, 8).subarray(0, -2 - 32 - 10);
      const content = bytes(
        base,
        scan([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
        jpegSegment(0xfe, 'Taken at home'),
        exifWithGps(),
        scan([0x78]),
        [0xff, 0xd9],
      );
      const output = stripMetadata(content, 'jpeg');
      expectNoMetadata(output);
      expect(indexOf(output, [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56])).to.be.above(0);
      expect(indexOf(output, [0x78, 0xff, 0xd9])).to.equal(output.length - 3);
    });

    it('refuses a JPEG whose header is cut off, instead of passing it through', () => {
      expect(() => stripMetadata(bytes([0xff, 0xd8], exifWithGps()).subarray(0, 30), 'jpeg')).to.throw(
        MetadataNotRemovable,
        /cut off/,
      );
    });
  });

  it('PNG: drops text, EXIF, time and private chunks and what follows IEND; the picture decodes the same', async () => {
    const original = png(6, 4, [
      pngChunk('tEXt', 'Comment\0Taken at home'),
      pngChunk('iTXt', bytes('XML:com.adobe.xmp\0\0\0\0\0', XMP)),
      pngChunk('eXIf', exifWithGps().subarray(10)),
      pngChunk('tIME', [7, 234, 12, 3, 13, 0, 0]),
      pngChunk('pHYs', [0, 0, 11, 19, 0, 0, 11, 19, 1]),
      pngChunk('prVt', 'Taken at home'),
    ]);
    const output = stripMetadata(bytes(original, 'Taken at home'), 'png');
    expectNoMetadata(output);
    for (const chunk of ['tEXt', 'iTXt', 'eXIf', 'tIME', 'prVt']) expect(indexOf(output, chunk), chunk).to.equal(-1);
    expect(indexOf(output, 'pHYs')).to.be.above(0);
    expect(await decodes(output, 'image/png')).to.deep.equal({ width: 6, height: 4 });
  });

  it('GIF: drops comments and XMP, keeps looping, and still decodes', async () => {
    const comment = bytes([0x21, 0xfe, 13], 'Taken at home', [0]);
    const xmp = bytes([0x21, 0xff, 11], 'XMP DataXMP', [XMP.length], XMP, [0]);
    const loop = bytes([0x21, 0xff, 11], 'NETSCAPE2.0', [3, 1, 0, 0, 0]);
    const output = stripMetadata(bytes(gif('89a', 1, 1, bytes(loop, comment, xmp)), 'trailing'), 'gif');
    expectNoMetadata(output);
    expect(indexOf(output, 'NETSCAPE2.0')).to.be.above(0);
    expect(output.at(-1)).to.equal(0x3b);
    expect(indexOf(output, 'trailing')).to.equal(-1);
    expect(await decodes(output, 'image/gif')).to.deep.equal({ width: 1, height: 1 });
  });

  it('WebP: drops EXIF and XMP chunks, clears their flags, fixes the RIFF size, and still decodes', async () => {
    const canvas = new OffscreenCanvas(12, 10);
    canvas.getContext('2d')!.fillRect(0, 0, 12, 10);
    const simple = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp' })).arrayBuffer());
    const le32 = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];
    const chunk = (type: string, data: Uint8Array) => bytes(type, le32(data.length), data, data.length % 2 ? [0] : []);
    const exif = chunk('EXIF', exifWithGps().subarray(10));
    const xmp = chunk('XMP ', bytes(XMP));
    // Chromium writes an extended WebP (VP8X first): announce EXIF and XMP there, as a camera app would.
    expect(String.fromCharCode(...simple.subarray(12, 16))).to.equal('VP8X');
    const body = bytes('WEBP', simple.subarray(12), exif, xmp);
    body[8 + 4] |= 0x0c;
    const extended = bytes('RIFF', le32(body.length), body);
    expect(await decodes(extended, 'image/webp')).to.deep.equal({ width: 12, height: 10 });

    const output = stripMetadata(extended, 'webp');
    expectNoMetadata(output);
    expect(indexOf(output, 'EXIF')).to.equal(-1);
    expect(output[20]! & 0x0c).to.equal(0);
    expect(new DataView(output.buffer).getUint32(4, true)).to.equal(output.length - 8);
    expect(await decodes(output, 'image/webp')).to.deep.equal({ width: 12, height: 10 });
  });

  describe('HEIC and AVIF', () => {
    for (const [label, make] of [
      ['HEIC', heic],
      ['AVIF', avif],
    ] as const) {
      it(`${label}: blanks the EXIF and XMP items in place, the rest byte for byte`, async () => {
        const original = make({ exif: exifWithGps().subarray(4), xmp: XMP });
        expect(indexOf(original, GPS_LATITUDE)).to.be.above(0);
        const output = stripMetadata(original, label === 'HEIC' ? 'heic' : 'avif');
        expectNoMetadata(output);
        expect(indexOf(output, 'Exif\0\0MM')).to.equal(-1);
        expect(output.length).to.equal(original.length);
        const changed = output.reduce((count, byte, index) => count + (byte !== original[index] ? 1 : 0), 0);
        expect(changed)
          .to.be.above(0)
          .and.below(exifWithGps().length + XMP.length);
        expect(await identifyImage(new Blob([output]))).to.deep.equal({
          type: label === 'HEIC' ? 'heic' : 'avif',
          width: 4032,
          height: 3024,
        });
      });
    }

    it('blanks metadata behind 200 KiB of image data too', () => {
      const original = heic({ exif: exifWithGps().subarray(4), metaAfter: 200 * 1024 });
      expectNoMetadata(stripMetadata(original, 'heic'));
    });

    it('refuses when the item locations point outside the file, or metadata sits outside any item', () => {
      const original = heic({ exif: exifWithGps().subarray(4) });
      const broken = original.slice();
      const iloc = indexOf(broken, 'iloc');
      // item 2's extent offset (second entry): far past the end
      broken.set([0x7f, 0, 0, 0], iloc + 4 + 4 + 2 + 2 + 14 + 6);
      expect(() => stripMetadata(broken, 'heic')).to.throw(MetadataNotRemovable, /outside the file/);
      const stray = bytes(heic(), exifWithGps());
      expect(() => stripMetadata(stray, 'heic')).to.throw(MetadataNotRemovable, /no metadata belongs/);
    });
  });
});
