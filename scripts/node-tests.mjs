// Runs test/node/*.test.ts under Node: esbuild compiles them (Node 20 cannot strip types), node:test runs them.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// One folder per run: two runs on one machine (a developer's and CI's) never delete each other's tests.
const outdir = `node_modules/.cache/conv-kit-node-tests-${process.pid}`;
const only = process.argv[2];
const entryPoints = readdirSync('test/node')
  .filter((f) => f.endsWith('.test.ts') && (!only || f.includes(only)))
  .map((f) => `test/node/${f}`);
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const files = entryPoints.map((f) => `${outdir}/${f.split('/').pop().replace(/\.ts$/, '.mjs')}`);
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
rmSync(outdir, { recursive: true, force: true });
process.exit(result.status ?? 1);
