import type { SpanCodec } from '@skein/codecs';
import {
  isOffloaded,
  OverloadedError,
  resolveTenant,
  ShuttingDownError,
  WriterUnavailableError,
  type ClosableSpanIngest,
  type CollectorMetrics,
  type IngestContext,
  type IngestResult,
  type OffloadedBatch,
  type PreparedBatch,
  type SanitizeFix,
  type TenancyConfig,
} from '@skein/collector';
import { estimateSpanBytes } from '@skein/model';
import type { Logger } from '@skein/runtime';
import type { ShardIngestResult } from './messages.js';
import { ShardUnavailableError, type MemoryShards } from './memory-shards.js';

export interface ThreadedIngestOptions {
  metrics: CollectorMetrics;
  logger: Logger;
  tenancy: TenancyConfig;
  /** `--collector.queue-size-memory`: request bytes the threads may hold at once before requests are answered 429. */
  maxBytesInFlight: number;
  /** The span metrics' drop counter, for the spans a thread could not count. */
  onSpanMetricsDropped?: (dropped: ShardIngestResult['spanMetricsDropped']) => void;
}

/**
 * The all-in-one's ingest over the memory store's threads: `prepare` only takes the body, and `submit` hands it to
 * the least busy thread, which decodes, checks and keeps the spans, so the event loop is left with the network. The
 * same contract as the collector's queue: resolves once the spans are kept, 429 (RESOURCE_EXHAUSTED) when the threads
 * already hold `maxBytesInFlight`, "shutting down" once closing, the decoder's DecodeError for a malformed body.
 */
export class ThreadedSpanIngest implements ClosableSpanIngest {
  private bytesInFlight = 0;
  private requestsInFlight = 0;
  private closing = false;
  private drained: (() => void) | undefined;

  constructor(
    private readonly shards: MemoryShards,
    private readonly options: ThreadedIngestOptions,
  ) {
    options.metrics.queueCapacity.set({ unit: 'bytes' }, options.maxBytesInFlight);
  }

  prepare(codec: SpanCodec, payload: Uint8Array): OffloadedBatch {
    return { codec, payload };
  }

  async submit(batch: PreparedBatch, context: IngestContext): Promise<IngestResult> {
    if (this.closing) throw new ShuttingDownError();
    resolveTenant(this.options.tenancy, context.tenant);
    if ('records' in batch) throw new Error('the memory store threads take request bodies or spans, not Kafka records');
    const { metrics } = this.options;
    const bytes = isOffloaded(batch) ? batch.payload.byteLength : batch.spans.reduce((sum, span) => sum + estimateSpanBytes(span), 0);
    const shard = this.shards.leastBusy();
    if (shard === undefined) throw new WriterUnavailableError('every memory store thread is down and being replaced', 1);
    if (this.requestsInFlight > 0 && this.bytesInFlight + bytes > this.options.maxBytesInFlight) {
      // An undecoded body's spans are not counted (decoding it here would cost the event loop most when it is
      // busiest); the receiver counts the request it refuses, and a UDP receiver counts its spans.
      if (!isOffloaded(batch)) metrics.spansDropped.inc({ receiver: context.receiver, reason: 'queue-full' }, batch.spans.length);
      throw new OverloadedError(`the memory store threads hold ${this.bytesInFlight}/${this.options.maxBytesInFlight} request bytes`, 1);
    }
    this.bytesInFlight += bytes;
    this.requestsInFlight += 1;
    metrics.queueBytes.set(this.bytesInFlight);
    let result: ShardIngestResult;
    try {
      result = isOffloaded(batch) ? await this.shards.call(shard, 'ingest', ...bodyOf(batch)) : await this.shards.call(shard, 'spans', { spans: batch.spans, check: true }, bytes);
    } catch (error) {
      // The decoder's DecodeError goes to the receiver as it is: a client error.
      if (error instanceof ShardUnavailableError) throw new WriterUnavailableError(error.message, 1, { cause: error });
      throw error;
    } finally {
      this.bytesInFlight -= bytes;
      this.requestsInFlight -= 1;
      metrics.queueBytes.set(this.bytesInFlight);
      if (this.requestsInFlight === 0) this.drained?.();
    }
    return this.account(result, context, isOffloaded(batch) ? undefined : batch.rejected);
  }

  /** Refuses new spans and waits, until `deadlineMs`, for the threads to answer the requests they hold. */
  async close(deadlineMs: number): Promise<void> {
    this.closing = true;
    if (this.requestsInFlight === 0) return;
    const drained = new Promise<void>((resolve) => {
      this.drained = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.options.logger.warn({ requests: this.requestsInFlight }, 'the memory store threads did not answer every request before the shutdown deadline');
        resolve();
      }, deadlineMs);
    });
    await Promise.race([drained, timedOut]);
    clearTimeout(timer);
  }

  /** The collector's metrics for one answered request, and the request's answer. */
  private account(result: ShardIngestResult, context: IngestContext, decodedElsewhere: IngestResult['rejected'] = []): IngestResult {
    const { metrics } = this.options;
    const labels = { receiver: context.receiver, format: context.format };
    const received = result.received + decodedElsewhere.length;
    if (received > 0) metrics.spansReceived.inc(labels, received);
    const decodeRejected = [...decodedElsewhere, ...result.decodeRejected];
    if (decodeRejected.length > 0) metrics.spansRejected.inc({ ...labels, reason: 'decode' }, decodeRejected.length);
    for (const rejection of result.pipelineRejected) metrics.spansRejected.inc({ ...labels, reason: rejection.code });
    for (const [fix, count] of Object.entries(result.fixes) as Array<[SanitizeFix, number]>) metrics.spansSanitized.inc({ fix }, count);
    if (result.spanMetricsDropped) this.options.onSpanMetricsDropped?.(result.spanMetricsDropped);
    const rejected = [...decodeRejected, ...result.pipelineRejected.map(({ reason, traceId, spanId }) => ({ reason, ...(traceId ? { traceId } : {}), ...(spanId ? { spanId } : {}) }))];
    return { accepted: result.accepted, rejected };
  }
}

/**
 * The body for a shard, in a buffer of its own handed over without a copy. A receiver's body is often a view into a
 * larger buffer, which a plain `postMessage` would copy whole.
 */
function bodyOf(batch: OffloadedBatch): [{ codec: string; payload: Uint8Array }, number, ArrayBuffer[]] {
  const payload = new Uint8Array(batch.payload);
  return [{ codec: batch.codec.name, payload }, payload.byteLength, [payload.buffer]];
}
