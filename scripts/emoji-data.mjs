// The emoji data ships once, as dist/assets/emoji-data.json (a name that stays the same between releases), and
// every build's code asks for it by a URL relative to its own module: `new URL('…', import.meta.url)`, which
// Vite, webpack and Parcel follow (they copy the file and rewrite the URL), and which a plain
// <script type="module">, a CDN or any static server resolves as written.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const emojiDataFile = 'assets/emoji-data.json';
const source = createRequire(import.meta.url).resolve('emoji-picker-element-data/en/emojibase/data.json');

/** Copies the data to `<dist>/assets/emoji-data.json`. */
export function copyEmojiData(distDir) {
  const target = join(distDir, emojiDataFile);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  return target;
}

/**
 * A Vite plugin: the source points at node_modules (for the dev server and the test runner); a build points at
 * `relativeUrl` instead, left for the integrator's bundler or the browser to resolve. `@vite-ignore` keeps this
 * build from inlining or hashing it, and comes out again, so the integrator's own Vite does follow the URL.
 */
export function emojiDataAt(relativeUrl) {
  return {
    name: 'conv-kit-emoji-data-url',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\?.*$/, '').endsWith('/bundled-emoji-data.ts')) return null;
      const pattern = /new URL\(\s*'[^']*emoji-picker-element-data\/[^']*'/;
      if (!pattern.test(code))
        throw new Error(`${id} no longer names the emoji data as new URL('…emoji-picker-element-data/…')`);
      return { code: code.replace(pattern, `new URL(/* @vite-ignore */ '${relativeUrl}'`), map: null };
    },
    renderChunk(code) {
      return code.includes('@vite-ignore') ? { code: code.replace(/\/\* @vite-ignore \*\/\s*/g, ''), map: null } : null;
    },
  };
}
