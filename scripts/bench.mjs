// `npm run bench`: how fast conv-kit paints long conversations and big lists, how much DOM and heap
// they keep, and how many bytes it ships. Prints a table with the targets and writes the figures as
// JSON to bench-results/. Runs Debian's Chromium headless on a production build of bench/.
import { buildStandalone } from './standalone.mjs';
import { emojiDataModules } from './emoji-data.mjs';
import { bundled, compressed } from './bundle-size.mjs';
import { firstPaintCoverage, WORKSPACE_PAGE } from './first-paint-coverage.mjs';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromiumArgs, ensureChromium } from './chromium.mjs';

const RUNS = 5;
/** Appends per run: 4 × 5 runs gives the median of 20. */
const APPENDS_PER_RUN = 4;
const SMALL = 1_000;
const LARGE = 10_000;
/** A conversation with nothing to window: what appending one message costs when length cannot matter. */
const SHORT = 20;
const CONVERSATIONS = 2_000;
const KB = 1000;

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench-results');
const started = Date.now();
const loadBefore = loadavg()[0];
mkdirSync(out, { recursive: true });

// ── the page: a production build (minified, Lit in production mode) served locally ──

const log = (line) => console.log(`› ${line}`);
log('building the benchmark page');
const pageDir = join(out, 'page');
await build({
  root: join(root, 'bench'),
  configFile: false,
  mode: 'production',
  logLevel: 'warn',
  // The emoji picker's data modules, as the demo's Vite makes them (scripts/emoji-data.mjs).
  plugins: [emojiDataModules()],
  build: { outDir: pageDir, emptyOutDir: true, target: 'es2022', minify: true },
});

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
};
const server = createServer((request, response) => {
  const path = join(pageDir, new URL(request.url, 'http://localhost').pathname.replace(/\/$/, '/index.html'));
  if (!path.startsWith(pageDir)) return response.writeHead(403).end();
  let body;
  try {
    body = readFileSync(path);
  } catch {
    return response.writeHead(404).end();
  }
  response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await puppeteer.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: [
    ...chromiumArgs,
    // Frames are produced as soon as they are ready instead of every 16.7 ms, so a paint time is the work, not the wait for vsync.
    '--disable-frame-rate-limit',
    '--disable-gpu-vsync',
  ],
});

/** A fresh page for every run, so no run inherits another's heap, caches or DOM. */
async function freshPage() {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  const cdp = await page.createCDPSession();
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
    return { js: usedSize, dom: embedderHeapUsedSize ?? 0 };
  };
  const call = (name, ...args) => page.evaluate((name, args) => window.bench[name](...args), name, args);
  return { call, heapAfterGc, close: () => page.close() };
}

// ── measurements ──

const samples = {};
const record = (key, value) => (samples[key] ??= []).push(...[value].flat());

log('frame overhead');
{
  const { call, close } = await freshPage();
  record('frame', await call('frameOverhead', 20));
  await close();
}

