import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { emojiDataModules } from './scripts/emoji-data.mjs';

/** The demo runs under the policy a strict CRM would set, so anything conv-kit does that it forbids shows up at once. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; require-trusted-types-for 'script'";

/** Where the reference server listens; the page reaches it through Vite at /conv-api, so it stays same-origin for any device on the network. */
const REFERENCE_SERVER_PORT = Number(process.env.CONV_SERVER_PORT ?? 8787);

const inProject = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * What the demo page loads, and nothing else: the demo itself, conv-kit's sources, and the packages
 * (lit, idb-keyval, nanoevents, the emoji data, Vite's own client).
 * The rest of the project (the reference server's data, tests, scripts, configuration) is refused.
 */
export const SERVED_FOLDERS = [inProject('./demo'), inProject('./src'), inProject('./node_modules')];

/** Never served, even inside those folders: Vite's own list, plus databases and data folders. */
export const REFUSED_FILES = [
  '.env',
  '.env.*',
  '*.{crt,pem,key,p12,pfx,cer,der}',
  '.npmrc',
  '.yarnrc.yml',
  '**/.git/**',
  '*.{sqlite,sqlite3,db}',
  '*.{sqlite,sqlite3,db}-*',
  '**/data/**',
];

/** True when a reference server already answers on the port (another `npm start`, or one started by hand). */
async function referenceServerRuns(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${REFERENCE_SERVER_PORT}/`, { signal: AbortSignal.timeout(1000) });
    return ((await response.json()) as { name?: string }).name === 'conv-kit reference server';
  } catch {
    return false;
  }
}

/** `npm start` also runs the reference server (demo/server), unless one runs already, and stops it with Vite. */
function referenceServer(): Plugin {
  let child: ChildProcess | undefined;
  const stop = () => child?.kill('SIGTERM');
  return {
    name: 'conv-kit-reference-server',
    apply: 'serve',
    async configureServer(server) {
      if (await referenceServerRuns()) {
        server.config.logger.info(
          `Using the reference server already running on port ${REFERENCE_SERVER_PORT} (the demo's "A new customer writes" needs it started with --demo-controls).`,
        );
        return;
      }
      // The demo's "A new customer writes" button needs the demo controls; the server answers them only
      // for this machine and only in the signed-in agent's own conversations.
      child = spawn(
        process.execPath,
        ['demo/server/start.mjs', '--port', String(REFERENCE_SERVER_PORT), '--demo-controls'],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.on('exit', (code) => {
        if (code)
          server.config.logger.error(
            `The reference server stopped (exit code ${code}); the demo still runs with ?backend=memory.`,
          );
      });
      server.httpServer?.once('close', stop);
      process.once('exit', stop);
    },
  };
}

// `npm start`: the agent workspace demo (demo/index.html) with the reference server, on this machine
// only; `npm start -- --host` also listens on the network, for a phone (README.md).
export default defineConfig({
  root: 'demo',
  // The emoji picker's data modules, made from emoji-picker-element-data on request (scripts/emoji-data.mjs).
  plugins: [referenceServer(), emojiDataModules()],
  server: {
    port: 5173,
    host: '127.0.0.1',
    fs: { strict: true, allow: SERVED_FOLDERS, deny: REFUSED_FILES },
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    proxy: {
      '/conv-api': {
        target: `http://127.0.0.1:${REFERENCE_SERVER_PORT}`,
        ws: true,
        // The caller's address travels on (X-Forwarded-For), so the reference server tells a phone from this machine.
        xfwd: true,
        rewrite: (path) => path.replace(/^\/conv-api/, ''),
      },
    },
  },
  preview: { port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
});
