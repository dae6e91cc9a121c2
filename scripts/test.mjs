// `npm test`: type-check, lint (ESLint and Prettier), manifest freshness, Node tests, then every browser test in headless Chromium.
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';

const run = (command, env = {}) => {
  const result = spawnSync(command, { stdio: 'inherit', shell: true, env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const started = Date.now();
const chromium = ensureChromium();

console.log('› type-check');
run('npx tsc --noEmit -p tsconfig.json');

console.log('› lint');
run('npm run -s lint');

console.log('› custom-elements.json is fresh');
const committed = readFileSync('custom-elements.json', 'utf8');
execSync('npm run -s analyze', { stdio: 'ignore' });
if (readFileSync('custom-elements.json', 'utf8') !== committed) {
  console.error('custom-elements.json was stale; `npm run analyze` regenerated it: commit the new file.');
  process.exit(1);
}

console.log('› Node tests');
run('node scripts/node-tests.mjs');

console.log('› browser tests (headless Chromium)');
run(`npx web-test-runner ${process.argv.slice(2).join(' ')}`, { CHROMIUM_PATH: chromium });

console.log(`npm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
