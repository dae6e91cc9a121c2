// Bundles the reference server for Node: one ES module in node_modules/.cache, rebuilt on every start (it takes a moment).
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outfile = `${root}node_modules/.cache/conv-kit-server/main.mjs`;

/** Returns the bundle's file URL, ready for `import()` or `node`. */
export async function buildServer() {
  await build({
    entryPoints: [`${root}demo/server/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return pathToFileURL(outfile).href;
}
