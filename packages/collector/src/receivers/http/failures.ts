import { DecodeError } from '@skein/codecs';
import { WriterRejectedError, WriterUnavailableError } from '../../ingest/errors.js';
import { OverloadedError, ShuttingDownError, TenantRejectedError } from '../../ingest/span-ingest.js';
import { BodyError } from './body.js';

/** How a receiver answers a failed request: status, `requests_rejected` reason, a message for the client. */
export interface HttpFailure {
  status: number;
  reason: string;
  message: string;
  retryAfterSeconds?: number;
  /** Client errors are logged (rate-limited) at warn; server-side ones at error. */
  clientFault: boolean;
}

/** Seconds a client should wait before retrying during shutdown (another replica takes over meanwhile). */
const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

/** Maps what the body reader, decoder and ingest throw onto HTTP. Anything unknown is a 500. */
export function httpFailureOf(error: unknown): HttpFailure {
  if (error instanceof BodyError) {
    if (error.status === 429) return { status: 429, reason: error.reason, message: error.message, retryAfterSeconds: 1, clientFault: false };
    return { status: error.status, reason: error.reason, message: error.message, clientFault: true };
  }
  if (error instanceof DecodeError) return { status: 400, reason: 'decode', message: error.message, clientFault: true };
  if (error instanceof OverloadedError) return { status: 429, reason: 'overloaded', message: error.message, retryAfterSeconds: error.retryAfterSeconds, clientFault: false };
  if (error instanceof WriterUnavailableError) return { status: 503, reason: 'writer-unavailable', message: error.message, retryAfterSeconds: error.retryAfterSeconds, clientFault: false };
  if (error instanceof ShuttingDownError) return { status: 503, reason: 'shutting-down', message: error.message, retryAfterSeconds: SHUTDOWN_RETRY_AFTER_SECONDS, clientFault: false };
  if (error instanceof TenantRejectedError) return { status: error.reason === 'missing' ? 401 : 403, reason: 'tenant', message: error.message, clientFault: true };
  if (error instanceof WriterRejectedError) return { status: 500, reason: 'writer-rejected', message: error.message, clientFault: false };
  return { status: 500, reason: 'internal', message: 'internal error while handling the spans', clientFault: false };
}

/** A summary of refused spans for partial-success messages and 400 bodies, bounded in length. */
export function describeRejections(rejected: readonly { reason: string; traceId?: string; spanId?: string }[], limit = 5): string {
  const shown = rejected.slice(0, limit).map((r) => {
    const ids = [r.traceId ? `trace ${r.traceId}` : '', r.spanId ? `span ${r.spanId}` : ''].filter(Boolean).join(' ');
    return ids ? `${r.reason} (${ids})` : r.reason;
  });
  const more = rejected.length > limit ? `; and ${rejected.length - limit} more` : '';
  const text = `${rejected.length} span${rejected.length === 1 ? '' : 's'} rejected: ${shown.join('; ')}${more}`;
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}
