import type { KafkaSpanMessage, SpanCodec, TranscodedBatch, TranscodePlan } from '@skein/codecs';
import type { Span } from '@skein/model';
import type { Logger } from '@skein/runtime';
import type { SpanWriter } from '@skein/storage';
import type { CollectorMetrics } from '../metrics.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { resolveTenant, type TenancyConfig } from '../pipeline/tenancy.js';
import { retryDelayMs, type RetryPolicy } from './backoff.js';
import { WriterRejectedError, WriterUnavailableError, isPermanentWriteError, writeErrorKind } from './errors.js';
import type { ProtobufRecordWriter } from '../writers/managed-writer.js';
import { isOffloaded, isTranscoded, OverloadedError, ShuttingDownError, type IngestContext, type IngestResult, type PreparedBatch, type ClosableSpanIngest } from './span-ingest.js';
import { DrainRate } from './drain-rate.js';
import { SpanQueue, type QueueEntry } from './span-queue.js';

/**
 * How long the writer may fail before requests are answered 503 + Retry-After: new ones at once rather than queued,
 * and those already waiting or retrying once they have sat through this much of the failure. The queue absorbs a
 * blip; in a real outage every client gets a fast answer, not one at the end of `maxWaitMs`.
 */
export const FAIL_FAST_AFTER_MS = 1_500;

export interface QueueSettings {
  /** `--collector.queue-size`: spans waiting or being written. */
  maxSpans: number;
  /** `--collector.queue-size-memory`, in bytes (approximate span size). */
  maxBytes: number;
  /** `--collector.num-workers`: batches written concurrently. */
  workers: number;
  /** Most spans per writer call. */
  maxBatchSpans: number;
  /** How long a worker waits for a batch to fill before writing what it has. */
  lingerMs: number;
  /** How long an accepted request may wait for the writer before it is answered "unavailable". */
  maxWaitMs: number;
  /**
   * Longest a new request should wait behind the queue while the writer works (`--collector.queue.max-delay`): a
   * request that would wait longer at the measured drain rate gets 429 at once, and a waiting one that outlives it
   * is answered 429 too, so clients retry elsewhere instead of timing out. 0 turns this off.
   */
  maxDelayMs?: number;
  retry: RetryPolicy;
}

export interface QueuedSpanIngestOptions {
  writer: SpanWriter;
  pipeline: Pipeline;
  /**
   * The fast path: when set, codecs that can transcode a request straight into the writer's Kafka records do so
   * (`SpanCodec.toKafkaProtobuf`), checked against `plan` (the pipeline's settings), and `records` writes them.
   */
  fastPath?: { records: ProtobufRecordWriter; plan: Omit<TranscodePlan, 'nowMicros'> };
  tenancy: TenancyConfig;
  settings: QueueSettings;
  metrics: CollectorMetrics;
  logger: Logger;
  now?: () => number;
}

/**
 * The collector's {@link SpanIngest}: pipeline → one bounded queue → a few workers writing batches with retry.
 *
 * - `submit` resolves after the writer acknowledged the batch holding the request's spans; it rejects when the
 *   queue is full ({@link OverloadedError}), during shutdown, or when the writer stayed down past `maxWaitMs`
 *   ({@link WriterUnavailableError}) — never "accepted" without the writer having taken the spans.
 * - A failed batch is retried with jittered backoff while new requests fill the queue; once it is full, callers get
 *   backpressure. When the writer answers again, the queue drains by itself.
 * - A batch is written until the first success and never again, so nothing is written twice by the queue; a retry
 *   after a failed (possibly partial) write is safe because writers are idempotent.
 */
export class QueuedSpanIngest implements ClosableSpanIngest {
  private readonly queue: SpanQueue;
  private readonly settings: QueueSettings;
  private readonly now: () => number;
  private readonly workers: Promise<void>[] = [];
  private wakeWorkers: Array<() => void> = [];
  private closing = false;
  private stopped = false;
  private writerHealthy = true;
  /** When the current run of failed writes began (performance clock), for failing fast during a long outage. */
  private failingSince: number | undefined;
  private lastWriteError: unknown;
  /** Batches a worker is writing or retrying; with none, a new request is let through to probe the writer. */
  private batchesInFlight = 0;
  private currentBackoffMs = 0;
  private readonly sweepTimer: NodeJS.Timeout;
  private stopRetrying: (() => void) | undefined;
  private readonly stopRetryingSignal: Promise<void>;
  private readonly drainRate = new DrainRate();

