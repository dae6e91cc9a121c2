/** Which emoji this device can draw, so the picker never offers empty boxes. */

/**
 * One emoji per Unicode emoji version, newest first: the first one this device draws in colour tells
 * which emoji it can show, so nobody is offered empty boxes. (Same method as emoji-picker-element.)
 */
const VERSION_SAMPLES: readonly [string, number][] = [
  ['🫪', 17],
  ['🫩', 16],
  ['🫨', 15.1],
  ['🫠', 14],
  ['🥲', 13.1],
  ['🥻', 12.1],
  ['🥰', 11],
  ['🤩', 5],
  ['👱‍♀️', 4],
  ['🤣', 3],
  ['👁️‍🗨️', 2],
  ['😀', 1],
  ['😐️', 0.7],
  ['😃', 0.6],
];

let newestSupported: number | undefined;

export function newestSupportedEmojiVersion(): number {
  newestSupported ??= detectNewestSupportedVersion();
  return newestSupported;
}

function detectNewestSupportedVersion(): number {
  try {
    for (const [sample, version] of VERSION_SAMPLES) if (drawsInColour(sample)) return version;
  } catch {
    // a canvas blocked by an anti-fingerprinting extension
  }
  // Nothing measured: better an occasional empty box than no emoji at all.
  return VERSION_SAMPLES[0]![1];
}

/** A colour emoji ignores the fill colour: drawn in black and in white, its centre pixel is the same, and not black. */
function drawsInColour(text: string): boolean {
  const [black, white] = ['#000', '#fff'].map((colour) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.textBaseline = 'top';
    context.font = `100px 'Twemoji Mozilla', 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', 'Noto Color Emoji', 'EmojiOne Color', 'Android Emoji', sans-serif`;
    context.fillStyle = colour;
    context.scale(0.01, 0.01);
    context.fillText(text, 0, 0);
    return context.getImageData(0, 0, 1, 1).data.join(',');
  });
  return black === white && !black!.startsWith('0,0,0,');
}
