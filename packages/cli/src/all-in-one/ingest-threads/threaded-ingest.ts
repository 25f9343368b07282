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
import type { PlannedBatch } from '@skein/storage-sqlite';
import type { ThreadIngestResult } from './messages.js';
import { IngestThreadUnavailableError, type IngestThreads } from './ingest-threads.js';

export interface ThreadedIngestOptions {
  metrics: CollectorMetrics;
  logger: Logger;
  tenancy: TenancyConfig;
  /** `--collector.queue-size-memory`: request bytes the threads may hold at once before requests are answered 429. */
  maxBytesInFlight: number;
  /** The span metrics' drop counter, for the spans a thread could not count. */
  onSpanMetricsDropped?: (dropped: ThreadIngestResult['spanMetricsDropped']) => void;
  /** SQLite: writes a batch a thread planned; resolves once it is committed. */
  writePlanned?: (batch: PlannedBatch) => Promise<void>;
}

/**
 * The all-in-one's ingest over its ingest threads: `prepare` only takes the body, and `submit` hands it to the least
 * busy thread, which decodes and checks it and keeps the spans (memory store) or plans them for SQLite's writer
 * thread, so the event loop is left with the network. The same contract as the collector's queue: resolves once the
 * spans are stored, 429 (RESOURCE_EXHAUSTED) when the threads already hold `maxBytesInFlight`, "shutting down" once
 * closing, the decoder's DecodeError for a malformed body.
 */
export class ThreadedSpanIngest implements ClosableSpanIngest {
  private bytesInFlight = 0;
  private requestsInFlight = 0;
  private closing = false;
  private drained: (() => void) | undefined;

  constructor(
    private readonly threads: IngestThreads,
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
    if ('records' in batch) throw new Error('the ingest threads take request bodies or spans, not Kafka records');
    const { metrics } = this.options;
    const bytes = isOffloaded(batch) ? batch.payload.byteLength : batch.spans.reduce((sum, span) => sum + estimateSpanBytes(span), 0);
    const thread = this.threads.leastBusy();
    if (thread === undefined) throw new WriterUnavailableError('every ingest thread is down and being replaced', 1);
    if (this.requestsInFlight > 0 && this.bytesInFlight + bytes > this.options.maxBytesInFlight) {
      // An undecoded body's spans are not counted (decoding it here would cost the event loop most when it is
      // busiest); the receiver counts the request it refuses, and a UDP receiver counts its spans.
      if (!isOffloaded(batch)) metrics.spansDropped.inc({ receiver: context.receiver, reason: 'queue-full' }, batch.spans.length);
      throw new OverloadedError(`the ingest threads hold ${this.bytesInFlight}/${this.options.maxBytesInFlight} request bytes`, 1);
    }
    this.bytesInFlight += bytes;
    this.requestsInFlight += 1;
    metrics.queueBytes.set(this.bytesInFlight);
    let result: ThreadIngestResult;
    try {
      result = isOffloaded(batch) ? await this.threads.call(thread, 'ingest', ...bodyOf(batch)) : await this.threads.call(thread, 'spans', { spans: batch.spans, check: true }, bytes);
      if (result.planned) await this.store(thread, result.planned);
    } catch (error) {
      // The decoder's DecodeError goes to the receiver as it is: a client error.
      if (error instanceof IngestThreadUnavailableError) throw new WriterUnavailableError(error.message, 1, { cause: error });
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
        this.options.logger.warn({ requests: this.requestsInFlight }, 'the ingest threads did not answer every request before the shutdown deadline');
        resolve();
      }, deadlineMs);
    });
    await Promise.race([drained, timedOut]);
    clearTimeout(timer);
  }

  /**
   * Writes a batch the thread planned for SQLite, then tells the thread whether it is stored, so that it counts the
   * spans into span metrics only then. A failed commit is answered "unavailable" (503, UNAVAILABLE): the client retries.
   */
  private async store(thread: number, planned: NonNullable<ThreadIngestResult['planned']>): Promise<void> {
    const settle = (stored: boolean): void =>
      void this.threads.call(thread, 'settle', { pending: planned.pending, stored }).catch((error: unknown) => this.options.logger.debug({ err: error }, 'an ingest thread stopped before its spans were settled'));
    try {
      await this.options.writePlanned!(planned.batch);
    } catch (error) {
      settle(false);
      throw new WriterUnavailableError(error instanceof Error ? error.message : String(error), 1, { cause: error });
    }
    settle(true);
  }

  /** The collector's metrics for one answered request, and the request's answer. */
  private account(result: ThreadIngestResult, context: IngestContext, decodedElsewhere: IngestResult['rejected'] = []): IngestResult {
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
 * The body for a thread, in a buffer of its own handed over without a copy. A receiver's body is often a view into a
 * larger buffer, which a plain `postMessage` would copy whole.
 */
function bodyOf(batch: OffloadedBatch): [{ codec: string; payload: Uint8Array }, number, ArrayBuffer[]] {
  const payload = new Uint8Array(batch.payload);
  return [{ codec: batch.codec.name, payload }, payload.byteLength, [payload.buffer]];
}
