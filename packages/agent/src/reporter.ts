import { setTimeout as sleep } from 'node:timers/promises';
import { encodePostSpansRequest } from '@skein/codecs';
import { JAEGER_POST_SPANS_PATH } from '@skein/collector';
import type { Logger } from '@skein/runtime';
import { RateLimitedLog } from '@skein/runtime';
import { callFailureReason, type CollectorPool } from './collector-pool.js';
import type { ReporterMetrics } from './metrics.js';
import type { SpanBuffer, TakenBatch } from './span-buffer.js';

export interface ReporterSettings {
  batchSize: number;
  senders: number;
  /** Immediate retries on the next collector before a backoff. */
  retryMax: number;
  callTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
}

/**
 * Sends the buffer's spans to the collectors as Jaeger `PostSpans` calls, `senders` at a time. A failed batch is
 * retried on the next collector `retryMax` times, then after a growing backoff, for as long as the agent runs, so
 * a collector outage costs buffer room, not spans. Only a batch the collector refuses as invalid is dropped.
 */
export class Reporter {
  private senders: Promise<void>[] = [];
  private readonly stopping = new AbortController();
  private readonly failureLog: RateLimitedLog;
  private lastDeliveryAt = Date.now();
  private lastFailure: string | undefined;

  constructor(
    private readonly buffer: SpanBuffer,
    private readonly pool: CollectorPool,
    private readonly settings: ReporterSettings,
    private readonly metrics: ReporterMetrics,
    private readonly logger: Logger,
  ) {
    this.failureLog = new RateLimitedLog(logger);
  }

  start(): void {
    this.senders = Array.from({ length: this.settings.senders }, () => this.send());
  }

  /** What readiness reports: undefined while deliveries succeed (or there is nothing to send). */
  deliveryProblem(nowMs = Date.now(), afterMs = 30_000): string | undefined {
    if (this.pool.size === 0) return 'no collector address resolved (check --reporter.grpc.host-port and DNS)';
    if (this.buffer.spans === 0 || nowMs - this.lastDeliveryAt < afterMs) return undefined;
    return `no collector accepted a batch for ${Math.round((nowMs - this.lastDeliveryAt) / 1000)} s; last failure: ${this.lastFailure ?? 'none'}`;
  }

  /**
   * Stops taking new spans and sends what is buffered until `timeoutMs`; whatever is left then is dropped and
   * counted as `shutting-down`. Resolves when every sender has stopped.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.buffer.close();
    const deadline = sleep(timeoutMs, 'timeout' as const, { ref: false });
    const outcome = await Promise.race([Promise.all(this.senders).then(() => 'drained' as const), deadline]);
    if (outcome === 'timeout') {
      this.stopping.abort();
      const discarded = this.buffer.discardWaiting();
      await Promise.all(this.senders);
      if (discarded > 0) this.metrics.spansDropped.inc({ reason: 'shutting-down' }, discarded);
      this.logger.warn({ discarded, timeoutMs }, 'spans still buffered at the shutdown deadline were dropped; raise --agent.shutdown-timeout or check the collectors');
    }
    this.updateGauges();
  }

  private async send(): Promise<void> {
    for (let batch = await this.buffer.take(this.settings.batchSize); batch; batch = await this.buffer.take(this.settings.batchSize)) {
      await this.deliver(batch);
      this.buffer.release(batch);
      this.updateGauges();
    }
  }

  private async deliver(batch: TakenBatch): Promise<void> {
    const request = encodePostSpansRequest(batch.spans);
    let backoffMs = this.settings.backoff.initialMs;
    for (let attempt = 1; ; attempt++) {
      const endpoint = this.pool.next();
      try {
        if (!endpoint) throw Object.assign(new Error('no collector address resolved'), { code: undefined });
        await endpoint.call(JAEGER_POST_SPANS_PATH, request, this.settings.callTimeoutMs);
        this.metrics.batchesSubmitted.inc();
        this.metrics.spansSubmitted.inc(batch.spans.length);
        this.lastDeliveryAt = Date.now();
        return;
      } catch (error) {
        const reason = endpoint ? callFailureReason(error) : 'no-collector';
        const message = error instanceof Error ? error.message : String(error);
        this.lastFailure = `${endpoint?.address ?? 'no collector'}: ${message}`;
        this.metrics.batchesFailures.inc({ reason });
        if (reason === 'invalid-argument') {
          this.metrics.spansDropped.inc({ reason: 'collector-refused' }, batch.spans.length);
          this.logger.error({ collector: endpoint?.address, spans: batch.spans.length, error: message }, 'a collector refused a batch as invalid; its spans are dropped');
          return;
        }
        this.failureLog.warn({ collector: endpoint?.address, reason, spans: batch.spans.length, buffered: this.buffer.spans, error: message }, 'sending spans to a collector failed; retrying');
        if (this.stopping.signal.aborted) {
          this.metrics.spansDropped.inc({ reason: 'shutting-down' }, batch.spans.length);
          return;
        }
        if (attempt % (this.settings.retryMax + 1) === 0) {
          try {
            await sleep(backoffMs * (0.5 + Math.random() / 2), undefined, { signal: this.stopping.signal });
          } catch {
            // Aborted by the shutdown deadline: the next attempt is the last.
          }
          backoffMs = Math.min(this.settings.backoff.maxMs, backoffMs * 2);
        }
      }
    }
  }

  private updateGauges(): void {
    this.metrics.bufferedSpans.set(this.buffer.spans);
    this.metrics.bufferedBytes.set(Math.round(this.buffer.bytes));
  }
}
