import { afterEach, describe, expect, it } from '@jest/globals';
import { otlpProto, type KafkaSpanMessage } from '@skein/codecs';
import type { Span } from '@skein/model';
import { createLogger, createMetricsRegistry } from '@skein/runtime';
import type { SpanWriter } from '@skein/storage';
import { CollectorMetrics } from '../metrics.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { testSpan } from '../testing/spans.js';
import { WriterRejectedError, WriterUnavailableError } from './errors.js';
import { FAIL_FAST_AFTER_MS, QueuedSpanIngest, type QueueSettings } from './queued-ingest.js';
import { OverloadedError, ShuttingDownError, TenantRejectedError } from './span-ingest.js';
import { SpanQueue, type QueueEntry } from './span-queue.js';

/** A pipeline that keeps every span and charges a fixed 100 bytes each, so byte limits are easy to reason about. */
const passThrough: Pipeline = (spans) => ({ spans: [...spans], bytes: spans.length * 100, rejected: [] });

/** A writer whose behaviour the test steers: record batches, fail, or hold writes until released. */
class ScriptedWriter implements SpanWriter {
  batches: Span[][] = [];
  failWith: Error | undefined;
  calls = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async writeSpans(spans: readonly Span[]): Promise<void> {
    this.calls += 1;
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    this.batches.push([...spans]);
  }

  get written(): string[] {
    return this.batches.flat().map((s) => s.spanId);
  }
}

const settings = (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
  maxSpans: 100,
  maxBytes: 1_000_000,
  workers: 2,
  maxBatchSpans: 50,
  lingerMs: 0,
  maxWaitMs: 5_000,
  retry: { initialMs: 5, maxMs: 20 },
  ...overrides,
});

const ingests: QueuedSpanIngest[] = [];
function makeIngest(writer: SpanWriter, queue: Partial<QueueSettings> = {}, tenancy = { enabled: false, header: 'x-tenant', tenants: [] as string[] }) {
  const registry = createMetricsRegistry();
  const metrics = new CollectorMetrics(registry);
  const ingest = new QueuedSpanIngest({ writer, pipeline: passThrough, tenancy, settings: settings(queue), metrics, logger: createLogger({ component: 'test', level: 'silent' }) });
  ingests.push(ingest);
  return { ingest, metrics, registry };
}
const batchOf = (n: number) => ({ spans: Array.from({ length: n }, () => testSpan()), rejected: [] });
const ctx = { receiver: 'test', format: 'test' };
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(ingests.splice(0).map((i) => i.close(100)));
});

describe('SpanQueue', () => {
  const entry = (spans: number, bytes: number): QueueEntry => ({ spans: Array.from({ length: spans }, () => testSpan()), records: [], count: spans, bytes, receiver: 'r', enqueuedAt: 0, deadline: 10, resolve: () => undefined, reject: () => undefined });

  it('bounds spans and bytes, counting entries being written until released', () => {
    const queue = new SpanQueue({ spans: 10, bytes: 1000 });
    expect(queue.tryPush(entry(6, 100))).toBe(true);
    expect(queue.tryPush(entry(5, 100))).toBe(false); // 11 spans
    expect(queue.tryPush(entry(4, 950))).toBe(false); // 1050 bytes
    const taken = queue.takeBatch(100);
    expect(queue.spans).toBe(6); // still counted while being written
    expect(queue.tryPush(entry(5, 100))).toBe(false);
    queue.release(taken);
    expect(queue.tryPush(entry(5, 100))).toBe(true);
  });

  it('admits one oversized entry into an empty queue so it can ever be sent', () => {
    const queue = new SpanQueue({ spans: 10, bytes: 1000 });
    expect(queue.tryPush(entry(50, 10))).toBe(true);
    expect(queue.tryPush(entry(1, 10))).toBe(false);
  });

  it('takes whole entries up to the batch size (at least one), oldest first', () => {
    const queue = new SpanQueue({ spans: 100, bytes: 1e6 });
    const a = entry(3, 1);
    const b = entry(3, 1);
    const c = entry(3, 1);
    [a, b, c].forEach((e) => queue.tryPush(e));
    expect(queue.takeBatch(7)).toEqual([a, b]);
    expect(queue.takeBatch(1)).toEqual([c]);
    expect(queue.takeBatch(1)).toEqual([]);
  });
});

