import type { Span } from '@skein/model';

/**
 * Stores spans.
 *
 * - `writeSpans` resolves only once every span in the batch is durable in the backend's own sense (documented per
 *   backend: fsynced, acknowledged by a quorum, committed to the write-ahead log…). When it rejects, any subset of
 *   the batch may have been stored; the caller retries the whole batch, which is safe because writes are idempotent.
 * - Idempotent: a span's storage key is trace id + span id + a hash of its whole content. Writing an identical span
 *   again (a redelivery after a crash) leaves one copy. Two *different* spans that share trace and span id — Zipkin's
 *   shared client/server spans — are both kept.
 * - The spans are not retained by reference: the caller may reuse or mutate them once the promise settles.
 */
export interface SpanWriter {
  writeSpans(spans: readonly Span[]): Promise<void>;
}
