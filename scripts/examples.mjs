// Each app in examples/ as an integrator would have it (test/node/package.test.ts, `npm run test:examples`): every
// example is copied to a folder of its own, installs the tarball (and its own dependencies,
// from the npm registry), type-checks (`npm run check`), builds (`npm run build`, where it has one) and is then
// driven in headless Chromium: pick a customer from the Picklist, write with an emoji and send, add an internal
// note, end the chat. Prints per example the time of each step and the lines of glue it took.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, ensureChromium } from './chromium.mjs';

/** The folders of examples/ that are apps (have a package.json). */
export const exampleNames = () =>
  readdirSync('examples', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join('examples', entry.name, 'package.json')))
    .map((entry) => entry.name);
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function step(cwd, command, args) {
  const started = Date.now();
  // Not the caller's NODE_ENV (Vite's build sets it to production), which would make npm leave out devDependencies.
  const { NODE_ENV: _callers, ...callers } = process.env;
  const env = { ...callers, NG_CLI_ANALYTICS: 'false' };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return seconds(started);
}

/** Lines an integrator wrote: the example's own sources and configuration, without blank lines and comments. */
function glueLines(directory) {
  const sources = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'package.json') return [];
      const path = join(folder, entry.name);
      return entry.isDirectory() ? sources(path) : /\.(html|js|ts|tsx|vue|json)$/.test(entry.name) ? [path] : [];
    });
  return sources(directory).reduce(
    (total, file) =>
      total +
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() && !/^\s*(\/\/|<!--|\/\*|\*)/.test(line)).length,
    0,
  );
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

/** Serves `root` as a static site (index.html for `/`). */
async function serve(root) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = join(root, normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/* global document -- deep() runs in the page */
/** In the page: the first element matching each selector in turn, descending into shadow roots. */
const deep = (path, text) => {
  const find = (root, selector) => {
    const direct = root.querySelector(selector);
    if (direct) return direct;
    for (const host of root.querySelectorAll('*')) {
      const inner = host.shadowRoot && find(host.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  let node = document;
  for (const selector of path.slice(0, -1)) node = find(node, selector)?.shadowRoot ?? null;
  if (!node) return null;
  const last = path[path.length - 1];
  const all = [];
  const collect = (root) => {
    all.push(...root.querySelectorAll(last));
    for (const host of root.querySelectorAll('*')) if (host.shadowRoot) collect(host.shadowRoot);
  };
  collect(node);
  const matches = (element) =>
    text === undefined ||
    (typeof text === 'string'
      ? element.textContent.trim() === text
      : new RegExp(text.pattern, 'u').test(element.textContent));
  return all.find(matches) ?? null;
};

/** What an agent does, with the mouse and the keyboard; throws with what did not happen. */
async function drive(page, origin) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  const element = async (path, text, what) => {
    try {
      return (await page.waitForFunction(deep, { timeout: 15_000 }, path, text)).asElement();
    } catch {
      throw new Error(
        `${what}: nothing matches ${path.join(' » ')}${text ? ` ${JSON.stringify(text)}` : ''}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`,
      );
    }
  };
  const click = async (path, text, what) => {
    const target = await element(path, text, what);
    await target.click().catch((error) => {
      throw new Error(`${what}: ${error.message}`);
    });
  };
  const textOf = (path) =>
    page.evaluate((find, path) => new Function(`return ${find}`)()(path)?.textContent.trim(), deep.toString(), path);

  await click(['conv-list', '[role="tab"][data-list="picklist"]'], undefined, 'the Picklist tab');
  await click(['conv-list', '.item button'], 'Pick', 'Pick on the waiting customer');
  await click(['conv-list', '[role="tab"][data-list="conversations"]'], undefined, 'the Conversations tab');
  await click(['conv-list', '.item .select'], undefined, 'the picked conversation');
  await click(['conv-chat', 'conv-composer', 'textarea'], undefined, 'the message box');
  await page.keyboard.type('Hello from the example ');
  await click(['conv-chat', 'conv-composer', '[part~="emoji"]'], undefined, 'the emoji button');
  await click(['conv-emoji-picker', '[role="gridcell"] button'], undefined, 'an emoji (the data did not load?)');
  await (await element(['conv-chat', 'conv-composer', 'textarea'], undefined, 'the message box')).focus();
  await page.keyboard.press('Enter');
  await element(
    ['conv-chat', 'conv-message-list', '[part~="message"]'],
    { pattern: 'Hello from the example \\S' },
    'the sent message, with its emoji',
  );
  await click(['conv-chat', '[part="menu-button"]'], undefined, 'the chat menu');
  await click(['conv-chat', '[role="menuitem"]'], 'Internal notes', 'Internal notes in the chat menu');
  await click(['conv-notes', 'textarea'], undefined, 'New note');
  await page.keyboard.type('Called back about the invoice');
  await click(['conv-notes', '[part~="save"]'], undefined, 'Save');
  await element(['conv-notes', '[part~="note"]'], undefined, 'the saved note');
  await click(['conv-chat', '[part="menu-button"]'], undefined, 'the chat menu');
  await click(['conv-chat', '[role="menuitem"]'], 'End chat', 'End chat in the chat menu');
  // Its view loads on first open: confirm once the dialog is on the screen.
  await click(['end-chat-dialog', 'dialog[open] [part="confirm"]'], undefined, 'End chat in the open dialog');
  await page
    .waitForFunction(
      (find) => !new Function(`return ${find}`)()(['end-chat-dialog', 'dialog[open]']),
      { timeout: 15_000 },
      deep.toString(),
    )
    .catch(async () => {
      throw new Error(
        `End chat was confirmed, but the dialog stayed open: ${await textOf(['end-chat-dialog', 'dialog'])}`,
      );
    });
  await click(['conv-list', '[role="tab"][data-list="history"]'], undefined, 'the History tab');
  await element(['conv-list', '[role="tab"][data-list="history"][aria-selected="true"]'], undefined, 'History shown');
  await element(['conv-list', '.item .select'], undefined, 'the ended chat in History');
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
}

/**
 * One example, start to end, in `work/<name>`: install `tarball`, check, build, drive in `browser`. Returns what
 * each step took; throws with the step that failed and its output.
 */
export async function runExample(name, { tarball, work, browser }) {
  const directory = join(work, name);
  cpSync(join('examples', name), directory, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)([/\\]|$)/.test(source),
  });
  /** @type {{ name: string, glue: number, install?: string, check?: string, build?: string, drive?: string }} */
  const result = { name, glue: glueLines(directory) };
  result.install = step(directory, 'npm', ['install', tarball, '--no-audit', '--no-fund', '--loglevel=error']);
  result.check = step(directory, 'npm', ['run', '-s', 'check']);
  const scripts = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).scripts ?? {};
  result.build = scripts.build ? step(directory, 'npm', ['run', '-s', 'build']) : 'none (served as is)';
  // The Angular CLI writes the site to dist/browser/.
  const built = ['dist/browser', 'dist'].map((folder) => join(directory, folder)).find((folder) => existsSync(folder));
  const { server, origin } = await serve(scripts.build ? built : directory);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const driving = Date.now();
  try {
    await drive(page, origin);
    result.drive = `pick, send with emoji, note, end: ${seconds(driving)}`;
  } finally {
    await page.close();
    server.close();
  }
  return result;
}

export const launchBrowser = () =>
  puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
