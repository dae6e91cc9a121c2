import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { createServer } from 'node:net';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';
import { emojiDataForDevServer } from './scripts/emoji-data.mjs';
import { networkPlugin } from './test/network-plugin.mjs';
import { permissionsPlugin } from './test/permissions-plugin.mjs';
import { convServerPlugin } from './test/server-plugin.mjs';
import { touchPlugin } from './test/touch-plugin.mjs';

/** A free port, so several test runs on one machine never collide on 8000. */
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// Debian's Chromium, never a downloaded browser build.
const executablePath = process.env.CHROMIUM_PATH ?? findChromium();

export default {
  port: await freePort(),
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    emojiDataForDevServer(),
    convServerPlugin(),
    touchPlugin(),
    networkPlugin(),
    permissionsPlugin(),
  ],
  // One page at a time: focus, keyboard input and animation frames behave as for a real agent.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          ...chromiumArgs,
          // A test page must get frames and timers like a visible page, whatever else the browser runs.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
