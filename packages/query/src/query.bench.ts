/**
 * Query API latency over HTTP against SQLite, with the direct SpanReader call as the in-run baseline (the ratio is
 * the cost of HTTP, adjusters and JSON). Prints one JSON line per measurement.
 *
 *   npm run bench -w @skein/query            (SKEIN_BENCH_SPANS, SKEIN_BENCH_LOAD_SECONDS to change the load)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span, Tag } from '@skein/model';
import { createLogger, createMetricsRegistry } from '@skein/runtime';
import { openSqliteStorage } from '@skein/storage-sqlite';
import { rawGrpcClient } from './grpc/raw-client.js';
import { startQueryService } from './server.js';

const TARGET_SPANS = Number(process.env.SKEIN_BENCH_SPANS ?? 1_000_000);
const LOAD_BUDGET_MS = Number(process.env.SKEIN_BENCH_LOAD_SECONDS ?? 90) * 1000;
const SPANS_PER_TRACE = 10;
const SERVICES = 20;
const BATCH_SPANS = 10_000;
const ITERATIONS = Number(process.env.SKEIN_BENCH_ITERATIONS ?? 300);
const NOW = Date.now() * 1000;
const HOUR = 3_600_000_000;

const emit = (record: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ bench: 'query', ...record })}\n`);
};

/** Trace `n`: a root on service n % SERVICES calling nine spans on other services, spread over the last 24 h. */
function syntheticTrace(n: number): Span[] {
  const traceId = `a${n.toString(16).padStart(31, '0')}`;
  const start = NOW - Math.floor(((n * 7919) % 86_400) * 1_000_000);
  const spans: Span[] = [];
  for (let i = 0; i < SPANS_PER_TRACE; i++) {
    const service = `svc-${(n + i) % SERVICES}`;
    const tags: Tag[] = [
      { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : 'client' },
      { key: 'http.method', type: 'string', value: i % 2 === 0 ? 'GET' : 'POST' },
      { key: 'http.status_code', type: 'int64', value: BigInt(n % 50 === 0 ? 500 : 200) },
      { key: 'customer', type: 'string', value: `c-${n % 1000}` },
    ];
    spans.push({
      traceId,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      operationName: `op-${i % 5}`,
      references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: '0000000000000001' }],
      flags: 1,
      startTime: start + i * 10,
      duration: 1000 + ((n * 31 + i * 17) % 100_000),
      tags,
      logs: i === 0 ? [{ timestamp: start + 5, fields: [{ key: 'event', type: 'string', value: 'started' }] }] : [],
      process: { serviceName: service, tags: [{ key: 'host.name', type: 'string', value: `host-${n % 50}` }] },
      warnings: [],
    });
  }
  return spans;
}

/** One trace of `size` spans, a tree four wide, each span with a few typed tags and a log. */
function largeTrace(traceId: string, size: number, start: number): Span[] {
  return Array.from({ length: size }, (_, i): Span => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    operationName: `step-${i % 7}`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: (Math.floor((i - 1) / 4) + 1).toString(16).padStart(16, '0') }],
    flags: 1,
    startTime: start + i * 10,
    duration: 5000 - i,
    tags: [
      { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : 'internal' },
      { key: 'index', type: 'int64', value: BigInt(i) },
      { key: 'even', type: 'bool', value: i % 2 === 0 },
      { key: 'db.statement', type: 'string', value: `SELECT * FROM t WHERE id = ${i}` },
    ],
    logs: [{ timestamp: start + i * 10 + 1, fields: [{ key: 'event', type: 'string', value: 'checkpoint' }] }],
    process: { serviceName: `svc-${i % 4}`, tags: [{ key: 'ip', type: 'string', value: `10.0.0.${i % 4}` }] },
    warnings: [],
  }));
}

function percentiles(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length) };
}

