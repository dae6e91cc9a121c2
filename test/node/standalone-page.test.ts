/**
 * A plain HTML page that loads only the built single-file module, served under the strictest CSP an
 * integrator's CRM is likely to have, driven in headless Chromium: every seed action works and the
 * browser reports no policy violation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'esbuild';
import { buildStandalone } from '../../scripts/standalone.mjs';
import { chromiumArgs, ensureChromium } from '../../scripts/chromium.mjs';
import type { ConversationStore } from '../../src/core/store.js';
import type { MemoryBackend } from '../../src/adapters/memory.js';

/** What test/pages/standalone-page.js leaves on `window` for the test to look at. */
type PlainPage = Window & { conv: { store: ConversationStore; backend: MemoryBackend } };

const CSP = "default-src 'self'; require-trusted-types-for 'script'";
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

let server: Server;
let browser: Browser;
let page: Page;
let origin: string;
const violations: string[] = [];

before(async () => {
  const outDir = await buildStandalone(mkdtempSync(join(tmpdir(), 'conv-kit-standalone-')));
  // The page's customers: the demo's, which the library does not ship.
  await build({
    entryPoints: { 'demo-seed': 'demo/seed/world.ts' },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
  });
  const pageFiles: Record<string, string> = {
    '/': 'test/pages/standalone.html',
    '/standalone-page.js': 'test/pages/standalone-page.js',
  };
  server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/favicon.ico') return void response.writeHead(204, { 'content-security-policy': CSP }).end(); // the page has no icon; browsers ask anyway
    // The README's plain page exactly as printed there: its inline script is why it is served without the CSP.
    if (path === '/readme.html') return void response.writeHead(200, { 'content-type': 'text/html' }).end(readmePage());
    const file = pageFiles[path] ?? join(outDir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-security-policy': CSP }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: chromiumArgs,
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => violations.push(`page error: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  await page.goto(`${origin}/`, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The first HTML block of the README: what an integrator pastes. */
function readmePage(): string {
  const readme = readFileSync('README.md', 'utf8');
  return readme.slice(readme.indexOf('## A plain HTML page')).match(/```html\n([\s\S]*?)```/)![1]!;
}

const deepText = (selector: string) => page.$eval(selector, (node) => node.textContent?.trim() ?? '');

test('the page shows the conversation lists from the single module', async () => {
  await page.waitForSelector('conv-list >>> [part~="item"]');
  const tabs = await page.$$eval('conv-list >>> [role="tab"]', (nodes) =>
    nodes.map((n) => n.textContent?.replace(/\s+/g, ' ').trim()),
  );
  assert.ok(tabs.some((t) => t?.startsWith('Conversations')));
  assert.ok(tabs.some((t) => t?.startsWith('Picklist')));
  assert.ok(tabs.some((t) => t?.startsWith('History')));
});

test('an agent opens a chat, writes with an emoji and sends with Enter', async () => {
  const conversationId = await page.evaluate(
    () => (window as unknown as PlainPage).conv.store.list('conversations')[0].id as string,
  );
  await page.evaluate(
    (id) => document.dispatchEvent(new CustomEvent('conv-select', { detail: { conversationId: id } })),
    conversationId,
  );
  await page.waitForSelector('conv-chat >>> [part~="title"]');
  const input = await page.waitForSelector('conv-chat >>> conv-composer >>> textarea');
  await input!.click();
  await page.keyboard.type('Hello from a plain page ');
  await (await page.waitForSelector('conv-chat >>> conv-composer >>> [part~="emoji"]'))!.click();
  const emoji = await page.waitForSelector(
    'conv-chat >>> conv-composer >>> conv-emoji-picker >>> [role="gridcell"] button',
    { timeout: 15_000, visible: true },
  );
  await emoji!.click();
  await input!.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (id) =>
      (window as unknown as PlainPage).conv.backend
        .sentMessages()
        .some(
          (m: { conversationId: string; text: string }) =>
            m.conversationId === id &&
            m.text.startsWith('Hello from a plain page') &&
            /\p{Extended_Pictographic}/u.test(m.text),
        ),
    { timeout: 10_000 },
    conversationId,
  );
});

test('an agent saves an internal note and confirms ending the chat', async () => {
  const note = await page.waitForSelector('conv-notes >>> textarea');
  await note!.click();
  await page.keyboard.type('Prefers a call back');
  await (await page.$('conv-notes >>> [part~="save"]'))!.click();
  await page.waitForFunction(() =>
    [...document.querySelector('conv-notes')!.shadowRoot!.querySelectorAll('[part~="note"]')].some((n) =>
      n.textContent?.includes('Prefers a call back'),
    ),
  );
  await (await page.$('conv-chat >>> [part~="menu-button"]'))!.click();
  const endItem = await page.waitForSelector('conv-chat >>> [role="menuitem"]:last-child');
  await endItem!.click();
  const confirm = await page.waitForSelector('end-chat-dialog >>> [part~="confirm"]', { visible: true });
  await confirm!.click();
  await page.waitForFunction(() => {
    const { store } = (window as unknown as PlainPage).conv;
    const id = document.querySelector('conv-chat')!.conversationId;
    return !!id && store.conversation(id)?.status === 'ended';
  });
  assert.match(await deepText('conv-chat >>> [part~="title"]'), /\S/);
});

test("the README's plain page works as pasted: one workspace, a customer to pick, a chat to write in", async () => {
  const readme = await browser.newPage();
  try {
    await readme.setViewport({ width: 1280, height: 800 });
    const errors: string[] = [];
    readme.on('pageerror', (error) => errors.push((error as Error).message));
    await readme.goto(`${origin}/readme.html`, { waitUntil: 'load' });
    // The way an agent does it: the Picklist tab, then Pick on the customer waiting there.
    const inList = (selector: string) =>
      readme.waitForFunction(
        (css) =>
          document
            .querySelector('conv-workspace')
            ?.shadowRoot?.querySelector('conv-list')
            ?.shadowRoot?.querySelector(css),
        { polling: 100, timeout: 15_000 },
        selector,
      );
    await ((await inList('[role="tab"]:nth-child(2)')) as unknown as { click(): Promise<void> }).click();
    await ((await inList('.item-action.primary')) as unknown as { click(): Promise<void> }).click();
    await ((await inList('[role="tab"]:nth-child(1)')) as unknown as { click(): Promise<void> }).click();
    await ((await inList('.item .select')) as unknown as { click(): Promise<void> }).click();
    const input = await readme.waitForSelector(
      'conv-workspace >>> conv-chat >>> conv-composer >>> textarea:not([disabled])',
    );
    await input!.type('Hello');
    await readme.keyboard.press('Enter');
    await readme.waitForFunction(
      () =>
        [
          ...document
            .querySelector('conv-workspace')!
            .shadowRoot!.querySelector('conv-chat')!
            .shadowRoot!.querySelector('conv-message-list')!
            .shadowRoot!.querySelectorAll('conv-message'),
        ].some((message) => message.shadowRoot?.textContent?.includes('Hello')),
      { polling: 100 },
    );
    const { height, viewport } = await readme.evaluate(() => ({
      height: document.querySelector('conv-workspace')!.getBoundingClientRect().height,
      viewport: innerHeight,
    }));
    assert.equal(height, viewport);
    assert.deepEqual(errors, []);
  } finally {
    await readme.close();
  }
});

test('the browser reports no Content-Security-Policy or Trusted Types violation', () => {
  assert.deepEqual(violations, []);
});