for (let run = 1; run <= RUNS; run++) {
  log(`run ${run} of ${RUNS}: conversations, history insert, conversation list`);
  for (const variant of ['plain', 'list', 'chat']) {
    for (const count of [SHORT, SMALL, LARGE]) {
      const { call, heapAfterGc, close } = await freshPage();
      await call('prepareConversation', variant, count);
      const heapBefore = await heapAfterGc();
      const painted = await call('showConversation');
      const heapAfter = await heapAfterGc();
      record(`${variant}.${count}.paint`, painted.paintMs);
      record(`${variant}.${count}.nodes`, painted.nodes);
      record(`${variant}.${count}.elements`, painted.elements);
      record(`${variant}.${count}.heap`, heapAfter.js - heapBefore.js);
      record(`${variant}.${count}.domHeap`, heapAfter.dom - heapBefore.dom);
      if (count === SHORT) record(`${variant}.${SHORT}.append`, await call('appendMessages', APPENDS_PER_RUN));
      if (count === LARGE) {
        record(`${variant}.append`, await call('appendMessages', APPENDS_PER_RUN));
        // Through the store, older pages only exist for the open conversation: measured on a page of their own below.
        if (variant !== 'chat') recordInsert(variant, await call('insertOlderPage'));
      }
      await close();
    }
  }
  {
    const { call, close } = await freshPage();
    await call('prepareConversation', 'chat', LARGE, { olderOnBackend: true });
    await call('showConversation');
    recordInsert('chat', await call('insertOlderPage'));
    await close();
  }
  for (const variant of ['plain', 'element']) {
    const { call, heapAfterGc, close } = await freshPage();
    await call('prepareConversationList', variant, CONVERSATIONS);
    const heapBefore = await heapAfterGc();
    const painted = await call('showConversationList');
    const heapAfter = await heapAfterGc();
    record(`conversations.${variant}.paint`, painted.paintMs);
    record(`conversations.${variant}.nodes`, painted.nodes);
    record(`conversations.${variant}.elements`, painted.elements);
    record(`conversations.${variant}.heap`, heapAfter.js - heapBefore.js);
    record(`conversations.${variant}.domHeap`, heapAfter.dom - heapBefore.dom);
    record(`conversations.${variant}.unread`, await call('changeUnreadCounts', APPENDS_PER_RUN));
    record(`conversations.${variant}.search`, await call('searchConversationList', 'order 1'));
    await close();
  }
}

function recordInsert(variant, { paintMs, shiftPx }) {
  record(`${variant}.insert`, paintMs);
  record(`${variant}.shift`, shiftPx);
}

// How much of what loads with a <conv-workspace> page its first paint runs: the floor under the page's bytes.
log('first-paint coverage: a workspace in mid-shift, then the agent opens a conversation and replies');
const coverage = await firstPaintCoverage({ root, outdir: join(out, 'first-paint'), browser });

const chromium = await browser.version();
await browser.close();
server.close();

// ── sizes ──

log('sizes');
const sizes = {
  store: await bundled('src/core/index.ts', { root, outdir: join(out, 'bundle') }),
  elements: await bundled('src/index.ts', { root, outdir: join(out, 'bundle') }),
};

/** When a file of the single-file build loads, by what it holds (chunk names follow their entry modules). */
const LOCALE_CHUNK = /^(ar|de|en-xa|es|fi|fr|ja|sv)-/;
function whenLoaded(file) {
  if (file === 'conv-kit.js') return 'with the page';
  if (file === 'emoji-data/en.js') return 'when the emoji picker first opens (every emoji, English words)';
  if (file.startsWith('emoji-data/'))
    return `with English, when the picker opens under lang="${file.slice(11, -3)}" (its words)`;
  file = file.split('/').pop();
  if (file.startsWith('on-first-use-'))
    return "on first use: the emoji picker, the attachment tray, the location, the standard responses, the End chat confirmation, a photo full size, the list's search and sort, the notification settings, the drag of a swipe or a pull, and their words";
  if (file.startsWith('photo-')) return 'with the first photo an agent attaches';
  if (file.startsWith('file-signatures-') || file.startsWith('file-verdict-')) return 'with the first file checked';
  if (LOCALE_CHUNK.test(file)) return `when an element's lang asks for ${file.match(LOCALE_CHUNK)[1]}`;
  return 'with the chunk that imports it';
}

// The single-file build exactly as `npm run build` makes it (scripts/standalone.mjs), measured from disk.
const standaloneDir = await buildStandalone(join(out, 'standalone'));
// Recursive: the emoji data sits in emoji-data/.
sizes.standalone = (await readdir(standaloneDir, { recursive: true }))
  .filter((file) => statSync(join(standaloneDir, file)).isFile())
  .sort()
  .map((file) => ({
    file,
    loads: whenLoaded(file),
    ...compressed(readFileSync(join(standaloneDir, file))),
    packages: [],
  }));