describe('QueuedSpanIngest', () => {
  it('resolves submit only after the writer took the batch, and batches concurrent requests', async () => {
    const writer = new ScriptedWriter();
    const { ingest } = makeIngest(writer, { workers: 1 });
    writer.hold();
    const first = ingest.submit(batchOf(5), ctx);
    await tick(5);
    const second = ingest.submit(batchOf(5), ctx);
    const third = ingest.submit(batchOf(5), ctx);
    let settled = false;
    void first.then(() => (settled = true));
    await tick(20);
    expect(settled).toBe(false);
    writer.release();
    await expect(first).resolves.toEqual({ accepted: 5, rejected: [] });
    await Promise.all([second, third]);
    // The first write held one request; the two that arrived meanwhile went out together.
    expect(writer.batches.map((b) => b.length)).toEqual([5, 10]);
  });

  it('answers OverloadedError with Retry-After when spans or bytes are over capacity, and counts the drop', async () => {
    const writer = new ScriptedWriter();
    const { ingest, registry } = makeIngest(writer, { maxSpans: 10, maxBytes: 1500 });
    writer.hold();
    const accepted = ingest.submit(batchOf(8), ctx);
    await expect(ingest.submit(batchOf(3), ctx)).rejects.toBeInstanceOf(OverloadedError);
    const bytesFull = makeIngest(new ScriptedWriter(), { maxSpans: 1000, maxBytes: 1500 });
    (bytesFull.ingest as unknown as { queue: SpanQueue }).queue.tryPush({ spans: [testSpan()], records: [], count: 1, bytes: 1400, receiver: 'x', enqueuedAt: 0, deadline: Infinity, resolve: () => undefined, reject: () => undefined });
    const error = await bytesFull.ingest.submit(batchOf(2), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    writer.release();
    await accepted;
    expect(await registry.getSingleMetricAsString('skein_collector_spans_dropped_total')).toMatch(/reason="queue-full"} 3/);
  });

  it('retries a failed batch with backoff and recovers by itself; each span is written exactly once', async () => {
    const writer = new ScriptedWriter();
    writer.failWith = Object.assign(new Error('broker down'), { reason: 'broker-unavailable' });
    const { ingest, registry } = makeIngest(writer, { workers: 2 });
    const submits = [ingest.submit(batchOf(4), ctx), ingest.submit(batchOf(4), ctx), ingest.submit(batchOf(4), ctx)];
    await tick(60);
    expect(writer.calls).toBeGreaterThan(3);
    expect(ingest.healthy).toBe(false);
    writer.failWith = undefined;
    await Promise.all(submits);
    expect(ingest.healthy).toBe(true);
    const written = writer.written;
    expect(written).toHaveLength(12);
    expect(new Set(written).size).toBe(12);
    expect(await registry.getSingleMetricAsString('skein_collector_writer_errors_total')).toMatch(/kind="broker-unavailable"}/);
  });

  it('never re-writes a batch the writer acknowledged, even when later batches fail', async () => {
    const writer = new ScriptedWriter();
    const { ingest } = makeIngest(writer, { workers: 1 });
    const first = batchOf(3);
    await ingest.submit(first, ctx);
    writer.failWith = new Error('flaky');
    const second = ingest.submit(batchOf(3), ctx);
    await tick(30);
    writer.failWith = undefined;
    await second;
    const written = writer.written;
    for (const span of first.spans) expect(written.filter((id) => id === span.spanId)).toHaveLength(1);
    expect(written).toHaveLength(6);
  });

  it('answers WriterUnavailableError (503) once a request waited past max-wait; queued requests expire too', async () => {
    const writer = new ScriptedWriter();
    writer.failWith = new Error('down');
    const { ingest } = makeIngest(writer, { workers: 1, maxWaitMs: 80 });
    const inFlight = ingest.submit(batchOf(2), ctx).catch((e: unknown) => e);
    await tick(5);
    const waiting = ingest.submit(batchOf(2), ctx).catch((e: unknown) => e);
    expect(await inFlight).toBeInstanceOf(WriterUnavailableError);
    expect(await waiting).toBeInstanceOf(WriterUnavailableError);
    expect(ingest.queuedSpans).toBe(0);
  });

  it('fails a permanently refused request alone, retrying the others of its batch', async () => {
    const poison = testSpan();
    const writer: SpanWriter & { written: string[] } = {
      written: [],
      async writeSpans(spans) {
        if (spans.includes(poison)) throw Object.assign(new Error('record too large'), { kind: 'permanent', reason: 'message-too-large' });
        this.written.push(...spans.map((s) => s.spanId));
      },
    };
    const scripted = new ScriptedWriter();
    const { ingest } = makeIngest({ writeSpans: async (spans) => { await scripted.writeSpans([]); return writer.writeSpans(spans); } }, { workers: 1 });
    scripted.hold();
    const blocker = ingest.submit(batchOf(1), ctx);
    await tick(5);
    const good = ingest.submit(batchOf(2), ctx);
    const bad = ingest.submit({ spans: [poison], rejected: [] }, ctx).catch((e: unknown) => e);
    scripted.release();
    await blocker;
    await expect(good).resolves.toMatchObject({ accepted: 2 });
    expect(await bad).toBeInstanceOf(WriterRejectedError);
    expect(writer.written).toHaveLength(3);
  });

  it('drains the queue on close, then refuses new spans with ShuttingDownError', async () => {
    const writer = new ScriptedWriter();
    const { ingest } = makeIngest(writer);
    writer.hold();
    const pending = ingest.submit(batchOf(5), ctx);
    const closing = ingest.close(2_000);
    await expect(ingest.submit(batchOf(1), ctx)).rejects.toBeInstanceOf(ShuttingDownError);
    writer.release();
    await closing;
    await expect(pending).resolves.toMatchObject({ accepted: 5 });
  });

  it('answers what is left with ShuttingDownError when the writer stays down past the deadline', async () => {
    const writer = new ScriptedWriter();
    writer.failWith = new Error('down');
    const { ingest } = makeIngest(writer, { maxWaitMs: 60_000 });
    const pending = ingest.submit(batchOf(5), ctx).catch((e: unknown) => e);
    await ingest.close(50);
    expect(await pending).toBeInstanceOf(ShuttingDownError);
  });

  it('checks the tenant before anything else when tenancy is on', async () => {
    const { ingest } = makeIngest(new ScriptedWriter(), {}, { enabled: true, header: 'x-tenant', tenants: ['acme'] });
    await expect(ingest.submit(batchOf(1), ctx)).rejects.toBeInstanceOf(TenantRejectedError);
    await expect(ingest.submit(batchOf(1), { ...ctx, tenant: 'acme' })).resolves.toMatchObject({ accepted: 1 });
  });
});

