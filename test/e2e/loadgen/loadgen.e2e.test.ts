/**
 * @services elasticsearch
 *
 * `skein loadgen` end to end: every protocol into the all-in-one, checked through the query API by the span ids of the
 * log lines it wrote for the same requests; and those ECS log lines bulk-indexed into a real Elasticsearch, each
 * carrying a trace id and span id that Skein has.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { getJson, type JaegerTrace } from '../all-in-one/jaeger-json.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';

const BIN = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));

let skein: RunningSkein;
let dataDir: string;

beforeAll(async () => {
  dataDir = newDataDir();
  skein = await startSkein({ dataDir });
}, 90_000);

afterAll(async () => {
  if (skein) await skein.stop();
  removeDataDir(dataDir);
});

interface Summary {
  traces: number;
  spans: number;
  accepted?: number;
  rejected: number;
  failedRequests: number;
  logs?: { written: number; dropped: number; lastError?: string };
}

async function loadgen(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; summary: Summary }> {
  const child = spawn(process.execPath, [BIN, 'loadgen', '--large-trace-every=0', '--progress-interval=0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = stderr.split('\n').find((text) => text.startsWith('summary '));
  if (!line) throw new Error(`skein loadgen printed no summary (exit ${code}):\n${stderr}`);
  return { code, stdout, stderr, summary: JSON.parse(line.slice('summary '.length)) as Summary };
}

/** Trace id → the span ids its log lines name. */
function spansByTrace(ndjson: string): Map<string, Set<string>> {
  const traces = new Map<string, Set<string>>();
  for (const text of ndjson.split('\n').filter(Boolean)) {
    const line = JSON.parse(text) as Record<string, string>;
    expect(line).toMatchObject({ 'ecs.version': expect.any(String), 'event.dataset': 'skein.loadgen', 'log.level': expect.stringMatching(/^(info|warn|error)$/) });
    expect(Date.parse(line['@timestamp']!)).toBeGreaterThan(Date.now() - 10 * 60_000);
    const spans = traces.get(line['trace.id']!) ?? new Set<string>();
    spans.add(line['span.id']!);
    traces.set(line['trace.id']!, spans);
  }
  return traces;
}

