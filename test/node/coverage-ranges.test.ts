/**
 * The arithmetic behind the benchmark's first-paint coverage (scripts/coverage-ranges.mjs): which
 * characters of a script ran, from V8's nested block coverage, and whose source they are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { Session } from 'node:inspector/promises';
import {
  lineStarts,
  ranSpans,
  spannedBySource,
  spannedLength,
  spansInBytes,
  unionOfSpans,
  utf8Offsets,
} from '../../scripts/coverage-ranges.mjs';

const fn = (...ranges: Array<[number, number, number]>) => ({
  ranges: ranges.map(([startOffset, endOffset, count]) => ({ startOffset, endOffset, count })),
});

test('a function that ran counts whole, except the blocks inside it that did not', () => {
  // The script [0, 100) ran; a function in it [10, 60) ran, its `if` block [20, 30) did not; a nested function [40, 50) never called.
  const spans = ranSpans([fn([0, 100, 1]), fn([10, 60, 3], [20, 30, 0]), fn([40, 50, 0])]);
  assert.deepEqual(spans, [
    [0, 20],
    [30, 40],
    [50, 100],
  ]);
  assert.equal(spannedLength(spans), 80);
});

test('a block that ran inside a function that did not is impossible in one take, and the innermost range still decides', () => {
  assert.deepEqual(ranSpans([fn([0, 10, 0], [2, 4, 1])]), [[2, 4]]);
});

test('nesting several levels deep alternates ran and not ran, and the text after an inner range belongs to its outer range again', () => {
  const spans = ranSpans([fn([0, 50, 1], [5, 45, 0], [10, 40, 2], [15, 20, 0])]);
  assert.deepEqual(spans, [
    [0, 5],
    [10, 15],
    [20, 40],
    [45, 50],
  ]);
});

test('text outside every range did not run, and nothing is counted twice where V8 repeats a range', () => {
  // Two modules' top levels with a gap between them; the second's range reported twice (a function and its body).
  const spans = ranSpans([fn([0, 10, 1]), fn([20, 30, 1], [20, 30, 1])]);
  assert.deepEqual(spans, [
    [0, 10],
    [20, 30],
  ]);
  assert.equal(spannedLength(spans), 20);
});

test('ranges in any order give the same spans as in V8’s order', () => {
  const inOrder = [fn([0, 100, 1]), fn([10, 60, 3], [20, 30, 0]), fn([40, 50, 0])];
  const shuffled = [fn([40, 50, 0]), fn([20, 30, 0]), fn([10, 60, 3]), fn([0, 100, 1])];
  assert.deepEqual(ranSpans(shuffled), ranSpans(inOrder));
});

test('coverage V8 never makes throws instead of reporting a figure', () => {
  assert.throws(() => ranSpans([fn([0, 10, 1], [5, 15, 1])]), /cross instead of nesting/);
  assert.throws(() => ranSpans([fn([10, 10, 1])]), /empty or not a range/);
  assert.throws(() => ranSpans([fn([10, 5, 1])]), /empty or not a range/);
  assert.throws(() => ranSpans([fn([-1, 5, 1])]), /empty or not a range/);
  assert.throws(() => ranSpans([fn([0, 5, Number.NaN])]), /has count NaN/);
});

test('no coverage is no code that ran', () => {
  assert.deepEqual(ranSpans([]), []);
  assert.deepEqual(ranSpans([fn([0, 100, 0])]), []);
});

test('two takes of the same script join: overlapping, nested, adjacent and apart', () => {
  const union = unionOfSpans([
    [0, 10],
    [50, 60],
    [5, 20],
    [20, 25],
    [52, 55],
    [70, 80],
    [30, 30],
  ]);
  assert.deepEqual(union, [
    [0, 25],
    [50, 60],
    [70, 80],
  ]);
  assert.equal(spannedLength(union), 45);
});

test('each character that ran goes to the source mapped at or before it', () => {
  const points = [
    { offset: 0, source: 'a.ts' },
    { offset: 10, source: 'b.ts' },
    { offset: 20, source: null },
    { offset: 25, source: 'a.ts' },
  ];
  assert.deepEqual(
    spannedBySource(
      [
        [5, 12],
        [18, 30],
      ],
      points,
    ),
    { 'a.ts': 10, 'b.ts': 4, '(no source)': 5 },
  );
  // Before the first mapping there is no source; points out of order or repeated change nothing.
  assert.deepEqual(
    spannedBySource(
      [[0, 8]],
      [
        { offset: 6, source: 'b.ts' },
        { offset: 3, source: 'a.ts' },
        { offset: 3, source: 'a.ts' },
      ],
    ),
    { '(no source)': 3, 'a.ts': 3, 'b.ts': 2 },
  );
});

test('line starts turn a source map’s line and column into an offset', () => {
  assert.deepEqual(lineStarts('ab\ncd\n\ne'), [0, 3, 6, 7]);
  assert.deepEqual(lineStarts(''), [0]);
});

test('offsets in code units become offsets in UTF-8 bytes, as the files are measured on disk', () => {
  const code = 'a…b😀c';
  const at = utf8Offsets(code);
  assert.equal(at[code.length], Buffer.byteLength(code));
  assert.deepEqual(
    spansInBytes(
      [
        [0, 2],
        [3, 5],
        [5, 6],
      ],
      at,
    ),
    [
      [0, 4],
      [5, 9],
      [9, 10],
    ],
  );
  for (let offset = 0; offset <= code.length; offset++)
    if (!/[\udc00-\udfff]/.test(code[offset] ?? '')) assert.equal(at[offset], Buffer.byteLength(code.slice(0, offset)));
});

test('V8’s own block coverage of minified code gives the text that ran, not the text that did not', async () => {
  // Real coverage from this Node's V8, of code minified by esbuild as the benchmark's page is.
  const source = `
    export function used(flag) { if (flag) { globalThis.neverTaken = 'NOT_RUN_BRANCH'; } return 'RAN_BODY'; }
    export function unused() { return 'NOT_RUN_FUNCTION'; }
    globalThis.result = used(false);
  `;
  const { outputFiles } = await build({
    stdin: { contents: source, loader: 'js' },
    format: 'iife',
    minify: true,
    write: false,
    treeShaking: false,
  });
  const code = outputFiles[0]!.text;
  const session = new Session();
  session.connect();
  await session.post('Runtime.enable');
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  const { scriptId } = await session.post('Runtime.compileScript', {
    expression: code,
    sourceURL: 'coverage-ranges-probe.js',
    persistScript: true,
  });
  await session.post('Runtime.runScript', { scriptId: scriptId! });
  const { result } = await session.post('Profiler.takePreciseCoverage');
  await session.post('Profiler.stopPreciseCoverage');
  session.disconnect();
  const script = result.find((entry) => entry.url === 'coverage-ranges-probe.js')!;
  const ran = ranSpans(script.functions)
    .map(([start, end]) => code.slice(start, end))
    .join('');
  assert.ok(ran.includes('RAN_BODY'), ran);
  assert.ok(!ran.includes('NOT_RUN_BRANCH'), ran);
  assert.ok(!ran.includes('NOT_RUN_FUNCTION'), ran);
  assert.ok(spannedLength(ranSpans(script.functions)) < code.length);
});
