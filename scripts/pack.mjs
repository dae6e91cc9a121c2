// The package exactly as `npm publish` would upload it: built into a folder of its own (never the repository's
// dist/, which a developer may be using), with the files package.json names, packed by `npm pack`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Builds and packs into `workDir`; returns npm's report of the tarball and its path. */
export function packPackage(workDir) {
  const packageRoot = join(workDir, 'package-root');
  rmSync(packageRoot, { recursive: true, force: true });
  mkdirSync(packageRoot, { recursive: true });
  execFileSync(process.execPath, ['scripts/build.mjs', packageRoot], { stdio: 'pipe' });
  const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
  // What `files` names beside dist/, and what npm always packs (package.json, README, LICENSE).
  for (const file of ['package.json', 'README.md', 'LICENSE', ...packageJson.files.filter((file) => file !== 'dist')])
    cpSync(file, join(packageRoot, file), { recursive: true });
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const report = JSON.parse(pack.stdout)[0];
  return { ...report, tarball: join(workDir, report.filename) };
}