async function measure(run: () => Promise<unknown>, iterations: number): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < Math.min(30, iterations); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-query-bench-'));
  const storage = openSqliteStorage({ path: join(dir, 'bench.sqlite') });
  try {
    const writer = storage.createSpanWriter();
    const bigTraceId = 'b'.repeat(32);
    await writer.writeSpans(largeTrace(bigTraceId, 200, NOW - HOUR));

    const loadStarted = performance.now();
    let loaded = 200;
    let next = 0;
    while (loaded < TARGET_SPANS && performance.now() - loadStarted < LOAD_BUDGET_MS) {
      const batch: Span[] = [];
      while (batch.length < BATCH_SPANS) batch.push(...syntheticTrace(next++));
      await writer.writeSpans(batch);
      loaded += batch.length;
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    emit({ phase: 'load', spans: loaded, traces: next + 1, targetSpans: TARGET_SPANS, seconds: Math.round(loadSeconds * 10) / 10, spansPerSecond: Math.round((loaded - 200) / loadSeconds), reachedTarget: loaded >= TARGET_SPANS });

    const reader = storage.createSpanReader();
    const server = await startQueryService({
      reader,
      dependencyReader: storage.createDependencyReader(),
      options: { hostPort: { host: '127.0.0.1', port: 0 }, grpcHostPort: { host: '127.0.0.1', port: 0 } },
      logger: createLogger({ component: 'bench', level: 'silent' }),
      metrics: createMetricsRegistry(),
    });
    const base = `http://127.0.0.1:${server.address.port}`;
    const fetchOk = async (path: string): Promise<void> => {
      const res = await fetch(base + path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      await res.arrayBuffer();
    };
    try {
      const direct = await measure(() => reader.getTrace(bigTraceId), ITERATIONS);
      const http = await measure(() => fetchOk(`/api/traces/${bigTraceId}`), ITERATIONS);
      emit({ phase: 'get-trace', spansInTrace: 200, directMs: direct, httpMs: http, ratioP50: round2(http.p50 / direct.p50), targetP99Ms: 30, metTarget: http.p99 <= 30 });

      // A 10,000-span trace over HTTP (Jaeger JSON) and over both gRPC APIs (raw bytes, no client-side decoding).
      const hugeTraceId = 'c'.repeat(32);
      await writer.writeSpans(largeTrace(hugeTraceId, 10_000, NOW - HOUR));
      const grpc = rawGrpcClient(server.grpcAddress!.port);
      try {
        const hugeIterations = Math.max(20, Math.floor(ITERATIONS / 10));
        const httpHuge = await measure(() => fetchOk(`/api/traces/${hugeTraceId}`), hugeIterations);
        const v2 = await measure(() => grpc.stream('/jaeger.api_v2.QueryService/GetTrace', Buffer.concat([Buffer.from([0x0a, 16]), Buffer.from(hugeTraceId, 'hex')])), hugeIterations);
        const v3 = await measure(() => grpc.stream('/jaeger.api_v3.QueryService/GetTrace', Buffer.concat([Buffer.from([0x0a, 32]), Buffer.from(hugeTraceId, 'latin1')])), hugeIterations);
        emit({ phase: 'get-trace-grpc', spansInTrace: 10_000, httpMs: httpHuge, grpcApiV2Ms: v2, grpcApiV3Ms: v3, v2RatioToHttpP50: round2(v2.p50 / httpHuge.p50), v3RatioToHttpP50: round2(v3.p50 / httpHuge.p50) });
      } finally {
        grpc.close();
      }

      const start = NOW - 25 * HOUR;
      const searches = [
        { name: 'service', query: { serviceName: 'svc-3', startTimeMin: start, startTimeMax: NOW, limit: 20 }, path: `service=svc-3&start=${start}&end=${NOW}&limit=20` },
        {
          name: 'service+operation+tag',
          query: { serviceName: 'svc-10', operationName: 'op-0', tags: { 'http.status_code': '500' }, startTimeMin: start, startTimeMax: NOW, limit: 20 },
          path: `service=svc-10&operation=op-0&tags=${encodeURIComponent('{"http.status_code":"500"}')}&start=${start}&end=${NOW}&limit=20`,
        },
        { name: 'service+minDuration', query: { serviceName: 'svc-7', durationMin: 90_000, startTimeMin: start, startTimeMax: NOW, limit: 20 }, path: `service=svc-7&minDuration=90ms&start=${start}&end=${NOW}&limit=20` },
      ];
      for (const search of searches) {
        const found = (await reader.findTraces(search.query)).length;
        const iterations = Math.max(50, Math.floor(ITERATIONS / 3));
        const directSearch = await measure(() => reader.findTraces(search.query), iterations);
        const httpSearch = await measure(() => fetchOk(`/api/traces?${search.path}`), iterations);
        emit({ phase: 'search', search: search.name, tracesFound: found, directMs: directSearch, httpMs: httpSearch, ratioP50: round2(httpSearch.p50 / directSearch.p50), targetP99Ms: 150, metTarget: httpSearch.p99 <= 150 });
      }

      // What the search page reads: summaries, against the whole traces api_v3 would otherwise send.
      const window = `query.serviceName=svc-3&query.startTimeMin=${new Date(start / 1000).toISOString()}&query.startTimeMax=${new Date(NOW / 1000).toISOString()}&query.searchDepth=20`;
      const summaries = await measure(() => fetchOk(`/api/v3/trace-summaries?${window}`), Math.max(50, Math.floor(ITERATIONS / 3)));
      const traces = await measure(() => fetchOk(`/api/v3/traces?${window}`), Math.max(50, Math.floor(ITERATIONS / 3)));
      emit({ phase: 'trace-summaries', traces: 20, summariesMs: summaries, wholeTracesMs: traces, ratioP50: round2(summaries.p50 / traces.p50) });
    } finally {
      await server.stop();
    }
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`query bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
