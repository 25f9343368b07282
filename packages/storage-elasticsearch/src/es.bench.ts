/**
 * Benchmark against a real OpenSearch (OPENSEARCH_URL, default http://127.0.0.1:9200): bulk-write throughput and
 * 200-span trace fetch latency of this backend, each next to a baseline measured in the same run over the same
 * documents with plain `fetch` (one hand-built `_bulk` per batch; one `_search` by trace id); and search-result
 * summaries aggregated in the cluster next to the same summaries made from whole traces. Prints JSON lines.
 */
import { performance } from 'node:perf_hooks';
import { formatJaegerTraceId, type Span } from '@skein/model';
import { summarizeTrace } from '@skein/storage';
import { compareDocumentIds } from './testing/document-ids-comparison.js';
import { spanDocumentId } from './document-ids.js';
import { createElasticsearchStorage } from './elasticsearch-storage.js';
import { toSpanDocument } from './span-document.js';
import { disposeTestStorage, testConfig } from './testing/test-storage.js';

const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const TRACES = Number(process.env.BENCH_TRACES ?? 100);
const SPANS_PER_TRACE = 200;
const BATCH = 1000;
const FETCHES = Number(process.env.BENCH_FETCHES ?? 200);
const SUMMARY_ROUNDS = 30;
const CLUSTER_PID = process.env.OPENSEARCH_PID ? Number(process.env.OPENSEARCH_PID) : undefined;
const ID_ROUNDS = Number(process.env.BENCH_ID_ROUNDS ?? 4);
const ID_SPANS = Number(process.env.BENCH_ID_SPANS ?? 25_000);
const prefix = `skeinbench${process.pid}${Date.now().toString(36)}`;
const T0 = Date.parse('2024-01-15T10:00:00Z') * 1000;

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function plain(path: string, body: string, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const json = (await response.json()) as { errors?: boolean };
  if (!response.ok || json.errors) throw new Error(`${path} failed: HTTP ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const hexId = (seed: number, index: number, length: 16 | 32): string =>
  `${seed.toString(16)}${index.toString(16).padStart(8, '0')}`.padStart(length, '0');

/** A 200-span trace shaped like real ones: a fan-out tree, a few typed tags, one log per ten spans. */
function buildTrace(traceId: string, startTime: number, serviceName: string): Span[] {
  return Array.from({ length: SPANS_PER_TRACE }, (_, i): Span => ({
    traceId,
    spanId: hexId(0xb, i + 1, 16),
    operationName: `step-${i % 7}`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: hexId(0xb, Math.floor((i - 1) / 4) + 1, 16) }],
    flags: 1,
    startTime: startTime + i,
    duration: 10 + (i % 100),
    tags: [
      { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : 'internal' },
      { key: 'index', type: 'int64', value: BigInt(i) },
      { key: 'http.url', type: 'string', value: `https://example.com/api/items/${i}?q=abc` },
      { key: 'even', type: 'bool', value: i % 2 === 0 },
    ],
    logs: i % 10 === 0 ? [{ timestamp: startTime + i, fields: [{ key: 'event', type: 'string', value: 'cache-miss' }] }] : [],
    process: { serviceName, tags: [{ key: 'host.name', type: 'string', value: 'bench-host' }] },
    warnings: [],
  }));
}

function spansFor(seed: number): Span[] {
  return Array.from({ length: TRACES }, (_, t) => buildTrace(hexId(seed, t + 1, 32), T0 + t * 1_000_000, `bench-${t % 10}`)).flat();
}

