/**
 * The demo's dev server (`npm start`, vite.config.ts) as a neighbour on the network would try it: it
 * listens on this machine only unless asked, serves the demo, conv-kit's sources and the packages the
 * page loads, and nothing else of the project, never a database; and a phone reaching the reference
 * server through its proxy is not taken for this machine.
 * Each request is printed as a diagnostic line with its answer.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { defaultDatabaseFile, startReferenceServer, type ReferenceServer } from '../../demo/server/server.js';
import { networkAddress } from './reference-server-kit.js';

const root = resolve('.');
const probe = `probe-${process.pid}`;
/** A database-looking file in each place a database could sit; none may be served. */
const planted = {
  data: join(root, 'data', `${probe}.sqlite`),
  demo: join(root, 'demo', `${probe}.sqlite`),
  demoWal: join(root, 'demo', `${probe}.sqlite-wal`),
  packages: join(root, 'node_modules', '.cache', probe, 'conv-kit.sqlite'),
  outside: join(mkdtempSync(join(tmpdir(), 'conv-kit-dev-server-')), 'conv-kit.sqlite'),
};
const SECRET = 'SQLite format 3\0agents token_hash';

let reference: ReferenceServer;
const servers: ViteDevServer[] = [];

/** The demo's own configuration, with only what a test must change: a free port and its own cache. */
async function demoServer(server: InlineConfig['server'] = {}): Promise<ViteDevServer> {
  const vite = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    cacheDir: 'node_modules/.vite-dev-server-test',
    server: { port: 0, strictPort: false, hmr: false, watch: null, ...server },
  });
  servers.push(vite);
  await vite.listen();
  return vite;
}

before(async () => {
  for (const file of Object.values(planted)) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, SECRET);
  }
  // The demo's proxy finds this server on its port and starts none of its own.
  reference = await startReferenceServer({
    port: 0,
    databaseFile: join(planted.outside, '..', 'reference.sqlite'),
    customers: { replies: false, traffic: false },
    demoControls: true,
  });
  process.env.CONV_SERVER_PORT = String(reference.port);
});

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await reference?.close();
  for (const file of Object.values(planted)) rmSync(file, { force: true });
  rmSync(join(planted.packages, '..'), { recursive: true, force: true });
  rmSync(join(planted.outside, '..'), { recursive: true, force: true });
});

