/**
 * Sound and video outside the ISO base media family: WebM (EBML with the `webm` doctype), MP3 (an ID3
 * tag or an MPEG audio frame), Ogg (a first page carrying Vorbis, Opus, FLAC or Speex) and WAV (RIFF
 * `WAVE` with its `fmt ` chunk). Each declared length must fit the file, so a cut-off file is found. No DOM.
 */
import type { Content } from './content.js';
import { type ByteSource, latin1, startsWith, viewOf } from './bytes.js';

export function looksMedia(head: Uint8Array): boolean {
  return (
    startsWith(head, '\x1a\x45\xdf\xa3') ||
    startsWith(head, 'ID3') ||
    isMpegAudioFrame(head, 0) ||
    startsWith(head, 'OggS') ||
    (startsWith(head, 'RIFF') && startsWith(head, 'WAVE', 8))
  );
}

export function readMedia(source: ByteSource): Content {
  const { head } = source;
  if (startsWith(head, '\x1a\x45\xdf\xa3')) return readWebm(head);
  if (startsWith(head, 'ID3') || isMpegAudioFrame(head, 0)) return readMp3(head);
  if (startsWith(head, 'OggS')) return readOgg(head);
  return readWav(source);
}

/** EBML element IDs keep their length marker bits; sizes drop them. Returns [value, length] or undefined. */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): [number, number] | undefined {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx … 8 for 0b00000001
  if (at + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i]!;
  return [value, length];
}

/** The EBML header's DocType must be `webm` (Matroska proper is another format, which browsers do not all play). */
function readWebm(head: Uint8Array): Content {
  const size = vint(head, 4, false);
  if (!size) return { kind: 'damaged', type: 'webm' };
  const start = 4 + size[1];
  const end = start + size[0];
  if (end > head.length) return { kind: 'damaged', type: 'webm' };
  for (let at = start; at < end;) {
    const id = vint(head, at, true);
    const length = id && vint(head, at + id[1], false);
    if (!id || !length) break;
    const body = at + id[1] + length[1];
    if (id[0] === 0x4282) {
      const docType = latin1(head, body, length[0]).replace(/\0+$/, '');
      if (docType === 'webm')
        return end < head.length ? { kind: 'file', type: 'webm' } : { kind: 'damaged', type: 'webm' };
      return { kind: 'other', label: docType === 'matroska' ? 'a Matroska video' : 'a media file' };
    }
    at = body + length[0];
  }
  return { kind: 'damaged', type: 'webm' };
}

const MPEG_BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** An MPEG-1/2 audio frame header: 11 sync bits, a known version and layer, a real bitrate and sample rate. */
function isMpegAudioFrame(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1]! & 0xe0) !== 0xe0) return false;
  const version = (bytes[at + 1]! >> 3) & 3;
  const layer = (bytes[at + 1]! >> 1) & 3;
  const bitrate = bytes[at + 2]! >> 4;
  const sampleRate = (bytes[at + 2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** Layer III frame length, for checking that a second frame follows the first. */
function mp3FrameLength(bytes: Uint8Array, at: number): number {
  const mpeg1 = ((bytes[at + 1]! >> 3) & 3) === 3;
  const rates = mpeg1 ? [44100, 48000, 32000] : [22050, 24000, 16000];
  const sampleRate = rates[(bytes[at + 2]! >> 2) & 3]!;
  const bitrate = MPEG_BITRATES_KBPS[bytes[at + 2]! >> 4]! * (mpeg1 ? 1 : 0.5) * 1000;
  const padding = (bytes[at + 2]! >> 1) & 1;
  return Math.floor(((mpeg1 ? 144 : 72) * bitrate) / sampleRate) + padding;
}

/** After an ID3v2 tag (its size is "synchsafe": 7 bits a byte) comes the first frame, and the next frame follows it. */
function readMp3(head: Uint8Array): Content {
  let at = 0;
  if (startsWith(head, 'ID3')) {
    if (head.length < 10) return { kind: 'damaged', type: 'mp3' };
    const size = ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
    at = 10 + size + (head[5]! & 0x10 ? 10 : 0);
    while (at < head.length && head[at] === 0) at++; // padding after the tag
  }
  if (at + 4 > head.length) return { kind: 'damaged', type: 'mp3' };
  if (!isMpegAudioFrame(head, at)) return { kind: 'other', label: 'not an MP3 sound' };
  const next = at + mp3FrameLength(head, at);
  if (next + 4 <= head.length && !isMpegAudioFrame(head, next)) return { kind: 'other', label: 'not an MP3 sound' };
  if (next > head.length) return { kind: 'damaged', type: 'mp3' };
  return { kind: 'file', type: 'mp3' };
}

const OGG_AUDIO_CODECS = ['\x01vorbis', 'OpusHead', '\x7fFLAC', 'Speex   '];

/** The first Ogg page (version 0, beginning-of-stream flag) must start an audio codec's header packet. */
function readOgg(head: Uint8Array): Content {
  if (head.length < 27) return { kind: 'damaged', type: 'ogg' };
  if (head[4] !== 0 || (head[5]! & 0x02) === 0) return { kind: 'damaged', type: 'ogg' };
  const segments = head[26]!;
  const packet = 27 + segments;
  if (packet + 8 > head.length) return { kind: 'damaged', type: 'ogg' };
  if (OGG_AUDIO_CODECS.some((codec) => startsWith(head, codec, packet))) return { kind: 'file', type: 'ogg' };
  if (startsWith(head, '\x80theora', packet)) return { kind: 'other', label: 'an Ogg video' };
  return { kind: 'other', label: 'an Ogg file of unknown content' };
}

/** RIFF's size covers the whole file; `fmt ` must be there and say PCM or another real format. */
function readWav(source: ByteSource): Content {
  const { head } = source;
  if (head.length < 20) return { kind: 'damaged', type: 'wav' };
  const view = viewOf(head);
  if (view.getUint32(4, true) + 8 > source.size) return { kind: 'damaged', type: 'wav' };
  for (let at = 12; at + 8 <= head.length;) {
    const size = view.getUint32(at + 4, true);
    if (latin1(head, at, 4) === 'fmt ')
      return size >= 16 && at + 8 + size <= head.length && view.getUint16(at + 8, true) !== 0
        ? { kind: 'file', type: 'wav' }
        : { kind: 'damaged', type: 'wav' };
    at += 8 + size + (size & 1);
  }
  return { kind: 'damaged', type: 'wav' };
}
