import type { handleUnaryCall, Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import type { Logger, RateLimitedLog } from '@skein/runtime';
import type { IngestResult, PreparedBatch, SpanIngest } from '../../ingest/span-ingest.js';
import type { CollectorMetrics } from '../../metrics.js';
import type { DecodeOutcome } from './method-definitions.js';
import { rejectAllRefused, rejectIngestFailure, rejectUndecodable, type RejectedCall } from './status-mapping.js';

export interface GrpcIngestDeps {
  ingest: SpanIngest;
  metrics: CollectorMetrics;
  logger: Logger;
  /** Rate-limited warnings about bad client input. */
  badInputLog: RateLimitedLog;
  /** Metadata key holding the tenant (`--multi-tenancy.header`, default `x-tenant`). */
  tenantHeader: string;
}

export function tenantOf(metadata: Metadata, header: string): string | undefined {
  const value = metadata.get(header)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function report(deps: GrpcIngestDeps, receiver: string, call: ServerUnaryCall<unknown, unknown>, rejected: RejectedCall, bytes?: number): void {
  deps.metrics.requestsRejected.inc({ receiver, reason: rejected.reason });
  const fields = { receiver, peer: call.getPeer(), code: rejected.status.code, error: rejected.status.details, bytes };
  if (rejected.internal) deps.logger.error(fields, 'gRPC request failed');
  else if (rejected.reason === 'malformed') deps.badInputLog.warn(fields, 'rejected an undecodable gRPC request');
  else if (rejected.reason === 'all-spans-rejected') deps.badInputLog.warn(fields, 'rejected a gRPC request none of whose spans is valid');
}

/**
 * The body of `TraceService/Export` and `CollectorService/PostSpans`: decoded batch → `SpanIngest.submit` →
 * response once the writer has the spans, or the mapped error status.
 */
export function ingestUnaryHandler<Response>(
  deps: GrpcIngestDeps,
  receiver: string,
  format: string,
  respond: (result: IngestResult) => Response,
  /** Answer INVALID_ARGUMENT, not OK, when spans came and none was accepted (a reply with no partial success). */
  refuseWhenAllRejected = false,
): handleUnaryCall<DecodeOutcome<PreparedBatch>, Response> {
  return (call, callback) => {
    const outcome = call.request;
    if (!outcome.ok) {
      const rejected = rejectUndecodable(outcome.error, format);
      report(deps, receiver, call, rejected, outcome.bytes);
      callback(rejected.status);
      return;
    }
    const batch = outcome.value;
    const tenant = tenantOf(call.metadata, deps.tenantHeader);
    // Received and rejected spans are counted by the ingest, once for every receiver.
    deps.ingest.submit(batch, tenant === undefined ? { receiver, format } : { receiver, format, tenant }).then(
      (result) => {
        if (refuseWhenAllRejected && result.accepted === 0 && result.rejected.length > 0) {
          const rejected = rejectAllRefused(partialSuccessMessage(result));
          report(deps, receiver, call, rejected);
          callback(rejected.status);
          return;
        }
        callback(null, respond(result));
      },
      (error: unknown) => {
        const rejected = rejectIngestFailure(error);
        report(deps, receiver, call, rejected);
        callback(rejected.status);
      },
    );
  };
}

/** The OTLP partial-success message: how many spans and the first few reasons. */
export function partialSuccessMessage(result: IngestResult): string {
  if (result.rejected.length === 0) return '';
  const shown = result.rejected.slice(0, 3).map((r) => (r.spanId ? `span ${r.spanId}: ${r.reason}` : r.reason));
  const more = result.rejected.length > shown.length ? `; and ${result.rejected.length - shown.length} more` : '';
  return `${result.rejected.length} span(s) rejected: ${shown.join('; ')}${more}`;
}
