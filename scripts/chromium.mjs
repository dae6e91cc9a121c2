// Finds Debian's Chromium; when missing and running as root, installs it with apt-get.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * How every headless run here starts Chromium: as root without the sandbox, and without the background
 * traffic that a machine with a closed network refuses (and that would slow every start).
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  return candidates.find((path) => existsSync(path));
}

export function ensureChromium() {
  const found = process.env.CHROMIUM_PATH ?? findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is missing: run `sudo apt-get update && sudo apt-get install -y chromium`, then `npm test` again.',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium with apt-get (once)…');
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', { stdio: 'inherit' });
  const installed = findChromium();
  if (!installed) {
    console.error('apt-get finished but /usr/bin/chromium is still missing; install Debian `chromium` by hand.');
    process.exit(1);
  }
  return installed;
}