  constructor(private readonly options: QueuedSpanIngestOptions) {
    this.settings = options.settings;
    this.now = options.now ?? (() => performance.now());
    this.queue = new SpanQueue({ spans: this.settings.maxSpans, bytes: this.settings.maxBytes });
    options.metrics.queueCapacity.set({ unit: 'spans' }, this.settings.maxSpans);
    options.metrics.queueCapacity.set({ unit: 'bytes' }, this.settings.maxBytes);
    this.stopRetryingSignal = new Promise((resolve) => {
      this.stopRetrying = resolve;
    });
    for (let i = 0; i < Math.max(1, this.settings.workers); i++) this.workers.push(this.runWorker());
    const sweepEvery = Math.min(this.settings.maxWaitMs, this.settings.maxDelayMs || Number.POSITIVE_INFINITY) / 4;
    this.sweepTimer = setInterval(() => this.expireWaiting(), Math.max(50, Math.min(FAIL_FAST_AFTER_MS / 4, sweepEvery)));
    this.sweepTimer.unref();
  }

  /** Whether the last write succeeded (used for Retry-After hints and logs). */
  get healthy(): boolean {
    return this.writerHealthy;
  }

  get queuedSpans(): number {
    return this.queue.spans;
  }

  prepare(codec: SpanCodec, payload: Uint8Array): PreparedBatch {
    const fastPath = this.options.fastPath;
    if (fastPath && codec.toKafkaProtobuf) {
      const transcoded = codec.toKafkaProtobuf(payload, { ...fastPath.plan, nowMicros: Date.now() * 1000 });
      if (transcoded) return transcoded;
    }
    return codec.decode(payload);
  }

  async submit(prepared: PreparedBatch, context: IngestContext): Promise<IngestResult> {
    if (this.closing) throw new ShuttingDownError();
    const batch = isOffloaded(prepared) ? prepared.codec.decode(prepared.payload) : prepared;
    const { metrics } = this.options;
    const tenant = resolveTenant(this.options.tenancy, context.tenant);
    if (isTranscoded(batch)) {
      // Every span passed the pipeline's checks while being transcoded: nothing was refused or repaired.
      if (batch.records.length === 0) return { accepted: 0, rejected: [] };
      metrics.spansReceived.inc({ receiver: context.receiver, format: context.format }, batch.records.length);
      metrics.spansTranscoded.inc({ receiver: context.receiver, format: context.format }, batch.records.length);
      await this.enqueue(NO_SPANS, batch.records, batch.bytes, context.receiver, tenant);
      return { accepted: batch.records.length, rejected: [] };
    }
    const received = batch.spans.length + batch.rejected.length;
    if (received > 0) metrics.spansReceived.inc({ receiver: context.receiver, format: context.format }, received);
    if (batch.rejected.length > 0) metrics.spansRejected.inc({ receiver: context.receiver, format: context.format, reason: 'decode' }, batch.rejected.length);

    const output = this.options.pipeline(batch.spans);
    for (const rejection of output.rejected) {
      metrics.spansRejected.inc({ receiver: context.receiver, format: context.format, reason: rejection.code });
    }
    const rejected = [...batch.rejected, ...output.rejected.map(({ reason, traceId, spanId }) => ({ reason, ...(traceId ? { traceId } : {}), ...(spanId ? { spanId } : {}) }))];
    if (output.spans.length === 0) return { accepted: 0, rejected };

    await this.enqueue(output.spans, NO_RECORDS, output.bytes, context.receiver, tenant);
    return { accepted: output.spans.length, rejected };
  }

