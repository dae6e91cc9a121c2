// How much of the code that loads with a <conv-workspace> page its first paint actually runs: the
// floor under the page's bytes, whatever the split. `npm run bench` (scripts/bench.mjs) reports it;
// `node scripts/first-paint-coverage.mjs` measures it alone and prints the figures as JSON.
//
// The page is test/node/pages/workspace-page.ts bundled exactly as the size budget measures it
// (scripts/bundle-size.mjs), so its files are the bytes of the budget; the shift around it (the
// memory backend with the demo's world, the store, placing the element: bench/first-paint/shift.ts)
// is a module of its own that imports the page, and is never counted. Chromium runs the page under
// V8's precise block coverage from before the first byte is parsed, so evaluating the modules counts.
import { build } from 'esbuild';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import puppeteer from 'puppeteer-core';
import { createServer } from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundled, compressed } from './bundle-size.mjs';
import { chromiumArgs, ensureChromium } from './chromium.mjs';
import { compactStylesForEsbuild } from './compact-styles.mjs';
import { emojiDataExternalForEsbuild } from './emoji-data.mjs';
import {
  lineStarts,
  ranSpans,
  spannedBySource,
  spannedLength,
  spansInBytes,
  unionOfSpans,
  utf8Offsets,
} from './coverage-ranges.mjs';

export const WORKSPACE_PAGE = 'test/node/pages/workspace-page.ts';
const SHIFT = 'bench/first-paint/shift.ts';
/** What the agent writes as a first action. */
const FIRST_REPLY = 'Thanks, I am looking into it now.';

const packageOf = (file) => file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
/** A source as the bundle's parts name it: the package, or the path under src/. */
const partOf = (source) => packageOf(source) ?? source.replace(/^src\//, '');

/** What kind of code a source is, for the summary of what ran. */
export function kindOf(source) {
  if (/^(lit|lit-html|lit-element|@lit\/.*)$/.test(source)) return 'Lit';
  if (source.endsWith('.styles.ts')) return 'styles (CSS text)';
  if (source === 'elements/shared/strings.ts') return 'English words (strings.ts)';
  if (source.startsWith('core/')) return 'store (core/)';
  if (/^(elements|controllers|browser|events)\//.test(source)) return 'elements and controllers';
  return 'other';
}

/** bySource summed by kindOf, the kinds with most bytes run first. */
const byKind = (bySource) => {
  const kinds = {};
  for (const { source, ran, raw } of bySource) {
    const kind = (kinds[kindOf(source)] ??= { kind: kindOf(source), ran: 0, raw: 0 });
    kind.ran += ran;
    kind.raw += raw;
  }
  return Object.values(kinds).sort((a, b) => b.ran - a.ran);
};

/**
 * Builds the page into `dir`: the workspace page and its lazy chunks exactly as the size budget's
 * bundle (scripts/bundle-size.mjs, same options), each with its source map beside it; and the shift in shift/.
 */
async function buildPage(root, dir) {
  rmSync(dir, { recursive: true, force: true });
  const options = {
    entryPoints: [WORKSPACE_PAGE],
    bundle: true,
    splitting: true,
    outdir: dir,
    format: 'esm',
    minify: true,
    target: 'es2022',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [compactStylesForEsbuild, emojiDataExternalForEsbuild],
  };
  const page = await build(options);
  // With source maps esbuild names the chunks by other hashes, so the maps come from a build of their
  // own, matched to the served files by what each holds, and checked to be the same code.
  const mapped = await build({ ...options, sourcemap: 'external', sourcesContent: false, write: false });
  writeMaps(root, page, mapped);
  const { outputs } = page.metafile;
  const files = Object.keys(outputs).filter((file) => file.endsWith('.js'));
  const entry = files.find((file) => outputs[file].entryPoint === WORKSPACE_PAGE);
  const eager = new Set();
  const visit = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const { path, kind } of outputs[file].imports) if (kind === 'import-statement' && outputs[path]) visit(path);
  };
  visit(entry);
  const entryName = relative(dir, resolve(root, entry));

  // The shift imports conv-kit from the page's file, and so does the memory adapter for ConvError (which
  // the store tells apart by class); everything else the adapter uses it carries in its own copy.
  const fromPage = {
    name: 'conv-kit-from-the-page',
    setup(shiftBuild) {
      shiftBuild.onResolve({ filter: /pages\/workspace-page\.js$/ }, () => ({
        path: `../${entryName}`,
        external: true,
      }));
      shiftBuild.onResolve({ filter: /\/core\/errors\.js$/ }, ({ importer }) =>
        importer.includes('/src/adapters/') ? { path: `../${entryName}`, external: true } : undefined,
      );
    },
  };
  await build({
    entryPoints: [SHIFT],
    bundle: true,
    outdir: join(dir, 'shift'),
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [fromPage],
  });
  const name = (file) => relative(dir, resolve(root, file));
  return {
    eager: [...eager].map(name),
    lazy: files.filter((file) => !eager.has(file)).map(name),
  };
}

