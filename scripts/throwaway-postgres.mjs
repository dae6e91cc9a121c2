// A throwaway PostgreSQL server for tests and trying the reference server on several processes:
// a fresh cluster in a temporary folder, on a free loopback port, gone when stopped. It uses the
// machine's own PostgreSQL binaries (Debian: `apt-get install -y postgresql`); nothing is downloaded.
//
//   import { startThrowawayPostgres } from './scripts/throwaway-postgres.mjs';
//   const postgres = await startThrowawayPostgres();   // { url: 'postgres://postgres@127.0.0.1:PORT/postgres', stop() }
//
//   node scripts/throwaway-postgres.mjs                 prints the connection string, runs until Ctrl-C
//
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user the
// Debian package creates (or `nobody`), and its binaries run as that user.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding initdb and pg_ctl, newest version first; undefined when PostgreSQL is not installed. */
export function postgresBinaries() {
  const fromEnv = process.env.CONV_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((x, y) => Number(y) - Number(x));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    const bin = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (existsSync(join(bin, 'initdb'))) return bin;
  } catch {
    // no pg_config on PATH
  }
  return undefined;
}

/** As root: the uid and gid the cluster runs under (PostgreSQL will not run as root). */
function unprivilegedUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // no such user
    }
  }
  throw new Error('Running as root, but there is no postgres (or nobody) user to run PostgreSQL as');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

function run(bin, args, user) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${bin} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/**
 * A process of its own that outlives this one: once this process is gone (even killed with SIGKILL,
 * when no exit handler runs), it shuts the cluster down (SIGQUIT to the postmaster: immediate
 * shutdown) and removes the folder, so no test run leaves a server behind.
 */
function watchOver(folder, data) {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `pid=$(head -n 1 '${data}/postmaster.pid' 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null && sleep 1`,
    `rm -rf '${folder}'`,
  ].join('\n');
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Starts a new cluster; throws when PostgreSQL is not installed. `stop()` shuts it down at once
 * (immediate mode: the data is thrown away anyway) and removes the folder.
 */
export async function startThrowawayPostgres() {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql)');
  const user = unprivilegedUser();
  const folder = mkdtempSync(join(tmpdir(), 'conv-kit-postgres-'));
  if (user) chownSync(folder, user.uid, user.gid);
  const data = join(folder, 'data');
  const port = await freePort();
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], user);
    // Durability is pointless for data thrown away after the run; speed is not.
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${folder}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-l', join(folder, 'log'), '-o', settings, '-w', '-t', '30', 'start'],
      user,
    );
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  watchOver(folder, data);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    folder,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user).catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

// Run as a command only when it is the script itself (not when bundled into a test file, for instance).
if (process.argv[1]?.endsWith('throwaway-postgres.mjs') && fileURLToPath(import.meta.url) === process.argv[1]) {
  const postgres = await startThrowawayPostgres();
  console.log(postgres.url);
  // The cluster lives as long as this process (see watchOver): keep it running until told to stop.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const stop = () => {
    clearInterval(keepAlive);
    void postgres.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