describe('the demo dev server', () => {
  let vite: ViteDevServer;
  let base = '';
  before(async () => {
    vite = await demoServer();
    base = vite.resolvedUrls!.local[0]!;
  });

  async function get(t: TestContext, path: string, init: RequestInit = {}) {
    const response = await fetch(new URL(path, base), init);
    const body = await response.text();
    const forwarded = new Headers(init.headers).get('X-Forwarded-For');
    t.diagnostic(
      `${init.method ?? 'GET'} ${path}${forwarded ? ` X-Forwarded-For: ${forwarded}` : ''} → ${response.status} ${body.replace(/\s+/g, ' ').trim().slice(0, 90)}`,
    );
    return { status: response.status, body };
  }

  it('listens on 127.0.0.1 by default, and on the network only when started with --host', async () => {
    const { address } = vite.httpServer!.address() as AddressInfo;
    assert.equal(address, '127.0.0.1');
    assert.deepEqual(vite.resolvedUrls!.network, []);
    // `npm start -- --host` is Vite's `--host`, which sets server.host to true: every interface.
    const exposed = await demoServer({ host: true });
    assert.ok(['0.0.0.0', '::'].includes((exposed.httpServer!.address() as AddressInfo).address));
  });

  it('never serves a database: GET /@fs/…/data/*.sqlite and every other way to it are 403', async (t) => {
    const paths = [
      `/@fs${root}/data/${probe}.sqlite`,
      `/@fs${root}/data/${probe}.sqlite?raw`,
      `/@fs${root}/data/${probe}.sqlite?import`,
      `/@fs${root}/data/${probe}.sqlite?url`,
      `/@fs${root}/demo/../data/${probe}.sqlite`,
      `/@fs${root}/demo/%2e%2e/data/${probe}.sqlite`,
      `/${probe}.sqlite`,
      `/${probe}.sqlite?raw`,
      `/${probe}.sqlite-wal`,
      `/@fs${planted.packages}`,
      `/@fs${planted.outside}`,
    ];
    for (const path of paths) {
      const { status, body } = await get(t, path);
      assert.equal(status, 403, path);
      assert.ok(!body.includes('SQLite format'), `${path} showed the file`);
    }
  });

  it('the demo database the issue found (data/conv-kit.sqlite) is not served, whether it exists or not', async (t) => {
    const { status, body } = await get(t, `/@fs${root}/data/conv-kit.sqlite`);
    // Where no such file exists (a fresh clone), Vite answers an unknown address with the demo page itself.
    const demoPage = status === 200 && body.trimStart().toLowerCase().startsWith('<!doctype html>');
    assert.ok(status === 403 || status === 404 || demoPage, `answered ${status}`);
    assert.ok(!body.includes('SQLite format'));
  });

  it('serves nothing of the project beyond demo/, src/ and node_modules/', async (t) => {
    for (const path of [
      `/@fs${root}/package.json`,
      `/@fs${root}/vite.config.ts`,
      `/@fs${root}/test/node/dev-server.test.ts`,
      `/@fs${root}/scripts/node-tests.mjs`,
      '/@fs/etc/passwd',
    ])
      assert.equal((await get(t, path)).status, 403, path);
  });

  it('serves what the demo loads: the page, its modules, conv-kit, the packages and the emoji data', async (t) => {
    for (const path of [
      '/',
      '/main.ts',
      '/@vite/client',
      `/@fs${root}/src/index.ts`,
      `/@fs${root}/node_modules/lit/index.js`,
      '/@id/__x00__conv-kit-emoji-data/en.js',
    ])
      assert.equal((await get(t, path)).status, 200, path);
  });

  it('passes the demo controls to the reference server for this machine, and a phone forwarded by the proxy gets 403', async (t) => {
    const headers = { Authorization: 'Bearer demo-token-agent-1', 'Content-Type': 'application/json' };
    const here = await get(t, '/conv-api/demo/conversations', { method: 'POST', headers, body: '{}' });
    assert.equal(here.status, 201);
    // What Vite's proxy sees from a phone is its address; it passes it on in X-Forwarded-For.
    const phone = await get(t, '/conv-api/demo/conversations', {
      method: 'POST',
      headers: { ...headers, 'X-Forwarded-For': '192.168.1.23' },
      body: '{}',
    });
    assert.equal(phone.status, 403);
  });

  it('with --host, a device on the network gets the demo but not the demo controls (403)', async (t) => {
    const address = networkAddress();
    if (!address) return t.skip('this machine has no network address besides loopback');
    const exposed = await demoServer({ host: true });
    const url = `http://${address}:${(exposed.httpServer!.address() as AddressInfo).port}`;
    const page = await fetch(`${url}/`);
    t.diagnostic(`GET ${url}/ → ${page.status}`);
    assert.equal(page.status, 200);
    const control = await fetch(`${url}/conv-api/demo/conversations`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-token-agent-1' },
      body: '{}',
    });
    t.diagnostic(`POST ${url}/conv-api/demo/conversations as agent-1 → ${control.status} ${await control.text()}`);
    assert.equal(control.status, 403);
  });
});

describe("the reference server's database", () => {
  it('lives outside the project by default, in the user cache folder, out of reach of the dev server', () => {
    const file = defaultDatabaseFile();
    assert.ok(relative(root, file).startsWith('..'), `${file} is outside ${root}`);
    assert.equal(
      defaultDatabaseFile({ XDG_CACHE_HOME: '/home/sam/.cache' }, 'linux'),
      '/home/sam/.cache/conv-kit/reference-server.sqlite',
    );
    assert.match(defaultDatabaseFile({}, 'darwin'), /Library\/Caches\/conv-kit\/reference-server\.sqlite$/);
  });
});
