// `npm test`: type-check, lint (ESLint and Prettier), manifest freshness, Node tests, then every browser test in headless Chromium.
import { execSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { postgresBinaries } from './throwaway-postgres.mjs';

const run = (command, env = {}) => {
  const result = spawnSync(command, { stdio: 'inherit', shell: true, env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const started = Date.now();
const chromium = ensureChromium();

// The reference server's PostgreSQL tests start a throwaway cluster from the machine's own PostgreSQL:
// installed here once, as Chromium is, where we may (as root); elsewhere those tests say how and skip.
if (!postgresBinaries() && process.getuid?.() === 0) {
  console.log('Installing Debian postgresql with apt-get (once)…');
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql', { stdio: 'inherit' });
}

console.log('› type-check');
run('npx tsc --noEmit -p tsconfig.json');

console.log('› lint');
run('npm run -s lint');

console.log('› custom-elements.json and the docs generated from it are fresh');
// `npm run analyze` writes the manifest and, from it, docs/elements/*.md and the tables of docs/guides/theming.md.
const generatedFiles = () => [
  'custom-elements.json',
  'docs/guides/theming.md',
  ...readdirSync('docs/elements').map((file) => `docs/elements/${file}`),
];
const readAll = () => new Map(generatedFiles().map((file) => [file, readFileSync(file, 'utf8')]));
const committed = readAll();
execSync('npm run -s analyze', { stdio: 'ignore' });
const regenerated = readAll();
const stale = [...new Set([...committed.keys(), ...regenerated.keys()])].filter(
  (file) => committed.get(file) !== regenerated.get(file),
);
if (stale.length > 0) {
  console.error(
    `${stale.join(', ')} ${stale.length === 1 ? 'was' : 'were'} stale; \`npm run analyze\` regenerated them: commit the new files.`,
  );
  process.exit(1);
}

console.log('› Node tests');
run('node scripts/node-tests.mjs');

console.log('› browser tests (headless Chromium)');
run(`npx web-test-runner ${process.argv.slice(2).join(' ')}`, { CHROMIUM_PATH: chromium });

console.log(`npm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
