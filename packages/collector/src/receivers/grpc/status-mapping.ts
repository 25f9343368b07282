import { Metadata, status as Status, type StatusObject } from '@grpc/grpc-js';
import { DecodeError } from '@skein/codecs';
import { OverloadedError, ShuttingDownError, TenantRejectedError } from '../../ingest/span-ingest.js';
import { encodeRetryInfoStatus } from './status-details.js';

/** A gRPC error answer plus the `reason` label it is counted under in `requests_rejected_total`. */
export interface RejectedCall {
  status: Pick<StatusObject, 'code' | 'details' | 'metadata'>;
  reason: string;
  /** True when the failure is ours, not the client's (logged at error level). */
  internal: boolean;
}

function answer(code: Status, details: string, reason: string, internal = false, metadata = new Metadata()): RejectedCall {
  return { status: { code, details, metadata }, reason, internal };
}

/** A request payload the codec refused. */
export function rejectUndecodable(error: unknown, format: string): RejectedCall {
  if (error instanceof DecodeError) return answer(Status.INVALID_ARGUMENT, error.message, 'malformed');
  // Not a DecodeError: a decoder bug met unusual input. Still the client's payload, so still INVALID_ARGUMENT.
  const message = error instanceof Error ? error.message : String(error);
  return answer(Status.INVALID_ARGUMENT, `${format}: cannot decode the request: ${message}`, 'malformed', true);
}

/**
 * A request whose every span was refused, for a protocol whose reply cannot say so (Jaeger's `PostSpans` has no
 * partial-success field): answering OK would tell the client its spans are stored.
 */
export function rejectAllRefused(message: string): RejectedCall {
  return answer(Status.INVALID_ARGUMENT, message, 'all-spans-rejected');
}

/** Maps what `SpanIngest.submit` threw to the gRPC answer the contract asks for. */
export function rejectIngestFailure(error: unknown): RejectedCall {
  if (error instanceof OverloadedError) {
    const metadata = new Metadata();
    metadata.set('grpc-status-details-bin', encodeRetryInfoStatus(Status.RESOURCE_EXHAUSTED, error.message, error.retryAfterSeconds));
    return answer(Status.RESOURCE_EXHAUSTED, error.message, 'overloaded', false, metadata);
  }
  if (error instanceof ShuttingDownError) return answer(Status.UNAVAILABLE, error.message, 'shutting-down');
  if (error instanceof TenantRejectedError) {
    return error.reason === 'missing'
      ? answer(Status.UNAUTHENTICATED, error.message, 'tenant-missing')
      : answer(Status.PERMISSION_DENIED, error.message, 'tenant-not-allowed');
  }
  // Where the request is decoded by the ingest itself (the all-in-one's ingest threads).
  if (error instanceof DecodeError) return answer(Status.INVALID_ARGUMENT, error.message, 'malformed');
  const message = error instanceof Error ? error.message : String(error);
  return answer(Status.INTERNAL, `collector failed to take the spans: ${message}`, 'internal', true);
}
