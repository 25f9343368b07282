/**
 * Failures of the write path that a receiver reports as "not accepted, try again" (HTTP 503 + Retry-After, gRPC
 * UNAVAILABLE). They complement the contract's errors in span-ingest.ts.
 */
export class WriterUnavailableError extends Error {
  override readonly name = 'WriterUnavailableError';
  constructor(
    readonly detail: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`span writer unavailable: ${detail}; retry after ${retryAfterSeconds}s`, options);
  }
}

/** The writer refused the spans for good (e.g. a record over the broker's size limit): retrying cannot help. */
export class WriterRejectedError extends Error {
  override readonly name = 'WriterRejectedError';
  constructor(readonly detail: string, options?: { cause?: unknown }) {
    super(`span writer refused the spans: ${detail}`, options);
  }
}

/** True for errors a writer marks as permanent (`retryable: false` or `kind: 'permanent'`, as @skein/kafka's do). */
export function isPermanentWriteError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { retryable?: unknown; kind?: unknown };
  return e.retryable === false || e.kind === 'permanent';
}

/** A short, bounded label for the writer-errors metric. */
export function writeErrorKind(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const reason = (error as { reason?: unknown }).reason;
    if (typeof reason === 'string' && /^[a-z-]{1,32}$/.test(reason)) return reason;
  }
  return isPermanentWriteError(error) ? 'permanent' : 'retryable';
}
