/**
 * Real page reloads against the demo and the reference server, as an agent lives them: a reload
 * right after Enter never brings sent text back into the composer (and never sends it twice), and a
 * page opened while the server is down shows what waits, reconnects by itself and sends it once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumArgs, ensureChromium } from '../../scripts/chromium.mjs';

const folder = mkdtempSync(join(tmpdir(), 'conv-kit-reload-'));
const databaseFile = join(folder, 'reload.sqlite');
let port = 0;
let referenceServer: ChildProcess | undefined;
let vite: ViteDevServer;
let browser: Browser;
let page: Page;
let pageUrl = '';
let conversationId = '';
const problems: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });

/** Starts the reference server as its own process, as `npm start` does, on the same database each time. */
async function startReferenceServer(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['demo/server/start.mjs', '--port', String(port), '--db', databaseFile, '--customers', 'off'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  referenceServer = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the reference server stopped (exit code ${code})`)));
  });
}

/** Kills the server as a crash would: no goodbye to the connections. */
async function killReferenceServer(): Promise<void> {
  const child = referenceServer;
  referenceServer = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** How many times the server stored a message with this text. */
function storedCount(text: string): number {
  const database = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = database.prepare('SELECT data FROM messages WHERE conversation_id = ?').all(conversationId) as Array<{
      data: string;
    }>;
    return rows.filter((row) => (JSON.parse(row.data) as { text?: string }).text === text).length;
  } finally {
    database.close();
  }
}

const desktop = (selector: string) => `.desktop conv-workspace >>> ${selector}`;

/** The desktop list's item for a conversation (any, when no id is given), once it shows. */
async function listItem(id?: string) {
  const handle = await page.waitForFunction(
    (wanted) => {
      const items =
        document
          .querySelector('.desktop conv-workspace')
          ?.shadowRoot?.querySelector('conv-list')
          ?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="item"][data-id]') ?? [];
      return (
        [...items].find((item) => (wanted ? item.dataset.id === wanted : !item.classList.contains('offered'))) ?? false
      );
    },
    { timeout: 30_000 },
    id,
  );
  return handle.asElement() as import('puppeteer-core').ElementHandle<HTMLElement>;
}
const composer = () => page.waitForSelector(desktop('conv-chat >>> textarea'), { timeout: 20_000 });

/** Opens the conversation on the desktop, as the agent does: a click on its item. */
async function openConversation(): Promise<void> {
  const item = await listItem(conversationId);
  await (await item.$('button.select'))!.click();
  await page.waitForFunction(
    (id) =>
      (
        document.querySelector('.desktop conv-workspace')!.shadowRoot!.querySelector('conv-chat') as HTMLElement & {
          conversationId?: string;
        }
      )?.conversationId === id,
    {},
    conversationId,
  );
  await composer();
}

/** What the composer holds, once a restored draft has had time to arrive. */
async function composerText(): Promise<string> {
  await sleep(600);
  return (await composer())!.evaluate((input) => (input as HTMLTextAreaElement).value);
}

/** The delivery state a message with this text shows in the desktop chat, or undefined when it is not shown. */
const shownStatus = (text: string) =>
  page.evaluate((wanted) => {
    const visit = (root: Document | ShadowRoot): string | undefined => {
      for (const node of root.querySelectorAll('*')) {
        if (node.localName === 'conv-message' && node.shadowRoot?.textContent?.includes(wanted)) {
          return node.shadowRoot.querySelector('.delivery')?.getAttribute('data-status') ?? 'shown';
        }
        const found = node.shadowRoot && visit(node.shadowRoot);
        if (found) return found;
      }
      return undefined;
    };
    const desktopRoot = document.querySelector('.desktop');
    return desktopRoot ? visit(desktopRoot as unknown as Document) : undefined;
  }, text);

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

before(async () => {
  port = await freePort();
  await startReferenceServer();
  // The demo's Vite proxy reaches the reference server on this port (and does not start one of its own).
  process.env.CONV_SERVER_PORT = String(port);
  // No file watching: an edited file must not reload the page behind the test's back.
  vite = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    // Its own dependency cache: the demo test's Vite, running at the same time, must not see it re-optimise and reload.
    cacheDir: 'node_modules/.vite-reload-test',
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
  });
  await vite.listen();
  pageUrl = vite.resolvedUrls!.local[0]!;
  browser = await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
  page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 1000 });
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  if (process.env.DEBUG_RELOAD) page.on('console', (message) => console.log('page:', message.text()));
  await page.goto(pageUrl, { waitUntil: 'load' });
  // One of the agent's own active conversations (not one offered to them).
  conversationId = (await (await listItem()).evaluate((item) => item.dataset.id))!;
});

after(async () => {
  await browser?.close();
  await vite?.close();
  await killReferenceServer();
  rmSync(folder, { recursive: true, force: true });
});

const outcomes: string[] = [];
let counter = 0;

for (const pauseMs of [0, 500]) {
  for (const reloadAfterMs of [0, 100, 300, 1000]) {
    test(`a reload ${reloadAfterMs} ms after Enter (${pauseMs ? `a ${pauseMs} ms pause` : 'no pause'} before it) never brings sent text back`, async () => {
      await openConversation();
      const text = `Reload check ${++counter}: ${pauseMs} ms pause, reload ${reloadAfterMs} ms after Enter`;
      await (await composer())!.click();
      await page.keyboard.type(text);
      await sleep(pauseMs);
      await page.keyboard.press('Enter');
      await sleep(reloadAfterMs);
      await page.reload({ waitUntil: 'load' });
      await openConversation();
      const restored = await composerText();
      if (restored.includes(text)) {
        // The reload came before the message was saved: the text is the agent's draft, and was not sent.
        assert.equal(await shownStatus(text), undefined, 'text back in the composer is also a message');
        await sleep(3000);
        assert.equal(storedCount(text), 0, 'text back in the composer was also sent');
        outcomes.push(`${pauseMs} ms pause, reload after ${reloadAfterMs} ms: not sent, kept as the draft`);
        return;
      }
      assert.equal(restored, '', 'the composer holds text of an earlier message');
      await waitUntil(() => storedCount(text) > 0, 20_000, 'the message reaches the server');
      await sleep(500);
      assert.equal(storedCount(text), 1, 'stored once');
      outcomes.push(`${pauseMs} ms pause, reload after ${reloadAfterMs} ms: sent once, composer empty`);
    });
  }
}

test('a page opened while the server is down shows what waits, reconnects by itself and sends it once', async () => {
  await openConversation();
  await killReferenceServer();
  const text = `Written while the server was down ${Date.now()}`;
  await (await composer())!.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await shownStatus(text)) !== undefined, 5000, 'the message shows');

  await page.reload({ waitUntil: 'load' });
  // From the cache: the lists, the conversation, and the message marked as waiting.
  await openConversation();
  // A reload reads the lists and the outbox back from IndexedDB: on a busy CI machine that can take seconds.
  await waitUntil(
    async () => (await shownStatus(text)) === 'pending',
    15000,
    'the waiting message shows after the reload',
  );
  const notice = await page.$eval(desktop('conv-list >>> [part~="notice"]'), (node) => node.textContent?.trim());
  assert.equal(notice, 'Reconnecting…');
  await sleep(4000); // several failed attempts

  await startReferenceServer();
  const serverBackAt = Date.now();
  await waitUntil(() => storedCount(text) === 1, 30_000, 'the waiting message reaches the server');
  const recoveredMs = Date.now() - serverBackAt;
  await waitUntil(async () => (await shownStatus(text)) !== 'pending', 10_000, 'the message shows as sent');
  await sleep(1000);
  assert.equal(storedCount(text), 1, 'stored once');
  outcomes.push(`opened while the server was down: sent ${recoveredMs} ms after the server was back`);
  assert.deepEqual(
    problems.filter((problem) => problem.includes('ConvError')),
    [],
    'no uncaught error',
  );
});

test('what each reload did', () => {
  console.log(outcomes.map((outcome) => `  ${outcome}`).join('\n'));
  assert.ok(outcomes.length >= 9);
});