  private enqueue(spans: readonly Span[], records: readonly KafkaSpanMessage[], bytes: number, receiver: string, _tenant: string | undefined): Promise<void> {
    const count = spans.length + records.length;
    return new Promise<void>((resolve, reject) => {
      const enqueuedAt = this.now();
      const entry: QueueEntry = { spans, records, count, bytes, receiver, enqueuedAt, deadline: enqueuedAt + this.settings.maxWaitMs, resolve, reject };
      if (this.failingSince !== undefined && this.batchesInFlight > 0 && enqueuedAt - this.failingSince >= FAIL_FAST_AFTER_MS) {
        // The writer has failed for a while: answer now instead of holding the request for the whole wait limit.
        this.options.metrics.spansDropped.inc({ receiver, reason: 'writer-unavailable' }, count);
        reject(new WriterUnavailableError(this.failureDetail(enqueuedAt, this.lastWriteError), this.retryAfterSeconds()));
        return;
      }
      const expectedWaitMs = this.expectedWaitMs(enqueuedAt);
      if (expectedWaitMs !== undefined) {
        this.options.metrics.spansDropped.inc({ receiver, reason: 'queue-delay' }, count);
        reject(new OverloadedError(`the queue drains too slowly: this request would wait about ${(expectedWaitMs / 1000).toFixed(1)} s`, Math.max(1, Math.ceil(expectedWaitMs / 1000))));
        return;
      }
      if (!this.queue.tryPush(entry)) {
        this.options.metrics.spansDropped.inc({ receiver, reason: 'queue-full' }, count);
        reject(new OverloadedError(`queue holds ${this.queue.spans}/${this.settings.maxSpans} spans, ${this.queue.bytes}/${this.settings.maxBytes} bytes`, this.retryAfterSeconds()));
        return;
      }
      this.drainRate.noteBusy(enqueuedAt);
      this.updateGauges();
      this.wake();
    });
  }

  /**
   * How long a new request would take to be written: every span ahead of it, waiting or being written, at the measured
   * drain rate, when that is over `maxDelayMs`; else undefined. Spans being written count too: with a slow writer a
   * few full batches in flight are seconds of drain on their own.
   */
  private expectedWaitMs(now: number): number | undefined {
    const limit = this.settings.maxDelayMs ?? 0;
    if (limit <= 0 || !this.writerHealthy || this.queue.spans === 0) return undefined;
    const rate = this.drainRate.perSecond(now);
    if (rate === undefined) return undefined;
    const waitMs = rate === 0 ? Number.POSITIVE_INFINITY : (this.queue.spans / rate) * 1000;
    return waitMs > limit ? Math.min(waitMs, 30_000) : undefined;
  }

  /** A hint for clients: about one second while healthy, else the current backoff (1–30 s). */
  retryAfterSeconds(): number {
    if (this.writerHealthy) return 1;
    return Math.min(30, Math.max(1, Math.ceil(this.currentBackoffMs / 1000)));
  }

