import { RowOffsets } from '../shared/windowing.js';
import { ESTIMATED_ROW_HEIGHT } from '../conv-message/conv-message.metrics.js';
import { unchangedPrefix, type MessageListRow } from './message-rows.js';

/** How the rows changed from one `items` to the next. */
export interface RowsChange {
  /** Rows at the start that are the very same row objects. */
  kept: number;
  /** Only rows after the previous last one are new. */
  appendedOnly: boolean;
  /** How far the previous rows moved down if rows arrived above them (older history). */
  shift: number;
}

/**
 * The message list's row offsets for rows identified by key: a measured height stays with its row when
 * rows arrive above, below or in between, and a row's index is looked for where it was or where the
 * shift puts it first, so the usual changes (a new message, a status, older history) never index all rows.
 */
export class RowHeights {
  readonly offsets = new RowOffsets(ESTIMATED_ROW_HEIGHT);
  #rows: readonly MessageListRow[] = [];
  /** Measured heights by row key, with the index the row last had. */
  #heights = new Map<string, { height: number; index: number }>();
  /** Every row's index, built only when a row is not where it was expected. */
  #indexByKey?: Map<string, number>;

  /** The list's rows are now `rows`. */
  update(rows: readonly MessageListRow[]): RowsChange {
    const previous = this.#rows;
    this.#rows = rows;
    const kept = unchangedPrefix(previous, rows);
    const appendedOnly = kept === previous.length;
    const shift = rows.length - previous.length;
    if (!appendedOnly) this.#indexByKey = undefined;
    else if (this.#indexByKey)
      for (let index = kept; index < rows.length; index++) this.#indexByKey.set(rows[index]!.key, index);
    this.offsets.resize(rows.length, kept);
    for (const [key, known] of this.#heights) {
      if (known.index < kept) continue;
      const index = this.indexOf(key, known.index, known.index + shift);
      if (index === undefined) this.#heights.delete(key);
      else this.measure(key, index, known.height);
    }
    return { kept, appendedOnly, shift };
  }

  /** Where the row with `key` is now, tried first at the `likely` indexes; undefined once it is gone. */
  indexOf(key: string, ...likely: number[]): number | undefined {
    for (const index of likely) if (this.#rows[index]?.key === key) return index;
    this.#indexByKey ??= new Map(this.#rows.map((row, index) => [row.key, index]));
    return this.#indexByKey.get(key);
  }

  /** Records a shown row's height; false when it had exactly that height already. */
  measure(key: string, index: number, height: number): boolean {
    this.#heights.set(key, { height, index });
    return this.offsets.measure(index, height);
  }
}
