import { describe, expect, it } from '@jest/globals';
import { jaegerProtoBatch, otlpProto, encodeOtlpProto } from '@skein/codecs';
import { CollectorMetrics, OverloadedError, pipelineConfigOf, collectorCoreOptions } from '@skein/collector';
import { createLogger, createMetricsRegistry, loadConfig } from '@skein/runtime';
import { MemoryStorage, type SpanMetricsRow } from '@skein/storage';
import { buildSpan, hexId, runConformanceSuite } from '@skein/storage/testing';
import { IngestThreads } from './ingest-threads.js';
import { ThreadedSpanIngest } from './threaded-ingest.js';
import { ThreadedMemoryStorage } from './threaded-memory-storage.js';

const logger = createLogger({ component: 'test', level: 'silent' });
const pipeline = pipelineConfigOf(loadConfig(collectorCoreOptions, {}, {}));

function threaded(count: number, onSpanMetricsRows: (rows: SpanMetricsRow[]) => void = () => undefined): ThreadedMemoryStorage {
  const spanMetrics = { bucketMs: 60_000, flushIntervalMs: 60_000, maxSeries: 100, maxLatenessMs: 3_600_000 };
  return new ThreadedMemoryStorage(new IngestThreads(count, { store: { kind: 'memory', maxTraces: 1_000 }, pipeline, spanMetrics }, { logger, onSpanMetricsRows }), new MemoryStorage());
}

// Direct writes are dealt out a span at a time, so every trace of the suite is spread over the threads.
runConformanceSuite('memory on 2 threads', async () => ({ storage: threaded(2) }));