  /**
   * Stops taking spans, lets the workers drain the queue until `deadlineMs`, then answers what is left with
   * {@link ShuttingDownError}. Resolves when every worker has stopped.
   */
  async close(deadlineMs: number): Promise<void> {
    this.closing = true;
    const drained = this.waitUntilDrained();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deadlineMs);
    });
    const outcome = await Promise.race([drained.then(() => 'drained' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.options.logger.warn({ queuedSpans: this.queue.spans }, 'queue not drained before the shutdown deadline; answering the rest as unavailable');
    }
    this.stopped = true;
    this.stopRetrying?.();
    this.failEntries(this.queue.takeAll(), new ShuttingDownError(), 'shutdown');
    this.wake();
    await Promise.all(this.workers);
    clearInterval(this.sweepTimer);
    this.updateGauges();
  }

  private async waitUntilDrained(): Promise<void> {
    while (this.queue.spans > 0 && !this.stopped) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private wake(): void {
    const waiting = this.wakeWorkers;
    this.wakeWorkers = [];
    for (const wake of waiting) wake();
  }

  private waitForWork(): Promise<void> {
    return new Promise((resolve) => this.wakeWorkers.push(resolve));
  }

  private async runWorker(): Promise<void> {
    while (!this.stopped) {
      if (this.queue.waitingEntries === 0) {
        await this.waitForWork();
        continue;
      }
      if (this.queue.waitingSpans < this.settings.maxBatchSpans && !this.closing) {
        if (this.settings.lingerMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, this.settings.lingerMs));
        } else if (this.writerHealthy) {
          // Without a linger, still let the requests already read from the sockets in this turn of the event loop
          // join the batch (a write that blocked the loop, as SQLite's does, leaves many): one batch, not one each.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const batch = this.queue.takeBatch(this.settings.maxBatchSpans);
      if (batch.length === 0) continue;
      this.updateGauges();
      await this.writeBatch(batch);
    }
  }

  /** Writes `entries` until the writer succeeds, the entries' deadlines pass, or shutdown ends the wait. */
  private async writeBatch(entries: QueueEntry[]): Promise<void> {
    this.batchesInFlight += 1;
    try {
      await this.writeUntilSettled(entries);
    } finally {
      this.batchesInFlight -= 1;
    }
  }

  private async writeUntilSettled(entries: QueueEntry[]): Promise<void> {
    const { metrics, writer, logger } = this.options;
    let pending = entries;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const { spans, records, count } = batchOf(pending);
      const started = this.now();
      if (attempt === 0) {
        metrics.batchSize.observe(count);
        for (const entry of pending) metrics.inQueueLatency.observe((started - entry.enqueuedAt) / 1000);
      }
      try {
        await this.write(writer, spans, records);
        metrics.saveLatency.observe({ result: 'ok' }, (this.now() - started) / 1000);
        if (!this.writerHealthy) logger.info({ attempts: attempt + 1 }, 'span writer recovered');
        this.writerHealthy = true;
        this.failingSince = undefined;
        this.currentBackoffMs = 0;
        this.settle(pending, started);
        return;
      } catch (error) {
        metrics.saveLatency.observe({ result: 'error' }, (this.now() - started) / 1000);
        metrics.writerErrors.inc({ kind: writeErrorKind(error) });
        if (isPermanentWriteError(error)) {
          await this.handlePermanentFailure(pending, error);
          return;
        }
        if (this.writerHealthy) logger.warn({ err: error, spans: count }, 'span writer failed; retrying the batch with backoff');
        this.writerHealthy = false;
        this.failingSince ??= this.now();
        this.lastWriteError = error;
        pending = this.dropExpired(pending, error);
        if (pending.length === 0) return;
        this.currentBackoffMs = retryDelayMs(this.settings.retry, attempt);
        // Wake for the first entry whose wait runs out, so its client is answered then, not after the whole backoff.
        const untilFirstDeadline = Math.min(...pending.map((entry) => this.deadlineOf(entry))) - this.now();
        const stop = await this.sleepOrStop(Math.max(0, Math.min(this.currentBackoffMs, untilFirstDeadline)));
        if (stop) {
          this.failEntries(pending, new ShuttingDownError(), 'shutdown');
          return;
        }
        pending = this.dropExpired(pending, error);
      }
    }
  }

  /** Spans and records of one batch go to the writer together; it fails if either part fails. */
  private async write(writer: SpanWriter, spans: readonly Span[], records: readonly KafkaSpanMessage[]): Promise<void> {
    const recordWriter = this.options.fastPath?.records;
    if (records.length === 0 || !recordWriter) {
      await writer.writeSpans(spans);
      return;
    }
    if (spans.length === 0) {
      await recordWriter.writeRecords(records);
      return;
    }
    await Promise.all([writer.writeSpans(spans), recordWriter.writeRecords(records)]);
  }

  /** A permanent refusal of a multi-request batch is retried request by request, so one bad request fails alone. */
  private async handlePermanentFailure(pending: QueueEntry[], error: unknown): Promise<void> {
    if (pending.length > 1) {
      for (const entry of pending) await this.writeBatch([entry]);
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    this.options.logger.warn({ err: error }, 'span writer refused a batch permanently');
    this.failEntries(pending, new WriterRejectedError(detail, { cause: error }), 'writer-rejected');
  }

  /**
   * When a request stops waiting for the writer: its `maxWaitMs` deadline, or, while the writer fails, once it has sat
   * through {@link FAIL_FAST_AFTER_MS} of the failure.
   */
  private deadlineOf(entry: QueueEntry): number {
    if (this.failingSince === undefined) return entry.deadline;
    return Math.min(entry.deadline, Math.max(entry.enqueuedAt, this.failingSince) + FAIL_FAST_AFTER_MS);
  }

  /** What a 503 says: how long the writer has been failing, and its last error. */
  private failureDetail(now: number, error: unknown): string {
    const detail = error instanceof Error ? error.message : String(error);
    if (this.failingSince === undefined) return detail;
    return `the span writer has been failing for ${((now - this.failingSince) / 1000).toFixed(1)} s: ${detail}`;
  }

  private dropExpired(pending: QueueEntry[], error: unknown): QueueEntry[] {
    const now = this.now();
    const expired = pending.filter((entry) => this.deadlineOf(entry) <= now);
    if (expired.length === 0) return pending;
    this.failEntries(expired, new WriterUnavailableError(this.failureDetail(now, error), this.retryAfterSeconds(), { cause: error }), 'writer-unavailable');
    return pending.filter((entry) => this.deadlineOf(entry) > now);
  }

  /**
   * Gives up waiting entries past their deadline while the writer is failing, and, while it works but too slowly,
   * those waiting longer than `maxDelayMs` (429: the client retries, nothing of theirs was written).
   */
  private expireWaiting(): void {
    const now = this.now();
    if (this.writerHealthy) {
      const limit = this.settings.maxDelayMs ?? 0;
      if (limit <= 0) return;
      const late = this.queue.takeWaitingSince(now - limit);
      if (late.length > 0) this.failEntries(late, new OverloadedError(`the request waited over ${limit} ms behind the queue`, this.retryAfterSeconds()), 'queue-delay');
      return;
    }
    // Entries are in arrival order, and so are their deadlines (failingSince is the same for all of them).
    const expired = this.queue.takeFrontWhile((entry) => this.deadlineOf(entry) <= now);
    if (expired.length > 0) {
      this.failEntries(expired, new WriterUnavailableError(this.failureDetail(now, this.lastWriteError), this.retryAfterSeconds()), 'writer-unavailable');
    }
  }

  private sleepOrStop(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const slept = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    return Promise.race([slept, this.stopRetryingSignal.then(() => true)]).finally(() => clearTimeout(timer));
  }

  private settle(entries: readonly QueueEntry[], writeStartedAt: number): void {
    let spans = 0;
    for (const entry of entries) spans += entry.count;
    this.drainRate.record(spans, writeStartedAt, this.now());
    this.queue.release(entries);
    if (this.queue.spans === 0) this.drainRate.noteIdle();
    this.updateGauges();
    for (const entry of entries) entry.resolve();
  }

  private failEntries(entries: readonly QueueEntry[], error: Error, reason: string): void {
    if (entries.length === 0) return;
    this.queue.release(entries);
    this.updateGauges();
    for (const entry of entries) {
      this.options.metrics.spansDropped.inc({ receiver: entry.receiver, reason }, entry.count);
      entry.reject(error);
    }
  }

  private updateGauges(): void {
    this.options.metrics.queueLength.set(this.queue.spans);
    this.options.metrics.queueBytes.set(this.queue.bytes);
  }
}

const NO_SPANS: readonly Span[] = [];
const NO_RECORDS: readonly KafkaSpanMessage[] = [];

/** The spans and records of the entries written as one batch. */
function batchOf(entries: readonly QueueEntry[]): { spans: readonly Span[]; records: readonly KafkaSpanMessage[]; count: number } {
  if (entries.length === 1) return entries[0]!;
  const spans: Span[] = [];
  const records: KafkaSpanMessage[] = [];
  let count = 0;
  for (const entry of entries) {
    for (const span of entry.spans) spans.push(span);
    for (const record of entry.records) records.push(record);
    count += entry.count;
  }
  return { spans, records, count };
}
