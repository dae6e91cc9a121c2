// What an integrator's bundler ships of conv-kit: one entry bundled with esbuild, minified, tree-shaken and
// split where the code imports lazily, then compressed with node:zlib. Shared by the size budget test
// (test/node/size.test.ts) and the benchmark (scripts/bench.mjs).
import { build } from 'esbuild';
import { emojiDataExternalForEsbuild } from './emoji-data.mjs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { compactStylesForEsbuild } from './compact-styles.mjs';

/** Bytes of `code` as it is, gzipped (level 9) and brotli-compressed (quality 11). */
export const compressed = (code) => ({
  raw: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const packageOf = (file) => file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
const sum = (items, key) => items.reduce((total, item) => total + item[key], 0);

/**
 * Minified ES modules of `entry` with their dependencies, nothing written to disk: what loads with the
 * page (the entry and the chunks it imports statically), what loads later (chunks only reached through
 * `import()`, such as the emoji picker), and what each source contributes in minified bytes.
 */
export async function bundled(entry, { root = process.cwd(), outdir = 'node_modules/.cache/conv-kit-bundle' } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    // The styles as the published modules carry them (scripts/compact-styles.mjs).
    // The emoji data modules load when the picker opens, and are no part of what this measures.
    plugins: [compactStylesForEsbuild, emojiDataExternalForEsbuild],
  });
  const { outputs } = result.metafile;
  const code = new Map(result.outputFiles.map((file) => [relative(root, file.path), file.contents]));
  const eager = new Set();
  const visit = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const { path, kind } of outputs[file].imports) if (kind === 'import-statement' && outputs[path]) visit(path);
  };
  // Every chunk reached by import() is an entry point too: start from the one the page imports.
  const page = Object.keys(outputs).find((file) => outputs[file].entryPoint === entry.replace(/^\.\//, ''));
  if (!page) throw new Error(`esbuild wrote no chunk for ${entry}`);
  visit(page);
  const made = (files) => {
    const parts = {};
    for (const file of files)
      for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) {
        const part =
          packageOf(input) ?? (input.endsWith('.styles.ts') ? 'styles (*.styles.ts)' : input.replace(/^src\//, ''));
        parts[part] = (parts[part] ?? 0) + bytesInOutput;
      }
    const sizes = files.map((file) => compressed(code.get(file)));
    return { files, raw: sum(sizes, 'raw'), gzip: sum(sizes, 'gzip'), brotli: sum(sizes, 'brotli'), parts };
  };
  const lazy = Object.keys(outputs).filter((file) => !eager.has(file));
  return { ...made([...eager]), lazy: made(lazy) };
}
