/**
 * The whole-pixel box model of a `<conv-message>` row: its styles are written with these figures and
 * `<conv-message-list>` takes its estimate for rows not yet measured from them, so the two cannot drift.
 */
import { unsafeCSS, type CSSResult } from 'lit';

export const MESSAGE_METRICS = {
  /** Above and below each row. */
  rowPaddingBlock: 4,
  /** Message text. */
  textLineHeight: 21,
  /** Author and time, delivery status, system notices: the small 13 px type. */
  smallLineHeight: 18,
  /** Between the bubble and the delivery row. */
  messageGap: 2,
  /** Above and below the bubble's content. */
  bubblePaddingBlock: 8,
  /** Between the parts inside a bubble (meta, photos, location, text). */
  bubbleGap: 6,
  /** Around a shared location. */
  locationPadding: 8,
  /** A system notice's bubble (ended, transferred) sits tighter. */
  systemPaddingBlock: 4,
} as const;

/** A metric as a CSS length. */
export const px = (metric: keyof typeof MESSAGE_METRICS): CSSResult => unsafeCSS(`${MESSAGE_METRICS[metric]}px`);

/**
 * What a row counts as in `<conv-message-list>` until it is shown and measured: a one-line message
 * with its author, time and delivery status.
 */
export const ESTIMATED_ROW_HEIGHT =
  2 * MESSAGE_METRICS.rowPaddingBlock +
  2 * MESSAGE_METRICS.bubblePaddingBlock +
  MESSAGE_METRICS.smallLineHeight + // author and time
  MESSAGE_METRICS.bubbleGap +
  MESSAGE_METRICS.textLineHeight +
  MESSAGE_METRICS.messageGap +
  MESSAGE_METRICS.smallLineHeight; // delivery status
