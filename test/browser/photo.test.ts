import { expect } from '@open-wc/testing';
import { preparePhotoForUpload } from '../../src/browser/photo.js';
import { type ConvError, isConvError, toConvError } from '../../src/core/errors.js';
import { identifyImage } from '../../src/core/file-policy.js';
import {
  bytes,
  exifWithGps,
  fileOf,
  gif,
  GPS_LATITUDE,
  GPS_LONGITUDE,
  heic,
  indexOf,
  jpegMarkers,
  png,
  pngChunk,
  spliceAfterStartOfImage,
  type Bytes,
} from '../fixtures/files.js';
import { heicFixture, loadLibheif } from '../fixtures/heic-decoder.js';

const APP1 = 0xe1;
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>59,19.7N</exif:GPSLatitude></x:xmpmeta>';
/** EXIF orientation 6: the camera was turned, the picture must be rotated 90° clockwise to stand upright. */
const ROTATE_CLOCKWISE = 6;

async function canvasImage(width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Bytes> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#2266aa';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#ffcc00';
  context.fillRect(0, 0, width / 2, height / 2);
  return new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.9 })).arrayBuffer());
}

async function contentOf(file: File): Promise<Bytes> {
  return new Uint8Array(await file.arrayBuffer());
}

describe('preparePhotoForUpload', () => {
  it('strips EXIF and GPS from a JPEG, applying its orientation first', async () => {
    const original = spliceAfterStartOfImage(await canvasImage(400, 200, 'image/jpeg'), exifWithGps(ROTATE_CLOCKWISE));
    expect(jpegMarkers(original)).to.include(APP1);
    expect(indexOf(original, 'Exif\0\0')).to.be.above(0);
    expect(indexOf(original, GPS_LATITUDE)).to.be.above(0);

    const prepared = await preparePhotoForUpload(fileOf(original, 'IMG_2041.jpg', 'image/jpeg'));

    const output = await contentOf(prepared.file);
    expect(prepared.reencoded).to.be.true;
    expect(prepared.file.name).to.equal('IMG_2041.jpg');
    expect(prepared.file.type).to.equal('image/jpeg');
    expect(jpegMarkers(output)).not.to.include(APP1);
    expect(indexOf(output, 'Exif')).to.equal(-1);
    expect(indexOf(output, GPS_LATITUDE)).to.equal(-1);
    expect(indexOf(output, GPS_LONGITUDE)).to.equal(-1);
    // Turned upright before the orientation tag was dropped: 400×200 stored, 200×400 shown.
    expect({ width: prepared.width, height: prepared.height }).to.deep.equal({ width: 200, height: 400 });
    expect(await identifyImage(prepared.file)).to.deep.equal({ type: 'jpeg', width: 200, height: 400 });
  });

  it('limits the longest side: 4000×1000 becomes 2048×512', async () => {
    const prepared = await preparePhotoForUpload(fileOf(await canvasImage(4000, 1000, 'image/jpeg'), 'panorama.jpeg'));
    expect(prepared).to.deep.include({ reencoded: true, width: 2048, height: 512 });
    expect(await identifyImage(prepared.file)).to.deep.equal({ type: 'jpeg', width: 2048, height: 512 });
  });

  it('takes another longest side when asked, and never enlarges', async () => {
    const smaller = await preparePhotoForUpload(fileOf(await canvasImage(1000, 4000, 'image/jpeg'), 'tall.jpg'), {
      maxLongSide: 1000,
      quality: 0.7,
    });
    expect(smaller).to.deep.include({ width: 250, height: 1000 });
    const small = await preparePhotoForUpload(fileOf(await canvasImage(300, 200, 'image/jpeg'), 'small.jpg'));
    expect(small).to.deep.include({ reencoded: true, width: 300, height: 200 });
  });

  it('keeps a PNG a PNG and drops its text metadata', async () => {
    const withLocation = png(64, 48, [
      pngChunk('tEXt', 'Location\0GPS 59.3284 18.0716'),
      pngChunk('eXIf', bytes('MM', [0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0])),
    ]);
    const prepared = await preparePhotoForUpload(fileOf(withLocation, 'screenshot.png', 'image/png'));
    const output = await contentOf(prepared.file);
    expect(prepared).to.deep.include({ reencoded: true, width: 64, height: 48 });
    expect(prepared.file.type).to.equal('image/png');
    expect(prepared.file.name).to.equal('screenshot.png');
    expect(await identifyImage(prepared.file)).to.deep.equal({ type: 'png', width: 64, height: 48 });
    expect(indexOf(output, 'GPS 59.3284')).to.equal(-1);
    expect(indexOf(output, 'eXIf')).to.equal(-1);
  });

  it('scales a large PNG too', async () => {
    const prepared = await preparePhotoForUpload(fileOf(await canvasImage(3000, 3000, 'image/png'), 'board.png'));
    expect(prepared).to.deep.include({ reencoded: true, width: 2048, height: 2048 });
  });

  it('removes EXIF and XMP from a HEIC in place: the browser cannot decode it, and the GPS position never leaves', async () => {
    const content = heic({ width: 4032, height: 3024, exif: exifWithGps(ROTATE_CLOCKWISE).subarray(4), xmp: XMP });
    const original = fileOf(content, 'IMG_0001.HEIC', 'image/heic');
    const prepared = await preparePhotoForUpload(original);
    expect(prepared).to.deep.include({ reencoded: false, stripped: true, width: 4032, height: 3024 });
    expect(prepared.file.name).to.equal('IMG_0001.HEIC');
    expect(prepared.file.type).to.equal('image/heic');
    const output = await contentOf(prepared.file);
    expect(output.length).to.equal(content.length);
    expect(indexOf(output, GPS_LATITUDE)).to.equal(-1);
    expect(indexOf(output, 'x:xmpmeta')).to.equal(-1);
  });

  it('removes a GIF’s comments without touching its frames: re-encoding would stop its animation', async () => {
    const comment = bytes([0x21, 0xfe, 22], 'GPS 59.3284, 18.0716 !', [0]);
    const plain = gif('89a', 1, 1);
    const prepared = await preparePhotoForUpload(fileOf(gif('89a', 1, 1, comment), 'dance.gif', 'image/gif'));
    expect(prepared).to.deep.include({ reencoded: false, stripped: true, width: 1, height: 1 });
    expect(await contentOf(prepared.file)).to.deep.equal(plain);
  });

  it('strips the GPS position from JPEGs Chromium cannot decode (cut off, 12-bit, SOF3) instead of sending the original', async () => {
    const photo = spliceAfterStartOfImage(await canvasImage(64, 48, 'image/jpeg'), exifWithGps(ROTATE_CLOCKWISE));
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
      const prepared = await preparePhotoForUpload(fileOf(bytes(content), `IMG_${label}.jpg`, 'image/jpeg'));
      const output = await contentOf(prepared.file);
      expect(prepared, label).to.deep.include({ reencoded: false, stripped: true, width: 48, height: 64 });
      expect(indexOf(output, GPS_LATITUDE), label).to.equal(-1);
      expect(indexOf(output, GPS_LONGITUDE), label).to.equal(-1);
    }
  });

  it('refuses to send a photo whose metadata cannot be removed, and says why', async () => {
    const content = heic({ exif: exifWithGps().subarray(4) });
    const iloc = indexOf(content, 'iloc');
    content.set([0x7f, 0, 0, 0], iloc + 32); // the EXIF item's location: far past the end of the file
    let failure: unknown;
    try {
      await preparePhotoForUpload(fileOf(content, 'IMG_0002.heic', 'image/heic'));
    } catch (error) {
      failure = error;
    }
    expect(failure).to.include({ name: 'ConvError', code: 'invalid' });
    expect(isConvError(failure)).to.be.true;
    expect(toConvError(failure)).to.include({ code: 'invalid', retryable: false });
    expect((failure as ConvError).details).to.deep.equal({
      reason: 'metadata-not-removable',
      fileName: 'IMG_0002.heic',
    });
    expect((failure as Error).message).to.equal(
      '“\u2068IMG_0002.heic\u2069” was not sent: its hidden details, such as where it was taken, could not be removed (the metadata’s location lies outside the file). Remove it, or send a screenshot of it instead.',
    );
  });

  it('sends a document as chosen: it is no photo', async () => {
    const document = fileOf(bytes('%PDF-1.7\n%%EOF\n'), 'terms.pdf', 'application/pdf');
    expect(await preparePhotoForUpload(document)).to.deep.equal({ file: document, reencoded: false });
  });

  it('goes by the bytes, not the name: a PNG named .jpg stays a PNG', async () => {
    const prepared = await preparePhotoForUpload(fileOf(png(4, 4), 'misnamed.jpg'));
    expect(prepared.reencoded).to.be.true;
    expect(prepared.file.type).to.equal('image/png');
  });

  it('strips a JPEG the browser cannot decode rather than failing or sending it as it was', async () => {
    const original = fileOf(
      bytes(
        [0xff, 0xd8],
        exifWithGps(),
        [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00],
        [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x00],
        [0xff, 0xd9],
      ),
      'broken.jpg',
    );
    const prepared = await preparePhotoForUpload(original);
    expect(prepared).to.deep.include({ reencoded: false, stripped: true, width: 16, height: 16 });
    expect(indexOf(await contentOf(prepared.file), GPS_LATITUDE)).to.equal(-1);
  });
});

