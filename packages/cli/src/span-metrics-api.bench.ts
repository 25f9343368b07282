/**
 * Jaeger's Monitor tab against Skein: the p50/p99 of `/api/metrics/*` over 24 hours of one-minute rows for one
 * service with 20 operations written by 2 ingesters (57,600 rows), as the Jaeger UI asks them (step 60 s, rate
 * window 10 min, `groupByOperation`), on SQLite and OpenSearch, with the memory store as the same-run baseline.
 *
 * First, the aggregation's CPU per span on its own.
 *
 * Env: OPENSEARCH_URL (set by `npm run bench`; without it OpenSearch is skipped and says so), BENCH_STORES
 * (`memory,sqlite,opensearch`), BENCH_REQUESTS (40 per
 * endpoint and store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spanMetricsReaderOf, startQueryService } from '@skein/query';
import { createLogger, createMetricsRegistry, loadConfig } from '@skein/runtime';
import { SpanMetricsAggregator, type SpanMetricsRow, type StorageFactory } from '@skein/storage';
import { openStorage, sqliteOptions, storageOptions } from '@skein/storage-backends';
import { randomBytes } from 'node:crypto';
import { benchmarkSpan, type Span } from '@skein/model';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 40);
const OPERATIONS = 20;
const WRITERS = 2;
const DAY_MS = 86_400_000;
const END = Math.floor(Date.now() / 60_000) * 60_000;
const SERVICE = 'bench-frontend';
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A day of rows: every minute, every operation, every writer, from 30 spans of varied durations each. */
function dayOfRows(): SpanMetricsRow[] {
  const rows: SpanMetricsRow[] = [];
  for (let writer = 0; writer < WRITERS; writer++) {
    let now = END - DAY_MS;
    const aggregator = new SpanMetricsAggregator({ writerId: `w${writer}`, now: () => now, maxLatenessMs: 120_000 });
    for (let minute = END - DAY_MS; minute < END; minute += 60_000) {
      now = minute + 30_000;
      const spans: Span[] = [];
      for (let op = 0; op < OPERATIONS; op++) {
        for (let i = 0; i < 30; i++) {
          spans.push({
            traceId: '0'.repeat(32),
            spanId: '0'.repeat(16),
            operationName: `GET /api/v1/op-${op}`,
            references: [],
            flags: 1,
            startTime: (minute + i * 1_000) * 1000,
            duration: Math.round(1_000 * (1 + op) * (1 + ((i * 7919) % 97) / 10)),
            tags: [{ key: 'span.kind', type: 'string', value: 'server' }, ...(i % 29 === 0 ? [{ key: 'error', type: 'bool' as const, value: true }] : [])],
            logs: [],
            process: { serviceName: SERVICE, tags: [] },
            warnings: [],
          });
        }
      }
      aggregator.observe(spans);
      rows.push(...aggregator.takeChanged());
    }
  }
  return rows;
}

