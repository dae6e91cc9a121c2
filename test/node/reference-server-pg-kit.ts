// What the reference server's PostgreSQL tests share: one throwaway PostgreSQL cluster per test file
// (scripts/throwaway-postgres.mjs, from the machine's own PostgreSQL), a fresh database per test,
// and server processes started from the real entry point (demo/server/main.ts) on that database.
//
// Without PostgreSQL installed the tests are skipped with a warning on a developer's machine, and
// fail under CI=true (.ci/run installs the package), so CI can never pass without having run them.
import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import pg from 'pg';
import { postgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../scripts/throwaway-postgres.mjs';

export { TOKENS, walkIn } from './reference-server-kit.js';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** `describe`'s skip option: a reason on a machine without PostgreSQL, unless under CI, where the tests then fail. */
export function skipWithoutPostgres(): string | false {
  if (postgresBinaries() || inCi) return false;
  const reason = 'PostgreSQL is not installed (Debian: apt-get install -y postgresql); under CI=true this fails';
  console.warn(`conv-kit: the reference server's PostgreSQL tests are SKIPPED: ${reason}`);
  return reason;
}

/** A throwaway cluster for the calling test file: started before its tests, removed after them. */
export function usePostgres() {
  let cluster: ThrowawayPostgres | undefined;
  let counter = 0;
  before(async () => {
    if (!postgresBinaries())
      throw new Error('PostgreSQL is not installed, and CI needs it: apt-get install -y postgresql (.ci/run does)');
    cluster = await startThrowawayPostgres();
  });
  after(() => cluster?.stop());
  return {
    /** A new, empty database in the cluster; resolves with its connection string. */
    async newDatabase(): Promise<string> {
      if (!cluster) throw new Error('The PostgreSQL cluster did not start');
      const name = `conv_test_${process.pid}_${++counter}`;
      const admin = new pg.Client(cluster.url);
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    get cluster() {
      return cluster;
    },
  };
}

let bundle: Promise<string> | undefined;
/** The server's entry point bundled once for these tests (Node 20 cannot run TypeScript). */
const serverBundle = () =>
  (bundle ??= build({
    entryPoints: ['demo/server/main.ts'],
    outfile: 'node_modules/.cache/conv-kit-pg-tests/main.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }).then(() => 'node_modules/.cache/conv-kit-pg-tests/main.mjs'));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** SIGKILL: a crash, not a shutdown. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A reference server process on `database` (a postgres:// URL or a SQLite file), with the demo controls on, customers off. */
export async function startServerProcess(
  database: string,
  { port = 0, args = [] as string[] }: { port?: number; args?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [await serverBundle(), '--port', String(port), '--db', database, '--customers', 'off', '--demo-controls', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening:\n${output}`));
    });
  });
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
  };
}
