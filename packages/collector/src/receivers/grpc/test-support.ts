// Shared by the gRPC and UDP receiver tests and benchmarks: an in-memory SpanIngest that records what it is
// given, and metric readers. Not used by production code.
import type { DecodedBatch, SpanCodec } from '@skein/codecs';
import type { Span } from '@skein/model';
import { createLogger, Registry, type Counter, type Logger } from '@skein/runtime';
import { preparedSpanCount, type IngestContext, type IngestResult, type SpanIngest } from '../../ingest/span-ingest.js';
import { CollectorMetrics } from '../../metrics.js';

export interface RecordedBatch {
  batch: DecodedBatch;
  context: IngestContext;
}

/** Records every batch; `failWith` makes the next submits throw (e.g. an OverloadedError). */
export class RecordingIngest implements SpanIngest {
  readonly batches: RecordedBatch[] = [];
  failWith: Error | undefined;
  /** Resolves `submit` only after this promise settles, to hold calls in flight. */
  gate: Promise<void> | undefined;
  private waiters: { count: number; resolve: () => void }[] = [];

  /** Always decodes (no fast path), so every batch is recorded as spans. */
  prepare(codec: SpanCodec, payload: Uint8Array): DecodedBatch {
    return codec.decode(payload);
  }

  async submit(batch: DecodedBatch, context: IngestContext): Promise<IngestResult> {
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    this.batches.push({ batch, context });
    this.waiters = this.waiters.filter((w) => {
      if (this.spanCount() < w.count) return true;
      w.resolve();
      return false;
    });
    return { accepted: batch.spans.length, rejected: batch.rejected };
  }

  spanCount(): number {
    return this.batches.reduce((sum, b) => sum + b.batch.spans.length, 0);
  }

  /** Resolves once at least `count` spans were recorded; rejects after `timeoutMs`. */
  waitForSpans(count: number, timeoutMs = 5_000): Promise<void> {
    if (this.spanCount() >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} spans; got ${this.spanCount()}`)), timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

/** An ingest that takes everything and keeps nothing (benchmarks). */
export const noopIngest: SpanIngest = {
  prepare: (codec, payload) => codec.decode(payload),
  submit: (batch) => Promise.resolve({ accepted: preparedSpanCount(batch), rejected: 'rejected' in batch ? batch.rejected : [] }),
};

export function testMetrics(): { registry: Registry; metrics: CollectorMetrics } {
  const registry = new Registry();
  return { registry, metrics: new CollectorMetrics(registry) };
}

export const silentLogger: Logger = createLogger({ component: 'test', level: 'silent' });

/** The value of one labelled series of a counter (0 when absent). */
export async function counterValue<L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k as L] === want));
  return match?.value ?? 0;
}

/** A fully populated span in Skein's model, for encoders in tests. */
export function testSpan(overrides: Partial<Span> = {}): Span {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    operationName: 'GET /checkout',
    references: [{ refType: 'CHILD_OF', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7' }],
    flags: 1,
    startTime: 1_700_000_000_123_456,
    duration: 2_500,
    tags: [
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.status_code', type: 'int64', value: 200n },
      { key: 'error', type: 'bool', value: false },
      { key: 'ratio', type: 'float64', value: 0.25 },
    ],
    logs: [{ timestamp: 1_700_000_000_124_000, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }],
    process: { serviceName: 'checkout', tags: [{ key: 'hostname', type: 'string', value: 'web-1' }] },
    warnings: [],
    ...overrides,
  };
}

/** `count` spans of one process with distinct ids. */
export function testSpans(count: number, process: Span['process'] = testSpan().process): Span[] {
  return Array.from({ length: count }, (_, i) => testSpan({ spanId: (i + 1).toString(16).padStart(16, '0'), operationName: `op-${i % 10}`, process }));
}
