/**
 * The demo as a visitor uses it (`npm start`), under the demo's strict CSP: the desktop and the phone
 * are two devices of one agent, so a pick on one shows on the other, and nothing is blocked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumArgs, ensureChromium } from '../../scripts/chromium.mjs';

let server: ViteDevServer;
let browser: Browser;
let page: Page;
let url: string;
const problems: string[] = [];

before(async () => {
  server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
  browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: chromiumArgs,
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 1000 });
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  await page.goto(`${url}?backend=memory`, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `selector` inside the given workspace (desktop or phone). */
const inDevice = (device: 'desktop' | 'phone', selector: string) => `.${device} conv-workspace >>> ${selector}`;

test('both devices show the agent’s lists', async () => {
  // Polled, not observed: items appear inside the list's shadow root, where no light-DOM mutation announces them.
  for (const device of ['desktop', 'phone']) {
    await page.waitForFunction(
      (selector) =>
        !!document
          .querySelector(selector)
          ?.shadowRoot?.querySelector('conv-list')
          ?.shadowRoot?.querySelector('[part~="item"]'),
      { timeout: 30_000, polling: 100 },
      `.${device} conv-workspace`,
    );
  }
});

/** The number a device shows on its Conversations, Picklist or History tab. */
const tabCount = (device: 'desktop' | 'phone', list: string) =>
  page.$eval(inDevice(device, `conv-list >>> [role="tab"][data-list="${list}"] .tab-count`), (count) =>
    Number(count.textContent),
  );

test('a conversation picked on the desktop moves to Conversations on the phone too', async () => {
  const phoneBefore = await tabCount('phone', 'conversations');
  const picklistBefore = await tabCount('phone', 'picklist');
  await (await page.waitForSelector(inDevice('desktop', 'conv-list >>> [role="tab"][data-list="picklist"]')))!.click();
  await page.waitForSelector(
    inDevice('desktop', 'conv-list >>> [role="tab"][data-list="picklist"][aria-selected="true"]'),
  );
  const pick = await page.waitForSelector(inDevice('desktop', 'conv-list >>> [part~="item"] .item-action.primary'));
  assert.equal((await pick!.evaluate((button) => button.textContent))?.trim(), 'Pick');
  await pick!.click();
  await page.waitForFunction(
    (before) =>
      Number(
        document
          .querySelector('.phone conv-workspace')!
          .shadowRoot!.querySelector('conv-list')!
          .shadowRoot!.querySelector('[data-list="conversations"] .tab-count')!.textContent,
      ) ===
      before + 1,
    { timeout: 10_000 },
    phoneBefore,
  );
  assert.equal(await tabCount('phone', 'picklist'), picklistBefore - 1);
});

test('the agent opens a chat on the phone and writes; the desktop shows the message', async () => {
  const select = await page.waitForSelector(
    inDevice('phone', 'conv-list >>> [part~="item"]:not(:has(.offer)) button.select'),
  );
  await select!.click();
  const input = await page.waitForSelector(inDevice('phone', 'conv-chat >>> conv-composer >>> textarea'), {
    visible: true,
  });
  await input!.click();
  await page.keyboard.type('Written on the phone');
  await page.keyboard.press('Enter');
  const conversationId = await page.$eval(
    '.phone conv-workspace >>> conv-chat',
    (chat) => (chat as HTMLElement & { conversationId: string }).conversationId,
  );
  await page.evaluate((id) => {
    const list = document.querySelector('.desktop conv-workspace')!.shadowRoot!.querySelector('conv-list')!;
    list.dispatchEvent(
      new CustomEvent('conv-select', { detail: { conversationId: id }, bubbles: true, composed: true }),
    );
  }, conversationId);
  await page.waitForFunction(
    () => {
      const list = document
        .querySelector('.desktop conv-workspace')!
        .shadowRoot!.querySelector('conv-chat')!
        .shadowRoot!.querySelector('conv-message-list')!;
      return [...list.shadowRoot!.querySelectorAll('conv-message')].some((message) =>
        message.shadowRoot!.textContent?.includes('Written on the phone'),
      );
    },
    { timeout: 10_000 },
  );
});

test('on a phone-sized window the demo is the mobile app: one workspace filling the screen, the settings in a menu', async () => {
  const phone = await browser.newPage();
  try {
    await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    phone.on('pageerror', (error) => problems.push(`phone page error: ${(error as Error).message}`));
    await phone.goto(`${url}?backend=memory`, { waitUntil: 'load' });
    await phone.waitForFunction(
      () =>
        (document.querySelector('.desktop conv-workspace') as (HTMLElement & { layout?: string }) | null)?.layout ===
          'narrow' &&
        !!document
          .querySelector('.desktop conv-workspace')!
          .shadowRoot!.querySelector('conv-list')
          ?.shadowRoot?.querySelector('[part~="item"]'),
      { timeout: 30_000, polling: 100 },
    );
    const shown = await phone.evaluate(() => {
      const box = document.querySelector('.desktop conv-workspace')!.getBoundingClientRect();
      return {
        width: box.width,
        bottom: box.bottom,
        phoneFrameShown: document.querySelector('.phone')!.getBoundingClientRect().width > 0,
        settingsOpen: document.querySelector<HTMLDetailsElement>('.demo-settings')!.open,
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
    assert.equal(shown.width, 390);
    assert.ok(Math.abs(shown.bottom - 844) <= 1, `the workspace ends at ${shown.bottom}, not at the screen's bottom`);
    assert.equal(shown.phoneFrameShown, false);
    assert.equal(shown.settingsOpen, false);
    assert.ok(shown.scrollWidth <= 390, `the page is ${shown.scrollWidth} px wide`);
  } finally {
    await phone.close();
  }
});

test('the demo reports no CSP or Trusted Types violation and no page error', () => {
  assert.deepEqual(problems, []);
});
