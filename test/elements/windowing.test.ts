import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { RowOffsets, rowsAround } from '../../src/elements/shared/windowing.js';

/** The plain definition the offsets must agree with: every row's height added up from the top. */
function naiveOffsets(heights: readonly (number | undefined)[], estimate: number): number[] {
  const offsets = [0];
  for (const height of heights) offsets.push(offsets.at(-1)! + (height ?? estimate));
  return offsets;
}

describe('RowOffsets', () => {
  it('places rows that were never measured at multiples of the estimate', () => {
    const offsets = new RowOffsets(80, 10_000);
    expect(offsets.offsetOf(0)).to.equal(0);
    expect(offsets.offsetOf(125)).to.equal(10_000);
    expect(offsets.totalHeight).to.equal(800_000);
    expect(offsets.indexAt(10_079)).to.equal(125);
    expect(offsets.indexAt(10_080)).to.equal(126);
  });

  it('puts a measured row at its real height and moves the rows below it, not above it', () => {
    const offsets = new RowOffsets(50, 100);
    expect(offsets.measure(10, 120)).to.equal(true);
    expect(offsets.measure(10, 120)).to.equal(false);
    expect(offsets.offsetOf(10)).to.equal(500);
    expect(offsets.offsetOf(11)).to.equal(620);
    expect(offsets.totalHeight).to.equal(99 * 50 + 120);
    expect(offsets.indexAt(619)).to.equal(10);
    expect(offsets.indexAt(620)).to.equal(11);
  });

  it('moves every unmeasured row at once when the estimate changes (a fixed-height list learns its row height)', () => {
    const offsets = new RowOffsets(76, 2_000);
    offsets.estimatedHeight = 64;
    expect(offsets.offsetOf(1_000)).to.equal(64_000);
    expect(offsets.indexAt(64 * 1_500 + 10)).to.equal(1_500);
  });

  it('keeps the measurements of the rows it is told to keep, and forgets the rest', () => {
    const offsets = new RowOffsets(40, 10);
    offsets.measure(2, 100);
    offsets.measure(8, 100);
    offsets.resize(12, 5);
    expect(offsets.isMeasured(2)).to.equal(true);
    expect(offsets.isMeasured(8)).to.equal(false);
    expect(offsets.totalHeight).to.equal(11 * 40 + 100);
  });

  it('clamps positions outside the list to its first and last row', () => {
    const offsets = new RowOffsets(30, 5);
    expect(offsets.indexAt(-100)).to.equal(0);
    expect(offsets.indexAt(1e9)).to.equal(4);
    expect(new RowOffsets(30).indexAt(50)).to.equal(0);
  });

  it('agrees with adding up the heights, whatever is measured, kept, grown or shrunk', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('measure' as const), at: fc.nat(400), height: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant('resize' as const), count: fc.nat(400), keep: fc.nat(400) }),
      fc.record({ kind: fc.constant('estimate' as const), height: fc.integer({ min: 1, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.nat(300), fc.array(step, { maxLength: 60 }), (count, steps) => {
        const offsets = new RowOffsets(60, count);
        let heights: (number | undefined)[] = Array.from({ length: count });
        let estimate = 60;
        for (const change of steps) {
          if (change.kind === 'measure' && change.at < heights.length) {
            offsets.measure(change.at, change.height);
            heights[change.at] = change.height;
          } else if (change.kind === 'resize') {
            const keep = Math.min(change.keep, change.count, heights.length);
            offsets.resize(change.count, keep);
            heights = [...heights.slice(0, keep), ...Array.from({ length: change.count - keep })] as (
              number | undefined
            )[];
          } else if (change.kind === 'estimate') {
            offsets.estimatedHeight = estimate = change.height;
          }
        }
        const expected = naiveOffsets(heights, estimate);
        for (let index = 0; index <= heights.length; index++) expect(offsets.offsetOf(index)).to.equal(expected[index]);
        for (let index = 0; index < heights.length; index++) {
          // The last row whose top is at or above the point, as a binary search over the sums finds it.
          const top = expected[index]!;
          let last = index;
          while (last + 1 < heights.length && expected[last + 1]! <= top) last++;
          expect(offsets.indexAt(top)).to.equal(last);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('rowsAround', () => {
  it('covers the viewport and the overscan on both sides', () => {
    const offsets = new RowOffsets(100, 1_000);
    expect(rowsAround(offsets, 50_000, 600, 200)).to.deep.equal({ start: 498, end: 509 });
  });

  it('renders at least one row of a non-empty list and none of an empty one', () => {
    expect(rowsAround(new RowOffsets(100, 3), 1e6, 600, 0)).to.deep.equal({ start: 2, end: 3 });
    expect(rowsAround(new RowOffsets(100), 0, 600, 200)).to.deep.equal({ start: 0, end: 0 });
  });
});