async function storedTrace(traceId: string): Promise<JaegerTrace> {
  return eventually(async () => {
    const { status, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
    return status === 200 ? body.data[0] : undefined;
  }, `trace ${traceId}`);
}

async function expectStored(traces: Map<string, Set<string>>): Promise<void> {
  for (const [traceId, spanIds] of traces) {
    const trace = await eventually(async () => {
      const found = await storedTrace(traceId);
      const stored = new Set(found.spans.map((span) => span.spanID));
      return [...spanIds].every((id) => stored.has(id)) ? found : undefined;
    }, `every logged span of ${traceId}`);
    expect(trace.spans.length).toBeGreaterThanOrEqual(spanIds.size);
  }
}

describe('skein loadgen → all-in-one', () => {
  const endpoints: Array<[string, () => string]> = [
    ['otlp-grpc', () => `127.0.0.1:${skein.listeners['otlp-grpc']!.port}`],
    ['otlp-http', () => skein.url('otlp-http', '/v1/traces')],
    ['otlp-http-json', () => skein.url('otlp-http', '/v1/traces')],
    ['jaeger-grpc', () => `127.0.0.1:${skein.listeners['jaeger-grpc']!.port}`],
    ['jaeger-http', () => skein.url('jaeger-http', '/api/traces')],
    ['jaeger-udp-compact', () => `127.0.0.1:${skein.listeners['udp-compact']!.port}`],
    ['jaeger-udp-binary', () => `127.0.0.1:${skein.listeners['udp-binary']!.port}`],
    ['zipkin', () => skein.url('zipkin', '/api/v2/spans')],
  ];

  it.each(endpoints)('sends over %s: every span accepted and stored, as its log lines name them', async (protocol, endpoint) => {
    const run = await loadgen([`--protocol=${protocol}`, `--endpoint=${endpoint()}`, '--traces=12', '--rate=0', '--seed=1234', '--error-rate=0.3', '--logs=stdout']);
    expect(run.code).toBe(0);
    expect(run.summary).toMatchObject({ traces: 12, rejected: 0, failedRequests: 0 });
    if (protocol.includes('udp')) expect(run.summary.accepted).toBeUndefined();
    else expect(run.summary.accepted).toBe(run.summary.spans);
    const traces = spansByTrace(run.stdout);
    expect(traces.size).toBe(12);
    await expectStored(traces);
  }, 60_000);

  it('keeps its rate and stops at --duration', async () => {
    const run = await loadgen(['--protocol=otlp-grpc', `--endpoint=127.0.0.1:${skein.listeners['otlp-grpc']!.port}`, '--rate=40', '--duration=3s', '--seed=5']);
    expect(run.code).toBe(0);
    // 40 traces/s for 3 s: 120 traces, give or take the first and last tick.
    expect(run.summary.traces).toBeGreaterThanOrEqual(110);
    expect(run.summary.traces).toBeLessThanOrEqual(125);
    expect(run.summary.accepted).toBe(run.summary.spans);
  }, 30_000);

  it('sends the very large trace whole', async () => {
    const run = await loadgen(['--protocol=otlp-http', `--endpoint=${skein.url('otlp-http', '/v1/traces')}`, '--traces=2', '--rate=0', '--large-trace-every=2', '--large-trace-spans=20000', '--logs=stdout']);
    expect(run.code).toBe(0);
    const large = [...spansByTrace(run.stdout).keys()][1]!;
    const trace = await eventually(async () => {
      const found = await storedTrace(large);
      return found.spans.length === 20_000 ? found : undefined;
    }, 'the 20,000-span trace');
    expect(new Set(trace.spans.map((span) => span.spanID)).size).toBe(20_000);
  }, 60_000);

  it('reports a receiver that takes nothing, and exits 1', async () => {
    const run = await loadgen(['--protocol=zipkin', `--endpoint=${skein.url('zipkin', '/api/v2/nowhere')}`, '--traces=2', '--rate=0']);
    expect(run.code).toBe(1);
    expect(run.summary.rejected).toBe(run.summary.spans);
    expect(run.stderr).toContain('the receiver took none of the');
    expect(run.stderr).toContain('HTTP 404');
  });
});

describe('skein loadgen --logs=elasticsearch', () => {
  it('indexes ECS log lines whose trace.id and span.id Skein has', async () => {
    const elasticsearch = serviceAddress('ELASTICSEARCH_URL');
    const index = uniqueName('logs-loadgen').toLowerCase();
    const run = await loadgen([
      '--protocol=otlp-grpc',
      `--endpoint=127.0.0.1:${skein.listeners['otlp-grpc']!.port}`,
      '--traces=30',
      '--rate=0',
      '--error-rate=0.2',
      '--logs=elasticsearch',
      `--logs.server-urls=${elasticsearch}`,
      `--logs.index=${index}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.summary.logs).toMatchObject({ dropped: 0 });
    const written = run.summary.logs!.written;
    expect(written).toBeGreaterThan(30);
    try {
      await fetch(`${elasticsearch}/${index}/_refresh`, { method: 'POST' });
      const search = (await (
        await fetch(`${elasticsearch}/${index}/_search?size=10000`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: { match_all: {} } }) })
      ).json()) as { hits: { hits: Array<{ _source: Record<string, string> }> } };
      const docs = search.hits.hits.map((hit) => hit._source);
      expect(docs).toHaveLength(written);
      expect(docs.filter((doc) => doc['log.level'] === 'error').length).toBeGreaterThan(0);
      const traces = spansByTrace(docs.map((doc) => JSON.stringify(doc)).join('\n'));
      expect(traces.size).toBe(30);
      await expectStored(traces);
    } finally {
      await fetch(`${elasticsearch}/${index}`, { method: 'DELETE' });
    }
  }, 60_000);
});
