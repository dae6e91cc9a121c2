// Makes the real HEIC photos in test/fixtures/heic with Debian's libheif tools (x265 encoder):
//   apt-get install -y libheif-examples && node scripts/make-heic-fixtures.mjs
// photo-64x48.heic  64×48, left half red, right half blue, no metadata.
// gps-64x48.heic    the same picture with an Exif block holding a GPS position (N 59°19′42.42″, E 18°4′17.17″),
//                   which heif-enc copies from the JPEG it encodes: the bytes photo preparation must remove.
// photo-64x48.jpg   libheif's JPEG of photo-64x48.heic: a rendition as a backend serves it (thumbnailUrl).
// The outputs are committed; this script documents how they were made and makes them again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const out = 'test/fixtures/heic';
const work = mkdtempSync(join(tmpdir(), 'heic-fixtures-'));
const [width, height] = [64, 48];

/** A PNG of the two halves, made here so no image tool beyond libheif is needed. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(...(x < width / 2 ? [230, 20, 20] : [20, 40, 230]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The Exif APP1 segment of test/fixtures/files.ts exifWithGps(): big-endian TIFF, IFD0 → GPS IFD. */
function exifWithGps() {
  const u16 = (v) => [(v >> 8) & 0xff, v & 0xff];
  const u32 = (v) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
  const entry = (tag, type, count, value) => [...u16(tag), ...u16(type), ...u32(count), ...value];
  const gpsIfdOffset = 8 + 2 + 12 + 4;
  const gpsDataOffset = gpsIfdOffset + 2 + 12 * 4 + 4;
  const tiff = [
    ...Buffer.from('MM'),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...entry(0x8825, 4, 1, u32(gpsIfdOffset)),
    ...u32(0),
    ...u16(4),
    ...entry(0x0001, 2, 2, [0x4e, 0, 0, 0]),
    ...entry(0x0002, 5, 3, u32(gpsDataOffset)),
    ...entry(0x0003, 2, 2, [0x45, 0, 0, 0]),
    ...entry(0x0004, 5, 3, u32(gpsDataOffset + 24)),
    ...u32(0),
    ...[59, 1, 19, 1, 4242, 100, 18, 1, 4, 1, 1717, 100].flatMap(u32),
  ];
  const payload = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  return Buffer.from([0xff, 0xe1, ...u16(payload.length + 2), ...payload]);
}

const run = (command, ...args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });

writeFileSync(join(work, 'photo.png'), png());
run('heif-enc', '--quality', '60', '--no-alpha', join(work, 'photo.png'), '-o', join(out, 'photo-64x48.heic'));
// A JPEG of the same picture (libheif's own decoder and JPEG writer), the Exif block spliced in after SOI.
run('heif-convert', '-q', '90', join(out, 'photo-64x48.heic'), join(work, 'photo.jpg'));
const jpeg = readFileSync(join(work, 'photo.jpg'));
writeFileSync(join(out, 'photo-64x48.jpg'), jpeg);
writeFileSync(join(work, 'gps.jpg'), Buffer.concat([jpeg.subarray(0, 2), exifWithGps(), jpeg.subarray(2)]));
run('heif-enc', '--quality', '60', join(work, 'gps.jpg'), '-o', join(out, 'gps-64x48.heic'));
console.log(execFileSync('heif-info', [join(out, 'gps-64x48.heic')], { encoding: 'utf8' }));
