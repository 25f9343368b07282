import { StorageError } from '@skein/storage';

/** A request the cluster answered with an error status, or that never got an answer. */
export class SearchRequestError extends StorageError {
  override readonly name = 'SearchRequestError';

  constructor(
    readonly method: string,
    readonly path: string,
    /** HTTP status; 0 when no response arrived (connection refused, timeout). */
    readonly statusCode: number,
    /** The cluster's error type, e.g. `index_not_found_exception`, or the client's error name. */
    readonly errorType: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path} failed${statusCode ? ` with HTTP ${statusCode}` : ''}: ${errorType}: ${reason}`, options);
  }

  /** Whether trying again later may succeed: overload, server errors and lost connections. */
  get retryable(): boolean {
    return this.statusCode === 0 || this.statusCode === 429 || this.statusCode >= 500;
  }
}

/** Pulls `type` and `reason` out of an Elasticsearch/OpenSearch error body (`{error: {type, reason, root_cause}}`). */
export function describeErrorBody(body: unknown): { type: string; reason: string } {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'string') return { type: 'error', reason: error };
    if (typeof error === 'object' && error !== null) {
      const { type, reason } = error as { type?: unknown; reason?: unknown };
      const text = typeof reason === 'string' ? reason : '';
      // "all shards failed" says nothing: the first cause underneath says what to fix.
      const cause = deepestReason(error);
      const full = cause && cause !== text ? (text ? `${text}: ${cause}` : cause) : text || JSON.stringify(error);
      return { type: typeof type === 'string' ? type : 'error', reason: full };
    }
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { type: 'error', reason: (text ?? '').slice(0, 500) };
}

/** The reason of the innermost `caused_by`, or of the first `root_cause`, of an error body. */
function deepestReason(error: object): string | undefined {
  let found: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const { reason, caused_by: causedBy } = current as { reason?: unknown; caused_by?: unknown };
    if (typeof reason === 'string' && reason !== '') found = reason;
    current = causedBy;
  }
  const roots = (error as { root_cause?: unknown }).root_cause;
  if (found === undefined && Array.isArray(roots) && typeof roots[0]?.reason === 'string') found = roots[0].reason;
  return found;
}
