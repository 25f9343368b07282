/**
 * @services elasticsearch, opensearch
 *
 * Log lines written by a real logger (pino with Elastic's ECS format) inside real OpenTelemetry spans, indexed into
 * real Elasticsearch 8 and OpenSearch, found again by their trace and attached to their spans.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { StorageError } from '@skein/storage';
import { defaultElasticsearchConfig, type SearchEngineFlavor } from '../config.js';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { deleteLogIndex, indexLogLines, pinoEcsLines } from '../../../../test/logs/ecs-log-lines.js';
import { ElasticsearchTraceLogReader } from './es-trace-log-reader.js';
import type { TraceLogConfig } from './trace-log-options.js';

const engines: Array<[SearchEngineFlavor, 'OPENSEARCH_URL' | 'ELASTICSEARCH_URL']> = [
  ['elasticsearch', 'ELASTICSEARCH_URL'],
  ['opensearch', 'OPENSEARCH_URL'],
];
const ECS_FIELDS = { traceId: 'trace.id', spanId: 'span.id', timestamp: '@timestamp', message: 'message', level: 'log.level' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function configFor(flavor: SearchEngineFlavor, url: string, overrides: Partial<TraceLogConfig> = {}): TraceLogConfig {
  return {
    cluster: defaultElasticsearchConfig({ flavor, serverUrls: [url] }),
    indexPattern: 'logs-*,filebeat-*',
    fields: ECS_FIELDS,
    maxLines: 1000,
    timeMarginMs: 15 * 60_000,
    ...overrides,
  };
}

describe.each(engines)('trace log lines on %s', (flavor, env) => {
  const index = `logs-${uniqueName('skein.tracelogs').toLowerCase().replace(/_/g, '.')}-default`;
  const tracer = new BasicTracerProvider().getTracer('log-test');
  let traceId = '';
  let rootSpanId = '';
  let childSpanId = '';
  let startMicros = 0;
  let endMicros = 0;
  let reader: ElasticsearchTraceLogReader;

  beforeAll(async () => {
    const otherTrace = tracer.startSpan('other');
    const lines = await pinoEcsLines(async (logger) => {
      const root = tracer.startSpan('GET /checkout');
      ({ traceId, spanId: rootSpanId } = root.spanContext());
      startMicros = Date.now() * 1000;
      const ids = (span: { spanContext(): { traceId: string; spanId: string } }) => ({ trace: { id: span.spanContext().traceId }, span: { id: span.spanContext().spanId } });
      logger.info({ ...ids(root), http: { request: { method: 'POST' } } }, 'checkout started');
      await pause(3);
      const child = tracer.startSpan('SELECT orders', {}, trace.setSpan(context.active(), root));
      childSpanId = child.spanContext().spanId;
      logger.child({ 'trace.id': traceId, 'span.id': childSpanId }).warn('slow query');
      await pause(3);
      logger.error({ ...ids(child), err: new Error('deadlock') }, 'query failed');
      child.end();
      await pause(3);
      logger.info({ trace: { id: traceId } }, 'no span named');
      logger.info(ids(otherTrace), 'another trace');
      root.end();
      endMicros = Date.now() * 1000;
    });
    // A line of this trace from two hours earlier: outside the trace's time range and its margin.
    lines.push({ ...lines[0]!, '@timestamp': new Date(Date.now() - 7_200_000).toISOString(), message: 'long before' });
    await indexLogLines(serviceAddress(env), index, lines);
    reader = new ElasticsearchTraceLogReader(configFor(flavor, serviceAddress(env)));
  });

  const afterCleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await reader?.close();
    await deleteLogIndex(serviceAddress(env), index);
    for (const cleanup of afterCleanups) await cleanup();
  });

  it("finds the trace's lines in time order, attached to their spans, with their levels and other fields", async () => {
    const found = await reader.findTraceLogs({ traceId, startMicros, endMicros, limit: 100 });
    expect(found.total).toBe(4);
    expect(found.lines.map((line) => [line.message, line.spanId, line.level])).toEqual([
      ['checkout started', rootSpanId, 'info'],
      ['slow query', childSpanId, 'warn'],
      ['query failed', childSpanId, 'error'],
      ['no span named', undefined, 'info'],
    ]);
    const [first, , failed] = found.lines;
    expect(first!.fields).toMatchObject({ 'http.request.method': 'POST', 'ecs.version': expect.any(String) });
    expect(first!.fields['trace.id']).toBeUndefined();
    expect(failed!.fields).toMatchObject({ 'error.type': 'Error', 'error.message': 'deadlock' });
    expect(found.lines.every((line) => line.index.includes(index) && line.id !== '')).toBe(true);
    expect(first!.timestamp).toBeGreaterThanOrEqual(startMicros - 1000);
  });

  it('stops at the limit, the earliest first, and still counts every match', async () => {
    const found = await new ElasticsearchTraceLogReader(configFor(flavor, serviceAddress(env), { maxLines: 2 })).findTraceLogs({ traceId, startMicros, endMicros, limit: 100 });
    expect(found.lines.map((line) => line.message)).toEqual(['checkout started', 'slow query']);
    expect(found.total).toBe(4);
  });

  it('finds nothing, without an error, for an unknown trace or a pattern that names no index', async () => {
    expect(await reader.findTraceLogs({ traceId: '0af7651916cd43dd8448eb211c80319c', startMicros, endMicros, limit: 100 })).toEqual({ lines: [], total: 0 });
    const nowhere = new ElasticsearchTraceLogReader(configFor(flavor, serviceAddress(env), { indexPattern: 'no-such-logs-index,nor-this-*' }));
    expect(await nowhere.findTraceLogs({ traceId, startMicros, endMicros, limit: 100 })).toEqual({ lines: [], total: 0 });
    await nowhere.close();
  });

  it('bounds a hostile line (huge message, an object as level, deep nesting, 200 fields, __proto__ keys) and keeps it readable', async () => {
    const hostileTrace = 'feedfacefeedfacefeedfacefeedface';
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 15; i++) deep = { [`level${i}`]: deep };
    const now = new Date().toISOString();
    const line = JSON.parse(
      JSON.stringify({ '@timestamp': now, trace: { id: hostileTrace }, span: { id: '<script>' }, message: 'm'.repeat(100_000), 'log.level': { nested: true }, deep, wide: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])) }).replace('"deep"', '"__proto__":{"polluted":"yes"},"deep"'),
    ) as Record<string, unknown>;
    // An index of its own: `log.level` as an object conflicts with the other lines' mapping.
    const hostileIndex = index.replace(/-default$/, '-hostile');
    await indexLogLines(serviceAddress(env), hostileIndex, [line]);
    afterCleanups.push(() => deleteLogIndex(serviceAddress(env), hostileIndex));
    const found = await reader.findTraceLogs({ traceId: hostileTrace, startMicros: Date.now() * 1000, endMicros: Date.now() * 1000, limit: 10 });
    expect(found.lines).toHaveLength(1);
    const [hostile] = found.lines;
    expect(hostile!.message).toHaveLength(16_385);
    expect(hostile!.spanId).toBeUndefined();
    expect(hostile!.level).toBeUndefined();
    expect(Object.keys(hostile!.fields).length).toBeLessThanOrEqual(64);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names the cluster and the trace when the cluster cannot be reached', async () => {
    const down = new ElasticsearchTraceLogReader(configFor(flavor, 'http://127.0.0.1:1'));
    const failure = down.findTraceLogs({ traceId, startMicros, endMicros, limit: 10 });
    await expect(failure).rejects.toThrow(StorageError);
    await expect(failure).rejects.toThrow(`log lines of trace ${traceId} could not be read from logs-*,filebeat-* on http://127.0.0.1:1`);
    await down.close();
  });
});