describe('the memory store on ingest threads', () => {
  const now = Date.now() * 1000;
  const ingestOf = (storage: ThreadedMemoryStorage, maxBytesInFlight = 64 << 20) => {
    const metrics = new CollectorMetrics(createMetricsRegistry());
    return { metrics, ingest: new ThreadedSpanIngest(storage.threads, { metrics, logger, tenancy: { enabled: false, header: 'x-tenant', tenants: [] }, maxBytesInFlight }) };
  };

  it('decodes, checks and keeps a request in a thread, answers its refused spans, and counts what the collector counts', async () => {
    const storage = threaded(2);
    try {
      const { ingest, metrics } = ingestOf(storage);
      const traceId = hexId(0x1, 1, 32);
      const good = buildSpan(traceId, hexId(0x1, 1, 16), now, { serviceName: 'threads', operationName: '' });
      const future = buildSpan(traceId, hexId(0x1, 2, 16), now + 48 * 3_600_000_000, { serviceName: 'threads' });
      const body = encodeOtlpProto([good, future]);
      const result = await ingest.submit(ingest.prepare(otlpProto, body), { receiver: 'otlp-http', format: otlpProto.name });
      expect(result.accepted).toBe(1);
      expect(result.rejected).toEqual([expect.objectContaining({ spanId: hexId(0x1, 2, 16), reason: expect.stringContaining('future') })]);
      const stored = await storage.createSpanReader().getTrace(traceId);
      // The pipeline ran in the thread: the empty operation name was repaired as the collector repairs it.
      expect(stored?.spans.map((span) => [span.spanId, span.operationName])).toEqual([[hexId(0x1, 1, 16), expect.stringMatching(/.+/)]]);
      expect((await metrics.spansReceived.get()).values.map((v) => v.value)).toEqual([2]);
      expect((await metrics.spansRejected.get()).values.map((v) => v.value)).toEqual([1]);
      expect((await metrics.spansSanitized.get()).values.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await storage.close();
    }
  });

  it("throws the decoder's DecodeError for a malformed body, and keeps taking good ones", async () => {
    const storage = threaded(2);
    try {
      const { ingest } = ingestOf(storage);
      const truncated = encodeOtlpProto([buildSpan(hexId(0x2, 1, 32), hexId(0x2, 1, 16), now)]).subarray(0, 20);
      await expect(ingest.submit(ingest.prepare(otlpProto, truncated), { receiver: 'otlp-http', format: otlpProto.name })).rejects.toMatchObject({ name: 'DecodeError' });
      await expect(ingest.submit(ingest.prepare(jaegerProtoBatch, Buffer.from('\xff\xff\xff\xff', 'latin1')), { receiver: 'jaeger-grpc', format: jaegerProtoBatch.name })).rejects.toMatchObject({ name: 'DecodeError' });
      const body = encodeOtlpProto([buildSpan(hexId(0x2, 2, 32), hexId(0x2, 2, 16), now)]);
      for (let i = 0; i < 4; i++) await ingest.submit(ingest.prepare(otlpProto, body), { receiver: 'otlp-http', format: otlpProto.name });
      expect((await storage.createSpanReader().getTrace(hexId(0x2, 2, 32)))?.spans).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  it('answers "overloaded" past its bound on request bytes in hand, and takes requests again once they are answered', async () => {
    const storage = threaded(2);
    try {
      const spans = Array.from({ length: 200 }, (_, i) => buildSpan(hexId(0x3, i, 32), hexId(0x3, i, 16), now));
      const body = encodeOtlpProto(spans);
      const { ingest } = ingestOf(storage, body.length + 1);
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => ingest.submit(ingest.prepare(otlpProto, body), { receiver: 'otlp-http', format: otlpProto.name })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof OverloadedError)).toBe(true);
      await expect(ingest.submit(ingest.prepare(otlpProto, body), { receiver: 'otlp-http', format: otlpProto.name })).resolves.toMatchObject({ accepted: 200 });
    } finally {
      await storage.close();
    }
  });

  it('replaces a thread that dies: readiness names it, reads skip it, and a new, empty one takes spans a second later', async () => {
    const storage = threaded(2);
    try {
      const writer = storage.createSpanWriter();
      const traceId = hexId(0x4, 1, 32);
      await writer.writeSpans([buildSpan(traceId, hexId(0x4, 1, 16), now), buildSpan(traceId, hexId(0x4, 2, 16), now + 1)]);
      const workers = (storage.threads as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots;
      await workers[0]!.worker.terminate();
      expect(() => storage.threads.checkReady()).toThrow(/ingest thread 1 exited with code 1; a new one starts in 1000 ms/);
      // The dead thread's half of the trace is gone, as a restarted memory store's would be; the other half is read.
      expect((await storage.createSpanReader().getTrace(traceId))?.spans.map((span) => span.spanId)).toEqual([hexId(0x4, 2, 16)]);
      expect(storage.threads.leastBusy()).toBe(1);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        try {
          storage.threads.checkReady();
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(() => storage.threads.checkReady()).not.toThrow();
      await writer.writeSpans([buildSpan(traceId, hexId(0x4, 3, 16), now + 2), buildSpan(traceId, hexId(0x4, 4, 16), now + 3)]);
      expect((await storage.createSpanReader().getTrace(traceId))?.spans.map((span) => span.spanId).sort()).toEqual([hexId(0x4, 2, 16), hexId(0x4, 3, 16), hexId(0x4, 4, 16)]);
    } finally {
      await storage.close();
    }
  });

  it('counts span metrics in the threads and hands their rows over when closing', async () => {
    const rows: SpanMetricsRow[] = [];
    const storage = threaded(2, (batch) => rows.push(...batch));
    const spans = Array.from({ length: 10 }, (_, i) => buildSpan(hexId(0x5, i, 32), hexId(0x5, i, 16), now, { serviceName: 'metered' }));
    await storage.createSpanWriter().writeSpans(spans);
    await storage.close();
    // Each thread is its own writer of rows: the rows of both add up to the spans written.
    expect(rows.filter((row) => row.service === 'metered').reduce((sum, row) => sum + row.calls, 0)).toBe(10);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });
});