/** A writer that takes `perSecond` spans a second: each call sleeps as long as its batch needs. */
class SlowWriter implements SpanWriter {
  written = 0;
  constructor(private readonly perSecond: number) {}
  async writeSpans(spans: readonly Span[]): Promise<void> {
    await tick((spans.length / this.perSecond) * 1000);
    this.written += spans.length;
  }
}

describe('a bounded delay behind the queue (--collector.queue.max-delay)', () => {
  it('answers 429 at once, with a Retry-After, to a request that would wait longer than the limit at the measured rate', async () => {
    const writer = new SlowWriter(2_000);
    const { ingest, metrics } = makeIngest(writer, { maxSpans: 100_000, workers: 1, maxBatchSpans: 100, maxDelayMs: 1_000, maxWaitMs: 30_000 });
    // 5,000 spans/s offered to a writer taking 2,000: the queue grows; its rate is known after one 3 s window.
    const offered: Array<Promise<unknown>> = [];
    const started = performance.now();
    while (performance.now() - started < 3_500) {
      offered.push(ingest.submit(batchOf(100), ctx).catch((error: unknown) => error));
      await tick(20);
    }
    const before = performance.now();
    const refused = await ingest.submit(batchOf(100), ctx).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).message).toMatch(/would wait about/);
    expect((refused as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(performance.now() - before).toBeLessThan(100);
    const outcomes = await Promise.all(offered);
    const refusedCount = outcomes.filter((outcome) => outcome instanceof OverloadedError).length;
    const acceptedCount = outcomes.filter((outcome) => !(outcome instanceof Error)).length;
    // Every request is answered one way or the other, and what was accepted is exactly what was written.
    expect(refusedCount + acceptedCount).toBe(offered.length);
    expect(writer.written).toBe(acceptedCount * 100);
    const dropped = (await metrics.spansDropped.get()).values.find((v) => v.labels['reason'] === 'queue-delay');
    expect(dropped?.value).toBe((refusedCount + 1) * 100);
  }, 20_000);

  it('gives up a waiting request after the limit with 429 while the writer works slowly, and writes none of its spans', async () => {
    const writer = new ScriptedWriter();
    writer.hold();
    const { ingest } = makeIngest(writer, { maxSpans: 1_000, workers: 1, maxBatchSpans: 10, maxDelayMs: 300, maxWaitMs: 30_000 });
    const first = ingest.submit(batchOf(10), ctx); // taken by the worker, held in the writer
    await tick(10);
    const waiting = ingest.submit(batchOf(10), ctx).catch((error: unknown) => error);
    const error = await waiting;
    expect(error).toBeInstanceOf(OverloadedError);
    writer.release();
    await first;
    await tick(50);
    expect(writer.written).toHaveLength(10);
  });

  it('refuses nothing with the limit off (0)', async () => {
    const writer = new ScriptedWriter();
    writer.hold();
    const { ingest } = makeIngest(writer, { maxSpans: 1_000, workers: 1, maxBatchSpans: 10, maxDelayMs: 0 });
    const requests = [ingest.submit(batchOf(10), ctx), ingest.submit(batchOf(10), ctx)];
    await tick(400);
    writer.release();
    await expect(Promise.all(requests)).resolves.toHaveLength(2);
  });
});

