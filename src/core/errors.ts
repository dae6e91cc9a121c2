/**
 * Typed errors. An adapter throws (or rejects with) a ConvError; the store maps anything else to one,
 * so the UI always has a `code` to turn into words.
 */
export type ConvErrorCode =
  /** The backend could not be reached or did not answer in time. Retryable. */
  | 'network'
  /** Someone else changed it first (another agent picked the conversation). */
  | 'conflict'
  /** This agent may not do that. */
  | 'forbidden'
  /** The request itself is wrong (unknown conversation, empty message, refused file). */
  | 'invalid';

export class ConvError extends Error {
  override readonly name = 'ConvError';

  constructor(
    readonly code: ConvErrorCode,
    message: string = code,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.code === 'network';
  }
}

export function isConvError(error: unknown): error is ConvError {
  return (
    error instanceof ConvError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'ConvError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}

/** Unknown failures (a thrown TypeError from fetch, a timeout) count as `network`: worth retrying. */
export function toConvError(error: unknown): ConvError {
  if (error instanceof ConvError) return error;
  if (isConvError(error)) return new ConvError(error.code, error.message, error.details);
  const message = error instanceof Error ? error.message : String(error);
  return new ConvError('network', message);
}
