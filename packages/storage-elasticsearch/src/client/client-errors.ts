import { describeErrorBody, SearchRequestError } from './errors.js';

/** Both clients throw `ResponseError` with `meta.statusCode`/`meta.body`, or connection/timeout errors without. */
export function toSearchRequestError(method: string, path: string, error: unknown): SearchRequestError {
  if (error instanceof SearchRequestError) return error;
  const meta = (error as { meta?: { statusCode?: unknown; body?: unknown } } | null)?.meta;
  const statusCode = typeof meta?.statusCode === 'number' ? meta.statusCode : 0;
  if (statusCode > 0) {
    const { type, reason } = describeErrorBody(meta?.body);
    return new SearchRequestError(method, path, statusCode, type, reason, { cause: error });
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new SearchRequestError(method, path, 0, name, message, { cause: error });
}
