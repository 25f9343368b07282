import type { Span } from '@skein/model';
import { SpanMetricsAggregator, type SpanMetricsAggregatorOptions } from './span-metrics-aggregator.js';
import type { SpanMetricsWriter } from './span-metrics-store.js';

export interface SpanMetricsRecorderOptions extends SpanMetricsAggregatorOptions {
  writer: SpanMetricsWriter;
  /** How often changed rows are written, ms (default 15 s, the spanmetrics connector's flush interval). */
  flushIntervalMs?: number;
  onFlushed?: (rows: number) => void;
  onError?: (error: unknown, rows: number) => void;
}

export const DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS = 15_000;

/**
 * Aggregates the spans a process stored and writes the changed rows on a timer. Feed it spans only after they were
 * stored, so a retried batch is counted once. A failed write is retried with the next flush.
 */
export class SpanMetricsRecorder {
  readonly aggregator: SpanMetricsAggregator;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: SpanMetricsRecorderOptions) {
    this.aggregator = new SpanMetricsAggregator(options);
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs ?? DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS);
    this.#timer.unref();
  }

  observe(spans: readonly Span[]): void {
    this.aggregator.observe(spans);
  }

  /** Writes what changed; one flush at a time, never rejects (errors go to `onError`). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  async #flushNow(): Promise<void> {
    const rows = this.aggregator.takeChanged();
    if (rows.length === 0) return;
    try {
      await this.options.writer.writeSpanMetrics(rows);
      this.options.onFlushed?.(rows.length);
    } catch (error) {
      this.aggregator.restore(rows);
      this.options.onError?.(error, rows.length);
    }
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