describe('preparePhotoForUpload: HEIC converted to JPEG (convertHeic)', () => {
  it('sends a real HEIC as a JPEG of its size when the host asks: no Exif, no GPS, no XMP', async () => {
    const original = await heicFixture('gps-64x48.heic', 'IMG_0001.HEIC');
    const originalBytes = await contentOf(original);
    expect(indexOf(originalBytes, GPS_LATITUDE)).to.be.greaterThan(-1);
    const prepared = await preparePhotoForUpload(original, { convertHeic: loadLibheif });
    expect(prepared.reencoded).to.equal(true);
    expect(prepared.file.type).to.equal('image/jpeg');
    expect(prepared.file.name).to.equal('IMG_0001.jpg');
    expect([prepared.width, prepared.height]).to.deep.equal([64, 48]);
    const sent = await contentOf(prepared.file);
    expect((await identifyImage(prepared.file))?.type).to.equal('jpeg');
    expect(indexOf(sent, 'Exif')).to.equal(-1);
    expect(indexOf(sent, GPS_LATITUDE)).to.equal(-1);
    expect(indexOf(sent, GPS_LONGITUDE)).to.equal(-1);
    expect(indexOf(sent, 'http://ns.adobe.com/xap')).to.equal(-1);
    // The picture itself arrives: red on the left, blue on the right.
    const bitmap = await createImageBitmap(prepared.file);
    const canvas = new OffscreenCanvas(64, 48);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const [r1, , b1] = context.getImageData(8, 24, 1, 1).data;
    const [r2, , b2] = context.getImageData(56, 24, 1, 1).data;
    expect(r1).to.be.greaterThan(180);
    expect(b1).to.be.lessThan(80);
    expect(b2).to.be.greaterThan(180);
    expect(r2).to.be.lessThan(80);
  });

  it('scales a converted HEIC like any photo', async () => {
    const prepared = await preparePhotoForUpload(await heicFixture('photo-64x48.heic'), {
      convertHeic: loadLibheif,
      maxLongSide: 32,
    });
    expect([prepared.width, prepared.height]).to.deep.equal([32, 24]);
    const bitmap = await createImageBitmap(prepared.file);
    expect([bitmap.width, bitmap.height]).to.deep.equal([32, 24]);
  });

  it('is off by default: a HEIC goes as HEIC with its Exif blanked', async () => {
    const prepared = await preparePhotoForUpload(await heicFixture('gps-64x48.heic'));
    expect(prepared.reencoded).to.equal(false);
    expect(prepared.stripped).to.equal(true);
    expect(prepared.file.type).to.equal('image/heic');
    expect(indexOf(await contentOf(prepared.file), GPS_LATITUDE)).to.equal(-1);
  });

  it('strips instead when the decoder cannot load, or the photo has more pixels than allowed', async () => {
    const original = await heicFixture('gps-64x48.heic');
    for (const options of [
      { convertHeic: () => Promise.reject(new Error('offline')) },
      { convertHeic: loadLibheif, maxPixels: 64 * 48 - 1 },
    ]) {
      const prepared = await preparePhotoForUpload(original, options);
      expect(prepared.file.type).to.equal('image/heic');
      expect(prepared.stripped).to.equal(true);
      expect(indexOf(await contentOf(prepared.file), GPS_LATITUDE)).to.equal(-1);
    }
  });

  it('a HEIC with no coded image is stripped, not converted', async () => {
    const prepared = await preparePhotoForUpload(fileOf(heic({ width: 64, height: 48 }), 'x.heic'), {
      convertHeic: loadLibheif,
    });
    expect(prepared.file.type).to.equal('image/heic');
    expect(prepared.stripped).to.equal(true);
  });
});
