import { spawn, type ChildProcess } from 'node:child_process';
import { defineConfig, type Plugin } from 'vite';

/** The demo runs under the policy a strict CRM would set, so anything conv-kit does that it forbids shows up at once. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; require-trusted-types-for 'script'";

/** Where the reference server listens; the page reaches it through Vite at /conv-api, so it stays same-origin for any device on the network. */
const REFERENCE_SERVER_PORT = Number(process.env.CONV_SERVER_PORT ?? 8787);

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
        server.config.logger.info(`Using the reference server already running on port ${REFERENCE_SERVER_PORT}.`);
        return;
      }
      child = spawn(process.execPath, ['demo/server/start.mjs', '--port', String(REFERENCE_SERVER_PORT)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
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

// `npm start`: the agent workspace demo (demo/index.html) with the reference server.
export default defineConfig({
  root: 'demo',
  plugins: [referenceServer()],
  server: {
    port: 5173,
    host: true,
    fs: { allow: ['..'] },
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    proxy: {
      '/conv-api': {
        target: `http://127.0.0.1:${REFERENCE_SERVER_PORT}`,
        ws: true,
        rewrite: (path) => path.replace(/^\/conv-api/, ''),
      },
    },
  },
  preview: { port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
});
