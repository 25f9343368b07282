/** Base class of every error a storage backend raises on purpose, so callers can tell them from bugs. */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Which rule of a trace query was broken; stable strings the query API can map to a 400 response. */
export type InvalidTraceQueryReason =
  | 'service-name-required'
  | 'start-time-min-after-max'
  | 'duration-min-above-max'
  | 'invalid-number'
  | 'invalid-limit'
  | 'invalid-tags';

/** A `TraceQuery` that breaks one of the rules of `validateTraceQuery`. Maps to HTTP 400 / gRPC INVALID_ARGUMENT. */
export class InvalidTraceQueryError extends StorageError {
  override readonly name = 'InvalidTraceQueryError';

  constructor(
    readonly reason: InvalidTraceQueryReason,
    message: string,
  ) {
    super(`invalid trace query: ${message}`);
  }
}

/** A backend was used after `close()`. */
export class StorageClosedError extends StorageError {
  override readonly name = 'StorageClosedError';

  constructor(backend: string) {
    super(`${backend} storage is closed`);
  }
}