async function main(): Promise<void> {
  const config = testConfig('opensearch', url, prefix, { numShards: 1, numReplicas: 0 });
  const storage = await createElasticsearchStorage({ ...config, bulk: { ...config.bulk, actions: BATCH, sizeBytes: 20_000_000 } });
  try {
    // Warm both paths (JIT, index creation) on spans that are not measured.
    await storage.createSpanWriter().writeSpans(spansFor(0x90).slice(0, 2_000));
    // Same template as the spans (the name matches it), so both sides index identical mappings.
    const baselineIndex = `${prefix}-jaeger-span-baseline`;
    await plain(`/${baselineIndex}/_doc`, '{"warm":true}');

    const baselineSpans = spansFor(0x91);
    const started = performance.now();
    for (let i = 0; i < baselineSpans.length; i += BATCH) {
      let body = '';
      for (const span of baselineSpans.slice(i, i + BATCH)) {
        body += `${JSON.stringify({ index: { _index: baselineIndex, _id: spanDocumentId(span) } })}\n${JSON.stringify(toSpanDocument(span))}\n`;
      }
      await plain('/_bulk', body, 'application/x-ndjson');
    }
    const baselineMs = performance.now() - started;

    const skeinSpans = spansFor(0x92);
    const writer = storage.createSpanWriter();
    const skeinStarted = performance.now();
    for (let i = 0; i < skeinSpans.length; i += BATCH) await writer.writeSpans(skeinSpans.slice(i, i + BATCH));
    const skeinMs = performance.now() - skeinStarted;
    const baselineRate = baselineSpans.length / (baselineMs / 1000);
    const skeinRate = skeinSpans.length / (skeinMs / 1000);
    emit({ bench: 'es.bulk-write', engine: 'opensearch', spans: skeinSpans.length, batch: BATCH, spansPerSecond: Math.round(skeinRate), baselineSpansPerSecond: Math.round(baselineRate), ratioToBaseline: Number((skeinRate / baselineRate).toFixed(3)) });

    await storage.refresh();
    await plain(`/${baselineIndex}/_refresh`, '');
    const reader = storage.createSpanReader();
    const traceIds = Array.from({ length: TRACES }, (_, t) => hexId(0x92, t + 1, 32));
    const skeinLatencies: number[] = [];
    const baselineLatencies: number[] = [];
    for (let i = 0; i < FETCHES; i += 1) {
      const id = traceIds[i % traceIds.length]!;
      let t = performance.now();
      const trace = await reader.getTrace(id);
      skeinLatencies.push(performance.now() - t);
      if (trace?.spans.length !== SPANS_PER_TRACE) throw new Error(`trace ${id} has ${trace?.spans.length} spans`);
      const baselineId = hexId(0x91, (i % traceIds.length) + 1, 32);
      t = performance.now();
      const result = (await plain(`/${baselineIndex}/_search`, JSON.stringify({ size: SPANS_PER_TRACE, query: { term: { traceID: formatJaegerTraceId(baselineId) } } }))) as { hits: { hits: unknown[] } };
      baselineLatencies.push(performance.now() - t);
      if (result.hits.hits.length !== SPANS_PER_TRACE) throw new Error(`baseline trace ${baselineId} has ${result.hits.hits.length} hits`);
    }
    skeinLatencies.sort((a, b) => a - b);
    baselineLatencies.sort((a, b) => a - b);
    const round = (ms: number): number => Number(ms.toFixed(2));
    emit({
      bench: 'es.get-trace-200',
      engine: 'opensearch',
      fetches: FETCHES,
      p50Ms: round(percentile(skeinLatencies, 50)),
      p99Ms: round(percentile(skeinLatencies, 99)),
      baselineP50Ms: round(percentile(baselineLatencies, 50)),
      baselineP99Ms: round(percentile(baselineLatencies, 99)),
      p50RatioToBaseline: Number((percentile(skeinLatencies, 50) / percentile(baselineLatencies, 50)).toFixed(3)),
    });

    // Search results: summaries aggregated in the cluster against the same summaries made from whole traces.
    const query = { serviceName: 'bench-3', startTimeMin: T0, startTimeMax: T0 + TRACES * 1_000_000, limit: 10 };
    const aggregated: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < SUMMARY_ROUNDS; i += 1) {
      let t = performance.now();
      const summaries = await reader.findTraceSummaries(query);
      aggregated.push(performance.now() - t);
      t = performance.now();
      const fromTraces = (await reader.findTraces(query)).map((trace) => summarizeTrace(trace.traceId, trace.spans));
      whole.push(performance.now() - t);
      if (JSON.stringify(summaries) !== JSON.stringify(fromTraces)) throw new Error('aggregated summaries differ from whole-trace summaries');
    }
    if (storage.summaryMode !== 'cluster') throw new Error(`summaries were computed from ${storage.summaryMode}`);
    aggregated.sort((a, b) => a - b);
    whole.sort((a, b) => a - b);
    emit({
      bench: 'es.trace-summaries',
      engine: 'opensearch',
      traces: query.limit,
      spansPerTrace: SPANS_PER_TRACE,
      rounds: SUMMARY_ROUNDS,
      p50Ms: round(percentile(aggregated, 50)),
      wholeTracesP50Ms: round(percentile(whole, 50)),
      p50RatioToWholeTraces: Number((percentile(aggregated, 50) / percentile(whole, 50)).toFixed(3)),
    });

    if (CLUSTER_PID !== undefined) {
      const [timeOrdered, randomOrder] = await compareDocumentIds(url, prefix, CLUSTER_PID, ID_ROUNDS, ID_SPANS);
      for (const row of [timeOrdered!, randomOrder!]) emit({ bench: 'es.document-ids', engine: 'opensearch', rounds: ID_ROUNDS, ...row });
      emit({ bench: 'es.document-ids time-ordered / random-order', clusterCpuRatio: Number((timeOrdered!.clusterCpuSecondsPerMillionSpans / randomOrder!.clusterCpuSecondsPerMillionSpans).toFixed(3)) });
    }
  } finally {
    await storage.close();
    await disposeTestStorage('opensearch', url, prefix);
  }
}

await main();
