// Published modules carry their styles without comments and indentation: the `css` templates of
// src/**/*.styles.ts are compacted as the build (and the size test, which measures what integrators
// ship) reads them. Readable in the source, small on the wire.
import { readFile } from 'node:fs/promises';

const STYLES_FILE = /\.styles\.ts$/;

/** Compacts the CSS inside each css`…` template of a module; `${…}` interpolations are left as written. */
export function compactStyles(source) {
  return source.replace(/css`([^`]*)`/g, (_, body) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    const compacted = parts.map((part, index) =>
      index % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            // After a colon only: a space before one can be a descendant combinator (`.a :is(.b)`).
            .replace(/:\s+/g, ':')
            .replace(/;\}/g, '}'),
    );
    return `css\`${compacted.join('').trim()}\``;
  });
}

/** For esbuild (the size test, the benchmark). */
export const compactStylesForEsbuild = {
  name: 'conv-kit-compact-styles',
  setup(build) {
    build.onLoad({ filter: STYLES_FILE }, async ({ path }) => ({
      contents: compactStyles(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
};

/** For Vite and Rollup (`npm run build`: dist/ and dist/standalone/). */
export const compactStylesForVite = () => ({
  name: 'conv-kit-compact-styles',
  enforce: 'pre',
  transform(code, id) {
    return STYLES_FILE.test(id) ? { code: compactStyles(code), map: null } : undefined;
  },
});
