/**
 * Where the rows of a windowed list sit, without the DOM: every row counts as one estimated height
 * until it is measured, and measured heights live in Fenwick trees (binary indexed trees), so a
 * row's offset, the row at an offset and a new measurement each cost O(log n), and a list of any
 * length costs nothing to set up. Used by `<conv-message-list>` (rows of varying height, measured as
 * they are shown) and `<conv-list>` (rows of one height, which never call `measure`, so the offsets
 * are plain multiplication).
 */
export class RowOffsets {
  #rows = 0;
  #estimate: number;
  /** How many rows have a measured height. */
  #measuredRows = 0;
  #heights = new Float64Array(0);
  #measured = new Uint8Array(0);
  /** Fenwick trees over the rows' capacity, 1-based: sums of measured heights, and counts of measured rows. */
  #heightTree = new Float64Array(1);
  #countTree = new Int32Array(1);

  constructor(estimatedHeight: number, count = 0) {
    this.#estimate = estimatedHeight;
    this.resize(count, 0);
  }

  get count(): number {
    return this.#rows;
  }

  /** The height every unmeasured row counts as. Changing it costs O(1): it is not stored per row. */
  get estimatedHeight(): number {
    return this.#estimate;
  }

  set estimatedHeight(height: number) {
    this.#estimate = height;
  }

  /** The height of all rows together. */
  get totalHeight(): number {
    return this.offsetOf(this.#rows);
  }

  /**
   * The list now has `count` rows, of which the first `keep` are the same rows as before; the others
   * are new and unmeasured. Costs O(rows dropped), not O(count).
   */
  resize(count: number, keep = Math.min(count, this.#rows)): void {
    const kept = Math.max(0, Math.min(keep, count, this.#rows));
    if (this.#measuredRows && kept === 0) this.#clearAll();
    else if (this.#measuredRows) for (let index = kept; index < this.#rows; index++) this.#forget(index);
    if (count > this.#heights.length) this.#grow(count);
    this.#rows = count;
  }

  /** Records a row's measured height; false when it already had exactly that height. */
  measure(index: number, height: number): boolean {
    if (index < 0 || index >= this.#rows) return false;
    const wasMeasured = this.#measured[index] === 1;
    if (wasMeasured && this.#heights[index] === height) return false;
    this.#add(index, height - (wasMeasured ? this.#heights[index]! : 0), wasMeasured ? 0 : 1);
    this.#heights[index] = height;
    this.#measured[index] = 1;
    if (!wasMeasured) this.#measuredRows++;
    return true;
  }

  isMeasured(index: number): boolean {
    return this.#measured[index] === 1;
  }

  /** The row's measured height, else the estimate. */
  heightOf(index: number): number {
    return this.#measured[index] === 1 ? this.#heights[index]! : this.#estimate;
  }

  /** The top of row `index`; `offsetOf(count)` is the height of all rows. */
  offsetOf(index: number): number {
    const rows = Math.max(0, Math.min(index, this.#rows));
    if (!this.#measuredRows) return rows * this.#estimate;
    let height = 0;
    let measuredCount = 0;
    for (let node = rows; node > 0; node -= node & -node) {
      height += this.#heightTree[node]!;
      measuredCount += this.#countTree[node]!;
    }
    return height + (rows - measuredCount) * this.#estimate;
  }

  /** The row at vertical position `offset`: the last one whose top is at or above it, clamped to the list. */
  indexAt(offset: number): number {
    if (this.#rows === 0) return 0;
    if (!this.#measuredRows)
      return clamp(this.#estimate > 0 ? Math.floor(offset / this.#estimate) : 0, 0, this.#rows - 1);
    // Descends the trees: each step adds a block of rows whose whole height still fits above `offset`.
    let rowsAbove = 0;
    let remaining = offset;
    for (let step = highestPowerOfTwo(this.#heightTree.length - 1); step > 0; step >>= 1) {
      const node = rowsAbove + step;
      if (node > this.#rows) continue;
      const blockHeight = this.#heightTree[node]! + (step - this.#countTree[node]!) * this.#estimate;
      if (blockHeight <= remaining) {
        rowsAbove = node;
        remaining -= blockHeight;
      }
    }
    return clamp(rowsAbove, 0, this.#rows - 1);
  }

  #add(index: number, height: number, count: number): void {
    for (let node = index + 1; node < this.#heightTree.length; node += node & -node) {
      this.#heightTree[node]! += height;
      this.#countTree[node]! += count;
    }
  }

  #forget(index: number): void {
    if (this.#measured[index] !== 1) return;
    this.#add(index, -this.#heights[index]!, -1);
    this.#measured[index] = 0;
    this.#measuredRows--;
  }

  #clearAll(): void {
    this.#measured.fill(0);
    this.#heightTree.fill(0);
    this.#countTree.fill(0);
    this.#measuredRows = 0;
  }

  /** Doubles the capacity (amortized O(1) per appended row) and rebuilds the trees in linear time. */
  #grow(count: number): void {
    const capacity = Math.max(count, this.#heights.length * 2, 64);
    const heights = new Float64Array(capacity);
    const measured = new Uint8Array(capacity);
    heights.set(this.#heights);
    measured.set(this.#measured);
    this.#heights = heights;
    this.#measured = measured;
    this.#heightTree = new Float64Array(capacity + 1);
    this.#countTree = new Int32Array(capacity + 1);
    if (!this.#measuredRows) return;
    for (let node = 1; node <= capacity; node++) {
      if (measured[node - 1] === 1) {
        this.#heightTree[node]! += heights[node - 1]!;
        this.#countTree[node]! += 1;
      }
      const parent = node + (node & -node);
      if (parent <= capacity) {
        this.#heightTree[parent]! += this.#heightTree[node]!;
        this.#countTree[parent]! += this.#countTree[node]!;
      }
    }
  }
}

/** A run of rows, `start` included, `end` not. */
export interface RowRange {
  start: number;
  end: number;
}

/** The rows to render when the viewport's top edge is at `top`: those in view and `overscan` pixels beyond each edge. */
export function rowsAround(offsets: RowOffsets, top: number, viewportHeight: number, overscan: number): RowRange {
  const count = offsets.count;
  if (!count) return { start: 0, end: 0 };
  const start = offsets.indexAt(top - overscan);
  const end = Math.min(count, offsets.indexAt(top + viewportHeight + overscan) + 1);
  return { start, end: Math.max(end, start + 1) };
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

function highestPowerOfTwo(value: number): number {
  let power = 1;
  while (power * 2 <= value) power *= 2;
  return value < 1 ? 0 : power;
}