async function openBench(store: string): Promise<{ storage: StorageFactory; cleanup: () => Promise<void> } | undefined> {
  if (store === 'opensearch') {
    const url = process.env['OPENSEARCH_URL'];
    if (!url) {
      process.stdout.write(`${JSON.stringify({ bench: 'span-metrics-api', store, skipped: 'OPENSEARCH_URL is not set (npm run bench sets it)' })}\n`);
      return undefined;
    }
    const prefix = `bench-red-${Date.now().toString(36)}`;
    const values = loadConfig(storageOptions(), {}, { ES_SERVER_URLS: url, ES_INDEX_PREFIX: prefix, ES_NUM_SHARDS: '1', ES_NUM_REPLICAS: '0' });
    const storage = await openStorage('opensearch', values);
    return {
      storage,
      cleanup: async () => {
        await fetch(`${url}/${prefix}-*`, { method: 'DELETE' });
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'skein-red-bench-'));
  const values = loadConfig({ ...storageOptions(), dataDir: sqliteOptions.dataDir }, { 'data-dir': dir }, {});
  return { storage: await openStorage(store, values), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The aggregation's own cost per span, in this process, on the performance issue's span (the all-in-one run above
 * shows it in context, but its CPU per span varies by more than this between runs on a shared machine).
 */
function aggregationCost(): void {
  const spans = Array.from({ length: 100_000 }, (_, i) => benchmarkSpan(randomBytes(16).toString('hex'), randomBytes(8).toString('hex'), i % 10, Date.now() * 1000 + i, randomBytes(6).toString('hex')));
  const aggregator = new SpanMetricsAggregator();
  aggregator.observe(spans.slice(0, 20_000));
  const before = process.cpuUsage();
  for (let round = 0; round < 5; round++) aggregator.observe(spans);
  const cpu = process.cpuUsage(before);
  const rows = aggregator.takeChanged().length;
  process.stdout.write(`${JSON.stringify({ bench: 'span-metrics-aggregation', span: 'issue', spans: 500_000, rows, cpuSecondsPerMillionSpans: round(((cpu.user + cpu.system) / 1e6 / 500_000) * 1e6, 2) })}\n`);
}

aggregationCost();
// The bulk indexer's flush timer does not hold the process open; this does, until the end.
const keepAlive = setInterval(() => undefined, 1_000);
const rows = dayOfRows();
const results: Record<string, number> = {};
for (const store of (process.env['BENCH_STORES'] ?? 'memory,sqlite,opensearch').split(',')) {
  const opened = await openBench(store);
  if (!opened) continue;
  const { storage } = opened;
  try {
    const writer = storage.createSpanMetricsWriter!();
    const writeStarted = performance.now();
    for (let i = 0; i < rows.length; i += 2_000) await writer.writeSpanMetrics(rows.slice(i, i + 2_000));
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    if (store === 'opensearch') await (storage as unknown as { refresh(): Promise<void> }).refresh();
    const server = await startQueryService({
      reader: storage.createSpanReader(),
      dependencyReader: storage.createDependencyReader(),
      spanMetrics: spanMetricsReaderOf(storage),
      options: { hostPort: { host: '127.0.0.1', port: 0 }, grpcHostPort: undefined },
      logger: createLogger({ component: 'bench', level: 'silent' }),
      metrics: createMetricsRegistry(),
    });
    try {
      const base = `http://127.0.0.1:${server.address.port}/api/metrics`;
      const query = `service=${SERVICE}&endTs=${END}&lookback=${DAY_MS}&step=60000&ratePer=600000&spanKind=server`;
      for (const [name, path] of [
        ['latencies-by-operation', `/latencies?${query}&quantile=0.95&groupByOperation=true`],
        ['calls-by-operation', `/calls?${query}&groupByOperation=true`],
        ['latencies-service', `/latencies?${query}&quantile=0.5`],
      ] as const) {
        const times: number[] = [];
        let series = 0;
        for (let i = 0; i < REQUESTS + 3; i++) {
          const started = performance.now();
          const response = await fetch(base + path);
          const body = (await response.json()) as { metrics: unknown[] };
          if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
          if (i >= 3) times.push(performance.now() - started);
          series = body.metrics.length;
        }
        times.sort((a, b) => a - b);
        results[`${store}/${name}`] = percentile(times, 99);
        process.stdout.write(
          `${JSON.stringify({ bench: 'span-metrics-api', store, request: name, rows: rows.length, lookbackHours: 24, operations: OPERATIONS, series, requests: times.length, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), rowsWrittenPerSecond: Math.round(rows.length / writeSeconds) })}\n`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await storage.close();
    await opened.cleanup();
  }
}
for (const store of ['sqlite', 'opensearch']) {
  const ratio = results[`${store}/latencies-by-operation`];
  if (ratio !== undefined && results['memory/latencies-by-operation'] !== undefined) {
    process.stdout.write(`${JSON.stringify({ bench: 'span-metrics-api', comparison: `${store}/memory p99, latencies by operation`, ratio: round(ratio / results['memory/latencies-by-operation']!, 2) })}\n`);
  }
}
clearInterval(keepAlive);