/** What a file of a build holds: the same in two builds of the same code, whatever its name. */
const holding = (output) => `${output.entryPoint ?? ''}|${Object.keys(output.inputs).sort().join(',')}`;

/** Writes the source map of each file of `page` beside it, from `mapped`, the same build with source maps. */
function writeMaps(root, page, mapped) {
  const served = new Map(
    Object.entries(page.metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => [holding(output), resolve(root, file)]),
  );
  const contents = new Map(mapped.outputFiles.map((file) => [file.path, file]));
  const renames = [];
  for (const [file, output] of Object.entries(mapped.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const servedAs = served.get(holding(output));
    if (!servedAs) throw new Error(`The build with source maps made ${file}, which the page has no file for`);
    renames.push([basename(file), basename(servedAs), resolve(root, file), servedAs]);
  }
  for (const [, , path, servedAs] of renames) {
    let code = contents.get(path).text;
    for (const [from, to] of renames) code = code.replaceAll(from, to);
    if (code !== readFileSync(servedAs, 'utf8'))
      throw new Error(
        `${basename(servedAs)} built with a source map is other code than without: its map would not fit`,
      );
    writeFileSync(`${servedAs}.map`, contents.get(`${path}.map`).text);
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

function serve(root, dir) {
  const index = readFileSync(join(root, 'bench/first-paint/index.html'));
  const server = createServer((request, response) => {
    const pathname = new URL(request.url, 'http://localhost').pathname;
    if (pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(index);
    const path = join(dir, pathname);
    if (!path.startsWith(dir)) return response.writeHead(403).end();
    let body;
    try {
      body = readFileSync(path);
    } catch {
      return response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () => ready({ server, url: `http://127.0.0.1:${server.address().port}/` })),
  );
}

/**
 * One built file: its bytes, and which source each of its bytes comes from by its source map. V8's
 * offsets and the map's columns count UTF-16 code units; `bytesAt` turns them into the file's bytes.
 */
function readBuilt(root, dir, file) {
  const bytes = readFileSync(join(dir, file));
  const code = bytes.toString('utf8');
  const bytesAt = utf8Offsets(code);
  const mapPath = join(dir, `${file}.map`);
  const map = new TraceMap(readFileSync(mapPath, 'utf8'), pathToFileURL(mapPath).href);
  const starts = lineStarts(code);
  const points = [];
  eachMapping(map, ({ generatedLine, generatedColumn, source }) => {
    points.push({
      offset: bytesAt[starts[generatedLine - 1] + generatedColumn],
      source: source ? partOf(relative(root, new URL(source).pathname)) : null,
    });
  });
  return { file, bytes, bytesAt, points };
}

/** Per script url, the spans that ran in one take of coverage. */
function spansByUrl(coverage) {
  const byUrl = new Map();
  for (const script of coverage.result)
    byUrl.set(script.url, unionOfSpans([...(byUrl.get(script.url) ?? []), ...ranSpans(script.functions)]));
  return byUrl;
}

/** What ran of `files` (built files), given the spans (in code units) that ran per file. */
function ranOf(files, spansOf) {
  const ran = files.map((built) => ({ built, spans: spansInBytes(spansOf(built.file), built.bytesAt) }));
  const usedBytes = Buffer.concat(
    ran.flatMap(({ built, spans }) => spans.map(([start, end]) => built.bytes.subarray(start, end))),
  );
  const raw = files.reduce((total, built) => total + built.bytes.length, 0);
  const bySource = {};
  const allBySource = {};
  const add = (into, parts) => {
    for (const [source, length] of Object.entries(parts)) into[source] = (into[source] ?? 0) + length;
  };
  for (const { built, spans } of ran) {
    add(bySource, spannedBySource(spans, built.points));
    add(allBySource, spannedBySource([[0, built.bytes.length]], built.points));
  }
  return {
    /** Minified bytes that ran. */
    ran: spannedLength(ran.flatMap(({ spans }) => spans)),
    /** Minified bytes of the files. */
    raw,
    share: raw ? usedBytes.length / raw : 0,
    /** The code that ran, alone: what a perfect split would load (gzip, brotli, minified). */
    perfectSplit: compressed(usedBytes),
    /** By source: minified bytes that ran, of how many in the files. */
    bySource: Object.entries(allBySource)
      .map(([source, total]) => ({ source, ran: bySource[source] ?? 0, raw: total }))
      .sort((a, b) => b.ran - a.ran || b.raw - a.raw),
  };
}

/**
 * Measures a workspace's first paint, and what the agent's first actions (open another
 * conversation, type a reply and send it with Enter) run on top, in `browser` (a puppeteer Browser).
 */
export async function firstPaintCoverage({ root, outdir, browser }) {
  const dir = resolve(outdir);
  const built = await buildPage(root, dir);
  // The same files as the size budget measures: the figures are about the budget's bytes.
  const budget = await bundled(WORKSPACE_PAGE, { root, outdir: join(dir, '..', 'first-paint-check') });
  const eager = built.eager.map((file) => readBuilt(root, dir, file));
  const pageSize = compressed(Buffer.concat(eager.map((file) => file.bytes)));
  const eagerGzip = eager.reduce((total, file) => total + compressed(file.bytes).gzip, 0);
  if (pageSize.raw !== budget.raw || eagerGzip !== budget.gzip)
    throw new Error(
      `The measured page (${pageSize.raw} B, ${eagerGzip} B gzip) is not the size budget's (${budget.raw} B, ${budget.gzip} B gzip): keep buildPage's options as bundled()'s`,
    );

  const { server, url } = await serve(root, dir);
  try {
    const evaluation = await coveredVisit(browser, `${url}?evaluate-only`, async (page, take) => {
      await page.waitForFunction(() => globalThis.firstPaint?.evaluated);
      return { evaluated: await take() };
    });
    const { painted, atFirstPaint, styles, afterActions } = await coveredVisit(
      browser,
      url,
      async (page, take, matched) => {
        const painted = await page.evaluate(() => globalThis.firstPaint.painted);
        const atFirstPaint = await take();
        const styles = await matched();
        // The agent's first actions, with real input.
        await page.click(`>>> conv-list >>> [data-id="${painted.nextConversationId}"] button.select`);
        await page.evaluate((id) => globalThis.firstPaint.shows(id), painted.nextConversationId);
        await page.click('>>> conv-chat >>> conv-composer >>> textarea');
        await page.keyboard.type(FIRST_REPLY);
        await page.keyboard.press('Enter');
        await page.evaluate(
          (id, text) => globalThis.firstPaint.sent(id, text),
          painted.nextConversationId,
          FIRST_REPLY,
        );
        return { painted, atFirstPaint, styles, afterActions: await take() };
      },
    );

    const urlOf = (file) => new URL(file, url).href;
    const spansIn = (take) => (file) => take.get(urlOf(file)) ?? [];
    const bothSpans = (file) => unionOfSpans([...spansIn(atFirstPaint)(file), ...spansIn(afterActions)(file)]);
    const loadedLazily = (take) => built.lazy.filter((file) => take.has(urlOf(file)));
    const lazyAfterActions = [...new Set([...loadedLazily(atFirstPaint), ...loadedLazily(afterActions)])].map((file) =>
      readBuilt(root, dir, file),
    );
    const evaluated = ranOf(eager, spansIn(evaluation.evaluated));
    const first = ranOf(eager, spansIn(atFirstPaint));
    const after = ranOf(eager, bothSpans);
    const ranIn = (figures) => new Map(figures.bySource.map((part) => [part.source, part.ran]));
    const evaluatedBySource = ranIn(evaluated);
    const firstBySource = ranIn(first);
    const { bySource: _evaluatedBySource, ...evaluatedTotals } = evaluated;
    return {
      page: {
        files: built.eager,
        raw: budget.raw,
        gzip: budget.gzip,
        brotli: budget.brotli,
        asOneFile: pageSize,
      },
      evaluation: { ...evaluatedTotals, lazyLoaded: loadedLazily(evaluation.evaluated) },
      firstPaint: {
        paintedMs: painted.paintedMs,
        messagesLoaded: painted.messagesLoaded,
        messages: painted.messages,
        ...first,
        byKind: byKind(first.bySource),
        styles,
        // What ran of each source, and how much of that evaluating the modules ran by itself.
        bySource: first.bySource.map((part) => ({ ...part, atEvaluation: evaluatedBySource.get(part.source) ?? 0 })),
        lazyLoaded: loadedLazily(atFirstPaint),
      },
      afterFirstActions: {
        actions: ['open another conversation with a click', `type “${FIRST_REPLY}”`, 'send it with Enter'],
        ...after,
        byKind: byKind(after.bySource),
        bySource: after.bySource
          .map((part) => ({ ...part, added: part.ran - (firstBySource.get(part.source) ?? 0) }))
          .filter((part) => part.added > 0)
          .sort((a, b) => b.added - a.added),
        lazy: {
          files: lazyAfterActions.map((file) => file.file),
          ...ranOf(lazyAfterActions, bothSpans),
          ...compressed(Buffer.concat(lazyAfterActions.map((file) => file.bytes))),
        },
      },
    };
  } finally {
    server.close();
  }
}

/**
 * Opens `url` in a fresh page under precise block coverage, started before navigation so evaluating
 * the modules counts, and runs `steps`; its `take()` gives the spans that ran per script url since
 * the last take (each take counts anew), and `matched()` how much of conv-kit's style sheets (the
 * constructed ones its elements adopt) is in rules that matched an element so far.
 */
async function coveredVisit(browser, url, steps) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.setViewport({ width: 1280, height: 800 });
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    // detailed: the blocks inside each function too, not only whether it was called.
    await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    // Style coverage: a script's CSS text counts as run once evaluated, whether any rule in it ever matches.
    const constructed = [];
    cdp.on('CSS.styleSheetAdded', ({ header }) => header.isConstructed && constructed.push(header.styleSheetId));
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('CSS.startRuleUsageTracking');
    const matched = async () => {
      const { ruleUsage } = await cdp.send('CSS.stopRuleUsageTracking');
      let bytes = 0;
      let matchedBytes = 0;
      for (const styleSheetId of new Set(constructed)) {
        const { text } = await cdp.send('CSS.getStyleSheetText', { styleSheetId });
        const bytesAt = utf8Offsets(text);
        const rules = ruleUsage
          .filter((rule) => rule.styleSheetId === styleSheetId && rule.used)
          .map((rule) => [rule.startOffset, rule.endOffset]);
        bytes += bytesAt[text.length];
        matchedBytes += spannedLength(spansInBytes(unionOfSpans(rules), bytesAt));
      }
      return { sheets: new Set(constructed).size, bytes, matched: matchedBytes };
    };
    await page.goto(url);
    const result = await steps(page, async () => spansByUrl(await cdp.send('Profiler.takePreciseCoverage')), matched);
    await cdp.send('Profiler.stopPreciseCoverage');
    if (errors.length) throw new Error(`The first-paint page failed: ${errors.join('; ')}`);
    return result;
  } finally {
    await page.close();
  }
}

// Alone: `node scripts/first-paint-coverage.mjs` prints the figures.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  const browser = await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
  try {
    const figures = await firstPaintCoverage({ root, outdir: join(root, 'bench-results', 'first-paint'), browser });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await browser.close();
  }
}
