// Published modules carry their styles without comments and indentation, and their html`` templates
// without indentation: compacted as the build (and the size test, which measures what integrators ship)
// reads them. Readable in the source, small on the wire.
import { readFile } from 'node:fs/promises';

const STYLES_FILE = /\.styles\.ts$/;
const ELEMENT_FILE = /src\/(elements|controllers)\/.*\.ts$/;

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

/**
 * Drops the indentation after each line break inside html`` and svg`` templates. A line break stays,
 * so text and inline elements keep the one space between them the browser would have shown.
 */
export function compactTemplates(source) {
  return source.replace(/\b(html|svg)`([^`]*)`/g, (_, tag, body) => `${tag}\`${body.replace(/\n[ \t]+/g, '\n')}\``);
}

const compact = (path, source) => (STYLES_FILE.test(path) ? compactStyles(source) : compactTemplates(source));

/** For esbuild (the size test, the benchmark). */
export const compactStylesForEsbuild = {
  name: 'conv-kit-compact-styles',
  setup(build) {
    build.onLoad({ filter: ELEMENT_FILE }, async ({ path }) => ({
      contents: compact(path, await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
};

/** For Vite and Rollup (`npm run build`: dist/ and dist/standalone/). */
export const compactStylesForVite = () => ({
  name: 'conv-kit-compact-styles',
  enforce: 'pre',
  transform(code, id) {
    return ELEMENT_FILE.test(id) ? { code: compact(id, code), map: null } : undefined;
  },
});
