/**
 * Jaeger's `/api` answer: `{data, total, limit, offset, errors}`. `total` is only filled for lists of services and
 * operations (Jaeger leaves it 0 for traces and dependencies); `limit`/`offset` are always 0; `errors` is null
 * unless there are some (per-trace "trace not found" for `traceID` searches, or the one error of a failed request).
 */
export interface V1Envelope<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: V1Error[] | null;
}

/** `code` is left out inside a successful answer's `errors`; `traceID` is only present for per-trace errors. */
export interface V1Error {
  code?: number;
  msg: string;
  traceID?: string;
}

export function v1Data<T>(data: T, total = 0, errors: V1Error[] = []): V1Envelope<T> {
  return { data, total, limit: 0, offset: 0, errors: errors.length > 0 ? errors : null };
}

export function v1Failure(code: number, msg: string): V1Envelope<null> {
  return { data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] };
}

/** Jaeger's message for a trace no store has. */
export const TRACE_NOT_FOUND = 'trace not found';
