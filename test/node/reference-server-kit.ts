// What the reference server's Node tests share: a throwaway folder for their databases, a server with
// the simulated customers off, the demo tokens, and this machine's address on the network.
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer } from '../../demo/server/server.js';

const folder = mkdtempSync(join(tmpdir(), 'conv-kit-server-test-'));
after(() => rmSync(folder, { recursive: true, force: true }));

let counter = 0;
/** A new database file in the throwaway folder. */
export const databaseFile = () => join(folder, `test-${++counter}.sqlite`);

/** A customer arriving with a first message. */
export const walkIn = () => ({
  customer: { id: `cust-test-${++counter}`, name: 'Sam Lee' },
  language: 'en',
  channel: 'chat',
  text: 'Hello, where is my parcel?',
});

export const TOKENS = { 'agent-1': 'demo-token-agent-1', 'agent-2': 'demo-token-agent-2' } as const;

/** A reference server on a free port with a fresh database and no simulated customers. */
export const startServer = (options: Parameters<typeof startReferenceServer>[0] = {}) =>
  startReferenceServer({
    port: 0,
    databaseFile: databaseFile(),
    customers: { replies: false, traffic: false },
    ...options,
  });

/** An IPv4 address of this machine other than loopback, when it has one. */
export const networkAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