// ── the table ──

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => {
  const s = sorted(values);
  const middle = s.length >> 1;
  return s.length % 2 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
};
const stats = (key) => {
  const values = samples[key];
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), samples: values };
};
const grouped = (n) => Math.round(n).toLocaleString('en-US');
const spread = (s, format) =>
  s.min === s.max ? format(s.median) : `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
const ms = (key) => spread(stats(key), (v) => `${v.toFixed(1)} ms`);
const medianMs = (key) => `${stats(key).median.toFixed(1)} ms`;
const px = (key) => spread(stats(key), (v) => `${v.toFixed(1)} px`);
const nodes = (key) => spread(stats(key), grouped);
/** JS heap, then the renderer's own heap where DOM nodes live; medians. */
const heap = (key) =>
  `${(stats(`${key}.heap`).median / 1e6).toFixed(1)} MB JS, ${(stats(`${key}.domHeap`).median / 1e6).toFixed(1)} MB DOM`;
const ratio = (key, floorKey) => `${(stats(key).median / stats(floorKey).median).toFixed(1)}×`;
const check = (pass, text) => `${pass ? '✓' : '✗'} ${text}`;
const kB = (bytes) => `${(bytes / KB).toFixed(1)} kB`;
const size = ({ gzip, brotli, raw }) => `${kB(gzip)} gzip, ${kB(brotli)} brotli (${kB(raw)} minified)`;

const targets = {
  paintLarge: (key) => check(stats(key).median < 50, '< 50 ms'),
  paintSmall: (key) => check(stats(key).median < 3 * stats('plain.1000.paint').median, '< 3× plain'),
  nodes: (key) => check(stats(key).max < 1000, '< 1,000'),
  append: (key) => check(stats(key).median < 4, '< 4 ms'),
  shift: (key) => check(stats(key).max === 0, '0 px'),
  sameAtAnyLength: (growth) => check(growth <= 1.1, '≤ 1.10×'),
};

const rows = [['What is measured', 'conv-kit', 'plain DOM (floor)', '× floor', 'target']];
const row = (label, value, floor = '', times = '', target = '') => rows.push([label, value, floor, times, target]);

row('Two frames with nothing to render (the clock’s own cost)', '', ms('frame'));
for (const [variant, name] of [
  ['list', '`<conv-message-list>`'],
  ['chat', '`<conv-chat>` + store'],
]) {
  for (const count of [SMALL, LARGE]) {
    const key = `${variant}.${count}`;
    row(
      `${name}, ${grouped(count)} messages: paint`,
      ms(`${key}.paint`),
      ms(`plain.${count}.paint`),
      ratio(`${key}.paint`, `plain.${count}.paint`),
      count === SMALL ? targets.paintSmall(`${key}.paint`) : targets.paintLarge(`${key}.paint`),
    );
    row(
      `${name}, ${grouped(count)} messages: DOM nodes`,
      nodes(`${key}.nodes`),
      nodes(`plain.${count}.nodes`),
      ratio(`${key}.nodes`, `plain.${count}.nodes`),
      targets.nodes(`${key}.nodes`),
    );
    row(`${name}, ${grouped(count)} messages: heap after GC`, heap(key), heap(`plain.${count}`));
  }
  // A first paint costs the same at any length: only the rows in view are rendered or estimated.
  const growth = (key) => stats(`${key}.${LARGE}.paint`).median / stats(`${key}.${SMALL}.paint`).median;
  row(
    `${name}: first paint, ${grouped(LARGE)} vs ${grouped(SMALL)} messages`,
    `${medianMs(`${variant}.${LARGE}.paint`)} vs ${medianMs(`${variant}.${SMALL}.paint`)}: ${growth(variant).toFixed(2)}×`,
    `${growth('plain').toFixed(2)}×`,
    '',
    variant === 'list' ? targets.sameAtAnyLength(growth(variant)) : '',
  );
  row(
    `${name}: one new message on 10,000, paint`,
    ms(`${variant}.append`),
    ms('plain.append'),
    ratio(`${variant}.append`, 'plain.append'),
    `${targets.append(`${variant}.append`)}; floor: ${medianMs(`${variant}.${SHORT}.append`)}, the same on ${SHORT} (below)`,
  );
  // The same append on a conversation too short to window: the part of the figure above that length does not explain.
  row(
    `${name}: one new message on ${SHORT}, paint (the floor for the row above: nothing to window)`,
    ms(`${variant}.${SHORT}.append`),
    ms(`plain.${SHORT}.append`),
    ratio(`${variant}.${SHORT}.append`, `plain.${SHORT}.append`),
  );
  row(
    `${name}: 50 older messages above the reader, paint`,
    ms(`${variant}.insert`),
    ms('plain.insert'),
    ratio(`${variant}.insert`, 'plain.insert'),
  );
  row(
    `${name}: 50 older messages above the reader, shift`,
    px(`${variant}.shift`),
    px('plain.shift'),
    '',
    targets.shift(`${variant}.shift`),
  );
}
row(
  `\`<conv-list tabs>\` + store, ${grouped(CONVERSATIONS)} conversations: paint`,
  ms('conversations.element.paint'),
  ms('conversations.plain.paint'),
  ratio('conversations.element.paint', 'conversations.plain.paint'),
);
row(
  `\`<conv-list tabs>\`, ${grouped(CONVERSATIONS)} conversations: DOM nodes`,
  nodes('conversations.element.nodes'),
  nodes('conversations.plain.nodes'),
  ratio('conversations.element.nodes', 'conversations.plain.nodes'),
  targets.nodes('conversations.element.nodes'),
);
row(
  `\`<conv-list tabs>\`, ${grouped(CONVERSATIONS)} conversations: heap after GC`,
  heap('conversations.element'),
  heap('conversations.plain'),
);
row(
  '`<conv-list tabs>`: one unread count goes up, paint',
  ms('conversations.element.unread'),
  ms('conversations.plain.unread'),
  ratio('conversations.element.unread', 'conversations.plain.unread'),
);
row(
  `\`<conv-list tabs>\`, ${grouped(CONVERSATIONS)} conversations: search, each keystroke to paint`,
  ms('conversations.element.search'),
  ms('conversations.plain.search'),
  ratio('conversations.element.search', 'conversations.plain.search'),
  check(stats('conversations.element.search').median < 16.7, '< 1 frame (16.7 ms)'),
);
row('Store alone (`src/core/index.ts` + nanoevents)', size(sizes.store));
row(
  'All elements + store, without the emoji picker (`src/index.ts`)',
  size(sizes.elements),
  '',
  '',
  `${check(sizes.elements.gzip < 28 * KB, '< 28 kB gzip')}; floor: ${kB(coverage.firstPaint.perfectSplit.gzip)} gzip, the code a workspace's first paint runs, split perfectly (below)`,
);
row(
  `Loaded on first use, all chunks together (${sizes.elements.lazy.files.length}: the first-use chunk, the catalogs, the file checks, photo preparation, the file players)`,
  size(sizes.elements.lazy),
);
{
  const { page, evaluation, firstPaint, afterFirstActions: actions } = coverage;
  const ran = ({ ran, raw, share }) => `${kB(ran)} of ${kB(raw)} minified ran (${(share * 100).toFixed(0)} %)`;
  const alone = ({ perfectSplit }) => `${kB(perfectSplit.gzip)} gzip, ${kB(perfectSplit.brotli)} brotli`;
  row(
    `\`<conv-workspace>\` page (\`${WORKSPACE_PAGE}\`, ${page.files.length} files): what loads with the page`,
    size(page),
  );
  row(
    'The workspace page: what evaluating its modules runs, before any element exists',
    `${ran(evaluation)}; alone ${alone(evaluation)}`,
    '',
    '',
    'floor: runs whatever the page shows',
  );
  row(
    `The workspace page: what its first paint runs (the lists of a shift, a chat showing ${firstPaint.messagesLoaded} of its ${firstPaint.messages} messages, its notes; ${firstPaint.paintedMs.toFixed(0)} ms)`,
    `${ran(firstPaint)}; alone ${alone(firstPaint)}; of it CSS text ${kB(firstPaint.byKind.find((kind) => kind.kind.startsWith('styles'))?.ran ?? 0)}, in which rules matching an element ${kB(firstPaint.styles.matched)} of the ${kB(firstPaint.styles.bytes)} adopted`,
    '',
    '',
    `floor: ${kB(firstPaint.perfectSplit.gzip)} gzip with a perfect split`,
  );
  row(
    'The workspace page: what first paint and the first actions run (open another conversation, type a reply, Enter)',
    `${ran(actions)}; alone ${alone(actions)}; and of the first-use chunk${actions.lazy.files.length === 1 ? '' : 's'} loaded by then (${kB(actions.lazy.gzip)} gzip): ${ran(actions.lazy)}`,
    '',
    '',
    `floor: ${kB(actions.perfectSplit.gzip + actions.lazy.perfectSplit.gzip)} gzip with a perfect split (${kB(actions.perfectSplit.gzip)} + ${kB(actions.lazy.perfectSplit.gzip)} first use)`,
  );
}
for (const file of sizes.standalone)
  row(
    `\`dist/standalone/${file.file}\`, loaded ${file.loads}${file.packages.length ? ` (${file.packages.join(', ')})` : ''}`,
    size(file),
  );