describe('batching without a linger', () => {
  it('writes requests that arrive in one turn of the event loop as one batch, not one batch each', async () => {
    const writer = new ScriptedWriter();
    const { ingest } = makeIngest(writer, { workers: 1, lingerMs: 0 });
    // Five requests handled by five callbacks of one event-loop phase, as HTTP requests read in one poll are.
    const results = await new Promise<Array<Promise<unknown>>>((resolve) => {
      const submitted: Array<Promise<unknown>> = [];
      for (let i = 0; i < 5; i++) setImmediate(() => submitted.push(ingest.submit(batchOf(2), ctx)));
      setImmediate(() => resolve(submitted));
    });
    await Promise.all(results);
    expect(writer.batches.map((batch) => batch.length)).toEqual([10]);
  });
});

describe('failing fast while the writer is down', () => {
  it('holds requests through a blip, answers each 503 once it has waited out 1.5 s of the failure, refuses new ones at once meanwhile, and accepts again on recovery', async () => {
    const writer = new ScriptedWriter();
    writer.failWith = new Error('broker unreachable');
    const { ingest } = makeIngest(writer, { maxSpans: 1_000, workers: 1, maxWaitMs: 30_000, retry: { initialMs: 50, maxMs: 5_000 } });
    const started = performance.now();
    const first = ingest.submit(batchOf(5), ctx).catch((error: unknown) => error); // starts the failing write
    await tick(300);
    // Young outage: still held.
    let secondAt: number | undefined;
    const second = ingest.submit(batchOf(5), ctx).catch((error: unknown) => error).finally(() => (secondAt = performance.now()));
    await tick(50);
    expect(secondAt).toBeUndefined();

    // The batch being retried is answered once it has sat through 1.5 s of failure, not at the end of maxWaitMs (30 s),
    // even though the backoff has grown past that.
    const firstError = await first;
    const firstAfterMs = performance.now() - started;
    expect(firstError).toBeInstanceOf(WriterUnavailableError);
    expect((firstError as Error).message).toMatch(/the span writer has been failing for 1\.\d s: broker unreachable/);
    expect(firstAfterMs).toBeGreaterThanOrEqual(FAIL_FAST_AFTER_MS - 20);
    expect(firstAfterMs).toBeLessThan(FAIL_FAST_AFTER_MS + 700);

    // Meanwhile the second request is being retried: a new one is refused at once.
    const refusedAt = performance.now();
    const refused = await ingest.submit(batchOf(5), ctx).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WriterUnavailableError);
    expect((refused as Error).message).toMatch(/the span writer has been failing for \d\.\d s: broker unreachable/);
    expect(performance.now() - refusedAt).toBeLessThan(50);

    await expect(second).resolves.toBeInstanceOf(WriterUnavailableError);
    expect(secondAt! - started).toBeLessThan(300 + FAIL_FAST_AFTER_MS + 700);

    writer.failWith = undefined;
    await expect(ingest.submit(batchOf(5), ctx)).resolves.toMatchObject({ accepted: 5 });
    expect(writer.written).toHaveLength(5);
  }, 10_000);

  it('lets a request through to probe the writer once no failing batch is left retrying', async () => {
    const writer = new ScriptedWriter();
    writer.failWith = new Error('down');
    const { ingest } = makeIngest(writer, { maxSpans: 1_000, workers: 1, maxWaitMs: 2_500, retry: { initialMs: 50, maxMs: 100 } });
    await expect(ingest.submit(batchOf(5), ctx)).rejects.toBeInstanceOf(WriterUnavailableError); // given up after 2.5 s
    writer.failWith = undefined;
    await expect(ingest.submit(batchOf(5), ctx)).resolves.toMatchObject({ accepted: 5 });
  }, 10_000);
});

