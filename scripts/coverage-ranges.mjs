// What V8's block coverage says about one script, as plain ranges: which characters ran, how many
// there are, and which source each came from. Pure functions, tested in test/node/coverage-ranges.test.ts,
// used by scripts/first-paint-coverage.mjs.

/**
 * @typedef {{ startOffset: number; endOffset: number; count: number }} CoverageRange
 * @typedef {{ ranges: CoverageRange[] }} CoveredFunction
 * @typedef {[number, number]} Span  [start, end): start included, end not
 */

/**
 * The spans of a script that ran, from one take of V8 precise block coverage of it
 * (`Profiler.takePreciseCoverage`, `detailed: true`): ordered, disjoint, adjacent ones joined.
 *
 * V8 reports each function's ranges nested: the function's whole text first, then blocks inside it,
 * and a function inside another lies within the outer one's range. The innermost range around a
 * character says how often that character ran, so a block with count 0 inside a function that ran
 * (an `if` never taken, a nested function never called) did not run. Ranges that cross instead of
 * nesting, or that are empty or reversed, are no coverage V8 makes: they throw rather than count.
 *
 * @param {CoveredFunction[]} functions
 * @returns {Span[]}
 */
export function ranSpans(functions) {
  const ranges = functions.flatMap((fn) => fn.ranges);
  for (const { startOffset, endOffset, count } of ranges)
    if (!(Number.isInteger(startOffset) && Number.isInteger(endOffset) && startOffset >= 0 && endOffset > startOffset))
      throw new RangeError(`coverage range [${startOffset}, ${endOffset}) is empty or not a range`);
    else if (!(count >= 0)) throw new RangeError(`coverage range [${startOffset}, ${endOffset}) has count ${count}`);
  // Outer before inner: by start, then the longer first; equal ranges keep V8's order (the later is inner).
  const ordered = ranges
    .map((range, index) => ({ range, index }))
    .sort(
      (a, b) => a.range.startOffset - b.range.startOffset || b.range.endOffset - a.range.endOffset || a.index - b.index,
    )
    .map(({ range }) => range);

  /** @type {Span[]} */
  const ran = [];
  const emit = (start, end, count) => {
    if (end <= start || count === 0) return;
    const last = ran.at(-1);
    if (last && last[1] === start) last[1] = end;
    else ran.push([start, end]);
  };
  /** The ranges around the cursor, innermost last. */
  const open = [];
  let cursor = 0;
  const closeUntil = (offset) => {
    while (open.length && open.at(-1).endOffset <= offset) {
      const inner = open.pop();
      emit(cursor, inner.endOffset, inner.count);
      cursor = inner.endOffset;
    }
  };
  for (const range of ordered) {
    closeUntil(range.startOffset);
    const around = open.at(-1);
    if (around && range.endOffset > around.endOffset)
      throw new RangeError(
        `coverage ranges [${around.startOffset}, ${around.endOffset}) and [${range.startOffset}, ${range.endOffset}) cross instead of nesting`,
      );
    if (around) emit(cursor, range.startOffset, around.count);
    cursor = range.startOffset;
    open.push(range);
  }
  closeUntil(Infinity);
  return ran;
}

/**
 * The union of spans: ordered, disjoint, adjacent and overlapping ones joined. For the same script
 * measured twice (coverage taken again after the agent's first actions, each take counting anew).
 *
 * @param {Span[]} spans
 * @returns {Span[]}
 */
export function unionOfSpans(spans) {
  /** @type {Span[]} */
  const union = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    if (end <= start) continue;
    const last = union.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else union.push([start, end]);
  }
  return union;
}

/** How many characters the spans cover; count them in a union (or the result of ranSpans) so none counts twice. */
export const spannedLength = (spans) => spans.reduce((total, [start, end]) => total + end - start, 0);

/**
 * Characters of the spans per source, from where a source map says generated code comes from:
 * each character belongs to the mapping at or before it (`points`, by offset in the generated code);
 * characters before the first mapping, or after one without a source, belong to `unmapped`.
 *
 * @param {Span[]} spans disjoint, as from ranSpans or unionOfSpans
 * @param {{ offset: number; source: string | null }[]} points
 * @param {string} [unmapped]
 * @returns {Record<string, number>}
 */
export function spannedBySource(spans, points, unmapped = '(no source)') {
  const sorted = [...points].sort((a, b) => a.offset - b.offset);
  /** @type {Record<string, number>} */
  const bySource = {};
  const add = (source, length) => {
    if (length > 0) bySource[source ?? unmapped] = (bySource[source ?? unmapped] ?? 0) + length;
  };
  // The last point at or before `offset`, by binary search.
  const pointAt = (offset) => {
    let low = 0;
    let high = sorted.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].offset <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
  for (const [start, end] of spans) {
    let index = pointAt(start);
    let at = start;
    while (at < end) {
      const next = index + 1 < sorted.length ? Math.min(sorted[index + 1].offset, end) : end;
      add(index === -1 ? null : sorted[index].source, next - at);
      at = next;
      index++;
    }
  }
  return bySource;
}

/**
 * Offsets in `code` where each line starts, to turn a source map's (line, column) into an offset.
 * Columns count UTF-16 code units, as offsets in a JavaScript string and V8's coverage do.
 *
 * @param {string} code
 */
export function lineStarts(code) {
  const starts = [0];
  for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * For each offset in `code` (V8's and a source map's offsets count UTF-16 code units), the UTF-8
 * bytes before it: `at[offset]`. An astral character's two units count 2 bytes each, 4 in all.
 *
 * @param {string} code
 */
export function utf8Offsets(code) {
  const at = new Uint32Array(code.length + 1);
  for (let index = 0; index < code.length; index++) {
    const unit = code.charCodeAt(index);
    at[index + 1] = at[index] + (unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3);
  }
  return at;
}

/** Spans in code units as spans in UTF-8 bytes, by utf8Offsets of the same code. */
export const spansInBytes = (spans, at) => spans.map(([start, end]) => [at[start], at[end]]);
