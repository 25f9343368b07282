import type { DecodedBatch } from '@skein/codecs';
import type { BatchHandler, ConsumedRecord, HandleBatchResult } from '@skein/kafka';
import type { Span } from '@skein/model';
import type { SpanWriter } from '@skein/storage';
import { BulkWriteError, spanDocumentId } from '@skein/storage-elasticsearch';

export interface BatchWriterOptions {
  writer: SpanWriter;
  /** The decoder the runner uses; only needed again to tell which record a permanently refused span came from. */
  decode: (value: Uint8Array) => DecodedBatch;
  /** Called with the spans of a batch once storage has acknowledged them. */
  written?: (partition: number, spans: readonly Span[]) => void;
  writeLatency?: (seconds: number, ok: boolean) => void;
  /** Permanent storage failures that name no span of the batch (e.g. a service document's mapping conflict). */
  onUnattributedFailure?: (error: BulkWriteError, partition: number) => void;
}

/**
 * The handler the consumer-group runner calls per partition batch: bulk-write the spans, resolve only once storage
 * acknowledged them. A failure that may pass (network, 429/5xx, retries exhausted) is thrown, so the runner backs
 * off and retries the batch without committing. Spans storage refuses for good (a mapping conflict) are traced back
 * to their records, which are returned as rejected (→ dead-letter topic) after the rest is written.
 */
export function createBatchWriter(options: BatchWriterOptions): BatchHandler {
  const { writer } = options;
  const timed = async (spans: readonly Span[]): Promise<void> => {
    const started = performance.now();
    try {
      await writer.writeSpans(spans);
      options.writeLatency?.((performance.now() - started) / 1000, true);
    } catch (error) {
      options.writeLatency?.((performance.now() - started) / 1000, false);
      throw error;
    }
  };

  return async (partition, spans, records): Promise<HandleBatchResult | void> => {
    try {
      await timed(spans);
      options.written?.(partition, spans);
      return;
    } catch (error) {
      const refused = permanentlyRefusedIds(error);
      if (refused === undefined) throw error;
      const { kept, rejected } = splitRefused(records, refused, options.decode, error as BulkWriteError);
      if (rejected.length === 0) {
        // Only documents other than spans (service entries) were refused: the spans themselves are stored.
        options.onUnattributedFailure?.(error as BulkWriteError, partition);
      }
      // Writing the accepted spans again is harmless (idempotent) and settles any retryable failures of the first try.
      await timed(kept);
      options.written?.(partition, kept);
      return { rejected };
    }
  };
}

/** Document ids storage refused for good, or undefined when the error is worth retrying as a whole. */
function permanentlyRefusedIds(error: unknown): Set<string> | undefined {
  if (!(error instanceof BulkWriteError) || error.retryable) return undefined;
  return new Set(error.failures.flatMap((f) => (!f.retryable && f.id !== undefined ? [f.id] : [])));
}

function splitRefused(
  records: readonly ConsumedRecord[],
  refused: ReadonlySet<string>,
  decode: (value: Uint8Array) => DecodedBatch,
  error: BulkWriteError,
): { kept: Span[]; rejected: { record: ConsumedRecord; reason: string }[] } {
  const kept: Span[] = [];
  const rejected: { record: ConsumedRecord; reason: string }[] = [];
  const reasonById = new Map(error.failures.map((f) => [f.id, `${f.errorType}: ${f.reason} (index ${f.index})`]));
  for (const record of records) {
    // The runner only hands over records that decoded to at least one span, so the value is there and decodes.
    const spans = decode(record.value!).spans;
    const refusedIds = spans.map((span) => spanDocumentId(span)).filter((id) => refused.has(id));
    if (refusedIds.length > 0) {
      rejected.push({ record, reason: `storage refused span document ${refusedIds[0]}: ${reasonById.get(refusedIds[0]!) ?? 'unknown'}` });
    } else {
      for (const span of spans) kept.push(span);
    }
  }
  return { kept, rejected };
}
