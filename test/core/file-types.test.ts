import { expect } from '@open-wc/testing';
import {
  createFileTypePolicy,
  DEFAULT_FILE_TYPES,
  SUPPORTED_FILE_TYPES,
  type FileCheckResult,
  type FileRefusalReason,
} from '../../src/core/file-policy.js';
import {
  isoMovie,
  mp3,
  office,
  ogg,
  pdf,
  pdfWithObjectStream,
  wav,
  webm,
  webpHeader,
  zip,
} from '../fixtures/documents.js';
import { avif, bytes, type Bytes, fileOf, gif, isoBox, png, u32be } from '../fixtures/files.js';

const everything = createFileTypePolicy({ allowed: [...SUPPORTED_FILE_TYPES] });

function expectRefused(result: FileCheckResult, reason: FileRefusalReason): string {
  expect(result, JSON.stringify(result)).to.include({ ok: false, reason });
  return result.ok ? '' : result.message;
}

async function recordedWebm(): Promise<Bytes> {
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 24;
  const context = canvas.getContext('2d')!;
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const parts: Blob[] = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  for (let frame = 0; frame < 10; frame++) {
    context.fillStyle = `hsl(${frame * 36} 80% 50%)`;
    context.fillRect(0, 0, 32, 24);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  recorder.stop();
  await stopped;
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

describe('file-type policy: documents, video and sound an admin may allow', () => {
  it('allows only the seed’s photos unless the admin says more, and lists every type it can verify', () => {
    expect(createFileTypePolicy().allowed).to.deep.equal([...DEFAULT_FILE_TYPES]);
    expect(everything.allowed).to.have.length(21);
    expect(createFileTypePolicy({ allowed: ['pdf', 'docx', 'mp4'] }).accept).to.equal('.docx,.mp4,.pdf');
  });

  describe('accepts each type by its real bytes, served under its canonical type', () => {
    const cases: Array<[name: string, content: () => Bytes | Promise<Bytes>, mimeType: string]> = [
      ['terms.pdf', () => pdf(), 'application/pdf'],
      ['letter.docx', () => office('docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['figures.xlsx', () => office('xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['deck.pptx', () => office('pptx'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      [
        'notes.txt',
        () => new TextEncoder().encode('Order 1234: two parcels, one returned.\r\nThanks — Åsa ✓ 🙂\n'),
        'text/plain',
      ],
      ['orders.csv', () => bytes('\xef\xbb\xbfid,name,total\n1,"Smith, J",12.50\n'), 'text/csv'],
      ['clip.mp4', () => isoMovie('isom', ['isom', 'iso2', 'avc1', 'mp41']), 'video/mp4'],
      ['clip.m4v', () => isoMovie('M4V ', ['M4V ', 'M4A ', 'mp42', 'isom']), 'video/mp4'],
      ['IMG_0042.MOV', () => isoMovie('qt  ', ['qt  ']), 'video/quicktime'],
      ['voice.m4a', () => isoMovie('M4A ', ['M4A ', 'mp42', 'isom']), 'audio/mp4'],
      ['screen.webm', () => webm(), 'video/webm'],
      ['recorded.webm', recordedWebm, 'video/webm'],
      ['song.mp3', () => mp3({ id3: 'TIT2\0\0\0\x06\0\0\0Song' }), 'audio/mpeg'],
      ['bare.mp3', () => mp3(), 'audio/mpeg'],
      ['voice.ogg', () => ogg(), 'audio/ogg'],
      ['vorbis.ogg', () => ogg(bytes('\x01vorbis', new Uint8Array(22))), 'audio/ogg'],
      ['beep.wav', () => wav(), 'audio/wav'],
      ['sticker.webp', () => webpHeader(320, 200), 'image/webp'],
      ['made.avif', () => avif({ width: 1920, height: 1080 }), 'image/avif'],
    ];
    for (const [name, content, mimeType] of cases) {
      it(name, async () => {
        const result = await everything.check(fileOf(await content(), name));
        expect(result, JSON.stringify(result)).to.include({ ok: true, mimeType });
      });
    }

    it('a lossy and a lossless WebP made by Chromium, with their sizes', async () => {
      const canvas = new OffscreenCanvas(300, 120);
      canvas.getContext('2d')!.fillRect(0, 0, 300, 120);
      for (const quality of [0.8, 1]) {
        const webp = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp', quality })).arrayBuffer());
        expect(await everything.check(fileOf(webp, 'a.webp'))).to.include({ ok: true, width: 300, height: 120 });
      }
    });
  });

  describe('renamed files are named for what they are', () => {
    const renamed: Array<[name: string, content: () => Bytes | Promise<Bytes>, found: string]> = [
      ['invoice.pdf', () => png(2, 2), 'is not a PDF document: it is a PNG image'],
      ['report.docx', () => office('xlsx'), 'is not a Word document: it is an Excel workbook'],
      ['report.docx', () => zip([{ name: 'a.txt', data: 'hello' }]), 'is not a Word document: it is a ZIP archive'],
      ['film.mp4', () => isoMovie('qt  ', ['qt  ']), 'is not an MP4 video: it is a QuickTime video'],
      ['song.mp3', () => wav(), 'is not an MP3 sound: it is a WAV sound'],
      ['film.webm', () => webm('matroska'), 'is not a WebM video: it is a Matroska video'],
      ['notes.txt', () => pdf(), 'is not a text file: it is a PDF document'],
      ['sound.ogg', () => ogg(bytes('\x80theora', new Uint8Array(40))), 'is not an Ogg sound: it is an Ogg video'],
      ['list.csv', () => bytes('MZ', new Uint8Array(60)), 'is not a CSV file: it is a Windows program'],
      [
        'legacy.docx',
        () => bytes('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', new Uint8Array(504)),
        'it is an old-style Office file',
      ],
      ['photo.webp', () => gif('89a'), 'is not a WebP image: it is a GIF image'],
    ];
    for (const [name, content, found] of renamed) {
      it(`${name}: “${found}”`, async () => {
        expect(expectRefused(await everything.check(fileOf(await content(), name)), 'content-mismatch')).to.include(
          found,
        );
      });
    }
  });

  describe('truncated files are unreadable', () => {
    const cut = (content: Bytes, keep: number) => content.subarray(0, keep);
    const truncated: Array<[name: string, content: () => Bytes | Promise<Bytes>]> = [
      ['terms.pdf', () => cut(pdf(), 300)],
      ['letter.docx', async () => cut(await office('docx'), 200)],
      ['clip.mp4', () => cut(isoMovie('isom', ['isom']), 300)],
      ['clip.mp4', () => isoMovie('isom', ['isom'], { moov: false })],
      ['IMG.mov', () => cut(isoMovie('qt  ', ['qt  ']), 40)],
      ['voice.m4a', () => cut(isoMovie('M4A ', ['M4A ']), 100)],
      ['screen.webm', () => cut(webm(), 20)],
      ['song.mp3', () => cut(mp3(), 300)],
      ['voice.ogg', () => cut(ogg(), 30)],
      ['beep.wav', () => cut(wav(), 500)],
      ['sticker.webp', () => cut(webpHeader(32, 32), 28)],
    ];
    for (const [name, content] of truncated) {
      it(name, async () => {
        expectRefused(await everything.check(fileOf(await content(), name)), 'unreadable');
      });
    }
  });

  describe('polyglots and hidden payloads are refused', () => {
    it('text with markup, NUL bytes, or not in UTF-8', async () => {
      expect(
        expectRefused(
          await everything.check(fileOf(bytes('Hello\n<script>alert(1)</script>'), 'a.txt')),
          'content-mismatch',
        ),
      ).to.include('it is a web page');
      const late = bytes('a,b\n'.repeat(300_000), '<iframe src=//evil.example>');
      expectRefused(await everything.check(fileOf(late, 'big.csv')), 'content-mismatch');
      expect(
        expectRefused(await everything.check(fileOf(bytes('a,b\n1,\0\n'), 'a.csv')), 'content-mismatch'),
      ).to.include('it holds binary data');
      expect(
        expectRefused(await everything.check(fileOf(bytes('caf\xe9\n'), 'latin1.txt')), 'content-mismatch'),
      ).to.include('it is not UTF-8 text');
    });

    it('video and sound with page markup inside', async () => {
      const mp4 = bytes(isoMovie('isom', ['isom']), isoBox('free', '<html><script>alert(1)</script>'));
      expectRefused(await everything.check(fileOf(mp4, 'clip.mp4')), 'content-mismatch');
      const wave = wav();
      wave.set(bytes('<svg onload=alert(1)>'), 100);
      expectRefused(await everything.check(fileOf(wave, 'beep.wav')), 'content-mismatch');
    });

    it('a ZIP with data before or after it (a GIF+ZIP or PDF+ZIP polyglot)', async () => {
      const docx = await office('docx');
      expect(
        expectRefused(await everything.check(fileOf(bytes(docx, pdf()), 'a.docx')), 'content-mismatch'),
      ).to.include('with other data after it');
      expectRefused(await everything.check(fileOf(bytes(gif('89a'), docx), 'a.docx')), 'content-mismatch');
      // A PDF with a ZIP after its end: %%EOF is no longer at the end.
      expectRefused(await everything.check(fileOf(bytes(pdf(), new Uint8Array(2000), docx), 'a.pdf')), 'unreadable');
    });

    it('a ZIP bomb: an entry that unpacks to more than 100 times its size', async () => {
      const bomb = await office('docx', [
        { name: 'word/media/zeros.bin', data: new Uint8Array(5_000_000), deflate: true },
      ]);
      expect(bomb.length).to.be.below(20_000);
      expect(expectRefused(await everything.check(fileOf(bomb, 'cv.docx')), 'unsafe-content')).to.equal(
        '“\u2068cv.docx\u2069” can’t be sent safely: it is a ZIP bomb, which unpacks to far more than its size.',
      );
      const lying = await office('xlsx', [{ name: 'xl/x.bin', data: 'x', claimedSize: 4_000_000_000 }]);
      expectRefused(await everything.check(fileOf(lying, 'a.xlsx')), 'unsafe-content');
    });

    it('macro-enabled Office files, however they are named', async () => {
      expect(
        expectRefused(await everything.check(fileOf(await office('docm'), 'letter.docx')), 'unsafe-content'),
      ).to.include('it is an Office file with macros');
      const vba = await office('xlsx', [{ name: 'xl/vbaProject.bin', data: new Uint8Array(64) }]);
      expectRefused(await everything.check(fileOf(vba, 'figures.xlsx')), 'unsafe-content');
      const encrypted = await zip([{ name: '[Content_Types].xml', data: 'x' }], { flags: 1 });
      expectRefused(await everything.check(fileOf(encrypted, 'secret.docx')), 'unsafe-content');
    });

    it('a PDF with JavaScript or a Launch action, also escaped or compressed in an object stream', async () => {
      const javascript = pdf({
        catalogExtra: '/OpenAction 5 0 R ',
        objects: ['<< /S /JavaScript /JS (app.alert(1)) >>'],
      });
      expect(expectRefused(await everything.check(fileOf(javascript, 'terms.pdf')), 'unsafe-content')).to.equal(
        '“\u2068terms.pdf\u2069” can’t be sent safely: it contains JavaScript.',
      );
      const launch = pdf({ objects: ['<< /S /Launch /F (cmd.exe) >>'] });
      expect(expectRefused(await everything.check(fileOf(launch, 'a.pdf')), 'unsafe-content')).to.include('Launch');
      const escaped = pdf({ objects: ['<< /S /J#61vaScr#69pt /J#53 (x) >>'] });
      expectRefused(await everything.check(fileOf(escaped, 'a.pdf')), 'unsafe-content');
      const hidden = await pdfWithObjectStream('<< /S /Launch /F (calc.exe) >>');
      expect(expectRefused(await everything.check(fileOf(hidden, 'a.pdf')), 'unsafe-content')).to.include('Launch');
      const harmless = await pdfWithObjectStream('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
      expect(await everything.check(fileOf(harmless, 'a.pdf'))).to.include({ ok: true });
      const embedded = pdf({ objects: ['<< /Type /EmbeddedFile /Length 3 >>\nstream\nMZ!\nendstream'] });
      expectRefused(await everything.check(fileOf(embedded, 'a.pdf')), 'unsafe-content');
    });

    it('an MP4 that lists an image brand but holds no image is a video, and a bare ftyp is nothing', async () => {
      const mixed = isoMovie('iso6', ['iso6', 'mif1']);
      expect(await everything.check(fileOf(mixed, 'a.mp4'))).to.include({ ok: true, type: 'mp4' });
      expectRefused(
        await everything.check(fileOf(bytes(isoBox('ftyp', 'abcd', u32be(0))), 'a.mp4')),
        'content-mismatch',
      );
    });
  });
});
