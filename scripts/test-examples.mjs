// `npm run test:examples [name…]`: builds and packs conv-kit once, then runs every example of examples/ (or the
// named ones) on the tarball: install, type-check, build, drive in Chromium (scripts/examples.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exampleNames, launchBrowser, runExample, seconds } from './examples.mjs';
import { packPackage } from './pack.mjs';

const only = process.argv.slice(2);
const examples = exampleNames().filter((name) => only.length === 0 || only.includes(name));
const work = mkdtempSync(join(tmpdir(), 'conv-kit-examples-'));
const started = Date.now();
console.log(`› packing conv-kit into ${work}`);
const { tarball, size } = packPackage(resolve(work));
console.log(`  ${tarball} (${(size / 1000).toFixed(0)} kB) in ${seconds(started)}`);
const browser = await launchBrowser();
let failed = false;
for (const name of examples) {
  try {
    console.log(`› ${name}: ${JSON.stringify(await runExample(name, { tarball, work, browser }), null, 2)}`);
  } catch (error) {
    failed = true;
    console.log(`› ${name} failed: ${error.message}`);
  }
}
await browser.close();
if (!failed) rmSync(work, { recursive: true, force: true });
console.log(`npm run test:examples finished in ${seconds(started)}${failed ? ' with failures' : ''}`);
process.exit(failed ? 1 : 0);