const table = rows
  .map((cells, index) => `| ${cells.join(' | ')} |${index === 0 ? `\n|${cells.map(() => ' --- ').join('|')}|` : ''}`)
  .join('\n');
const topParts = (parts) =>
  Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([part, bytes]) => `${part.replace(/^src\//, '')} ${kB(bytes)}`)
    .join(', ');

// Other work on the machine shows up in every figure: say how busy it was.
const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
const machine = `${chromium}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
console.log(
  `\nconv-kit benchmark — ${machine}, ${load}; median (min–max) of ${RUNS} runs, ${RUNS * APPENDS_PER_RUN} for new messages and unread counts\n`,
);
console.log(table);
console.log(`\nWhat the elements bundle is made of (minified bytes): ${topParts(sizes.elements.parts)}`);
const ranParts = (parts, key) =>
  parts
    .slice(0, 12)
    .map((part) => `${part.source} ${kB(part[key])} of ${kB(part.raw)}`)
    .join(', ');
const kinds = (figures) => figures.byKind.map((kind) => `${kind.kind} ${kB(kind.ran)} of ${kB(kind.raw)}`).join(', ');
console.log(
  `What the workspace's first paint runs, by kind (minified bytes ran, of those loaded): ${kinds(coverage.firstPaint)}`,
);
console.log(
  `What the workspace's first paint runs, by source (minified bytes ran, of those loaded): ${ranParts(coverage.firstPaint.bySource, 'ran')}`,
);
console.log(`What the first actions run on top, by source: ${ranParts(coverage.afterFirstActions.bySource, 'added')}`);

const result = {
  date: new Date().toISOString(),
  machine,
  load,
  runs: RUNS,
  samples: Object.fromEntries(Object.keys(samples).map((key) => [key, stats(key)])),
  sizes,
  firstPaintCoverage: coverage,
  table,
};
const json = JSON.stringify(result, null, 2);
writeFileSync(join(out, `bench-${result.date.replace(/[:.]/g, '-')}.json`), json);
writeFileSync(join(out, 'latest.json'), json);
console.log(`\nbench-results/latest.json written in ${((Date.now() - started) / 1000).toFixed(0)} s`);
