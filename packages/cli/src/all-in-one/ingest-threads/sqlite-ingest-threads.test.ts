import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeOtlpProto, otlpProto } from '@skein/codecs';
import { CollectorMetrics, collectorCoreOptions, pipelineConfigOf, WriterUnavailableError } from '@skein/collector';
import { createLogger, createMetricsRegistry, loadConfig } from '@skein/runtime';
import type { SpanMetricsRow } from '@skein/storage';
import { buildSpan, hexId } from '@skein/storage/testing';
import { SqliteStorage } from '@skein/storage-sqlite';
import { IngestThreads } from './ingest-threads.js';
import { ThreadedSpanIngest } from './threaded-ingest.js';

const logger = createLogger({ component: 'test', level: 'silent' });
const pipeline = pipelineConfigOf(loadConfig(collectorCoreOptions, {}, {}));
const spanMetrics = { bucketMs: 60_000, flushIntervalMs: 60_000, maxSeries: 100, maxLatenessMs: 3_600_000 };
const context = { receiver: 'otlp-http', format: otlpProto.name };

describe('ingest threads feeding SQLite', () => {
  let dir: string;
  let storage: SqliteStorage;
  let threads: IngestThreads;
  const rows: SpanMetricsRow[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'skein-ingest-threads-'));
    storage = new SqliteStorage({ path: join(dir, 'skein.db') });
    rows.length = 0;
    threads = new IngestThreads(2, { store: { kind: 'sqlite' }, pipeline, spanMetrics }, { logger, onSpanMetricsRows: (batch) => rows.push(...batch) });
  });

  afterEach(async () => {
    await threads.close();
    await storage.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const ingestOver = (write: (batch: Parameters<SqliteStorage['writePlannedSpans']>[0]) => Promise<void>) => {
    const metrics = new CollectorMetrics(createMetricsRegistry());
    return new ThreadedSpanIngest(threads, { metrics, logger, tenancy: { enabled: false, header: 'x-tenant', tenants: [] }, maxBytesInFlight: 64 << 20, writePlanned: write });
  };
  const now = Date.now() * 1000;

  it('answers a request once the spans a thread planned are committed, and counts them into span metrics only then', async () => {
    const ingest = ingestOver((batch) => storage.writePlannedSpans(batch));
    const traceId = hexId(0x6, 1, 32);
    const spans = Array.from({ length: 30 }, (_, i) => buildSpan(traceId, hexId(0x6, i + 1, 16), now + i, { serviceName: 'planned' }));
    // The same request twice, so that each thread plans it once: SQLite keeps each span once all the same.
    for (let i = 0; i < 2; i++) await expect(ingest.submit(ingest.prepare(otlpProto, encodeOtlpProto(spans)), context)).resolves.toEqual({ accepted: 30, rejected: [] });
    expect((await storage.createSpanReader().getTrace(traceId))?.spans).toHaveLength(30);
    expect(await storage.createSpanReader().findTraceIds({ serviceName: 'planned' })).toEqual([traceId]);
    await threads.close();
    expect(rows.filter((row) => row.service === 'planned').reduce((sum, row) => sum + row.calls, 0)).toBe(60);
  });

  it('answers "unavailable" when the commit fails, and does not count those spans into span metrics', async () => {
    const ingest = ingestOver((batch) => storage.writePlannedSpans(batch));
    await storage.close();
    const spans = [buildSpan(hexId(0x7, 1, 32), hexId(0x7, 1, 16), now, { serviceName: 'never-stored' })];
    const failure = await ingest.submit(ingest.prepare(otlpProto, encodeOtlpProto(spans)), context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WriterUnavailableError);
    expect((failure as Error).message).toContain('closed');
    await threads.close();
    expect(rows.filter((row) => row.service === 'never-stored')).toEqual([]);
  });

  it('refuses to search: the spans are in SQLite, which the event loop reads', async () => {
    await expect(threads.call(0, 'services', {})).rejects.toThrow('services: this ingest thread keeps no spans (the store is SQLite)');
  });
});