describe('QueuedSpanIngest fast path', () => {
  const plan = { minStartMicros: 0, maxFutureMicros: 3_600_000_000, maxDurationMicros: 3_600_000_000, maxTags: 100, maxTagValueLength: 1000, maxSpanBytes: 100_000, processTags: [] };
  const clean = (): Span => ({ ...testSpan(), startTime: Date.now() * 1000 });
  const fastIngest = (writer: ScriptedWriter, records: KafkaSpanMessage[][]) => {
    const registry = createMetricsRegistry();
    const metrics = new CollectorMetrics(registry);
    const ingest = new QueuedSpanIngest({
      writer,
      pipeline: passThrough,
      fastPath: { records: { writeRecords: async (batch) => void records.push([...batch]) }, plan },
      tenancy: { enabled: false, header: 'x-tenant', tenants: [] },
      settings: settings(),
      metrics,
      logger: createLogger({ component: 'test', level: 'silent' }),
    });
    ingests.push(ingest);
    return { ingest, registry };
  };

  it('transcodes what it can into records for the record writer, decodes the rest for the span writer, and counts both', async () => {
    const writer = new ScriptedWriter();
    const records: KafkaSpanMessage[][] = [];
    const { ingest, registry } = fastIngest(writer, records);
    const fast = ingest.prepare(otlpProto, otlpProto.encode!([clean(), clean()]));
    expect(fast).toHaveProperty('records');
    const needsRepair = ingest.prepare(otlpProto, otlpProto.encode!([{ ...clean(), operationName: '' }]));
    expect(needsRepair).toHaveProperty('spans');
    await expect(ingest.submit(fast, { receiver: 'otlp-http', format: otlpProto.name })).resolves.toEqual({ accepted: 2, rejected: [] });
    await expect(ingest.submit(needsRepair, { receiver: 'otlp-http', format: otlpProto.name })).resolves.toEqual({ accepted: 1, rejected: [] });
    expect(records.flat()).toHaveLength(2);
    expect(writer.batches.flat()).toHaveLength(1);
    const counted = await registry.getSingleMetricAsString('skein_collector_spans_transcoded_total');
    expect(counted).toMatch(/receiver="otlp-http",format="otlp\.proto"} 2\b/);
    expect(await registry.getSingleMetricAsString('skein_collector_spans_received_total')).toMatch(/} 3\b/);
  });

  it('decodes everything when the fast path is not configured (no Kafka protobuf writer, or --collector.fast-path=false)', () => {
    const { ingest } = makeIngest(new ScriptedWriter());
    expect(ingest.prepare(otlpProto, otlpProto.encode!([clean()]))).toHaveProperty('spans');
  });
});
