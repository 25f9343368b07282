/**
 * The all-in-one on two ingest threads (`--all-in-one.ingest-threads=2`), on the memory store (each thread keeps a
 * share of the spans; reads merge the shares) and on SQLite (the threads plan batches for the writer thread): real
 * senders → the threads, which decode and check each request → the query API: whole traces, searches, the dependency
 * edge between two halves of a trace sent apart, exact span metrics summed over the threads, malformed input refused on
 * every path, and a configuration that cannot work refused at start.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { lastValue, redQuery, redWorkloadRequests, RED_EXPECTED, type MetricFamilyJson } from '../span-metrics/red-workload.js';
import { getJson, type JaegerTrace } from './jaeger-json.js';
import { postSpansBytes } from './post-spans-grpc.js';
import { emitOtelTrace, emitTwoServiceTrace } from './senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from './skein-process.js';

let skein: RunningSkein;
const minuteStart = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;

const metricsText = async (): Promise<string> => (await fetch(skein.url('admin', '/metrics'))).text();

describe.each([
  { store: 'memory', red: 'it-red-memory' },
  { store: 'sqlite', red: 'it-red-sqlite' },
])('on the $store store', ({ store, red }) => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = newDataDir();
    skein = await startSkein({ dataDir, flags: ['--all-in-one.ingest-threads=2', '--span-metrics.flush-interval=300ms'], env: { SPAN_STORAGE_TYPE: store } });
  });

  afterAll(async () => {
    if (skein) expect((await skein.stop()).code).toBe(0);
    removeDataDir(dataDir);
  });

  it('reads whole the traces whose halves were sent in separate requests, and finds them and their dependency edge', async () => {
    const traceIds: string[] = [];
    for (let i = 0; i < 6; i++) traceIds.push(await emitTwoServiceTrace('it-frontend', 'it-backend', () => new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') })));
    for (const traceId of traceIds) {
      const { status: code, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
      expect(code).toBe(200);
      const services = Object.values(body.data[0]!.processes).map((process) => process.serviceName).sort();
      expect({ traceId, spans: body.data[0]!.spans.length, services }).toEqual({ traceId, spans: 2, services: ['it-backend', 'it-frontend'] });
    }
    const found = await getJson<{ data: JaegerTrace[] }>(skein.url('query', '/api/traces?service=it-backend&limit=20'));
    expect(found.body.data.map((trace) => trace.traceID).sort()).toEqual([...traceIds].sort());
    // The search answers whole traces: the frontend's half, kept by the other thread, comes with each.
    expect(found.body.data.every((trace) => trace.spans.length === 2)).toBe(true);
    const services = await getJson<{ data: string[] }>(skein.url('query', '/api/services'));
    expect(services.body.data).toEqual(expect.arrayContaining(['it-backend', 'it-frontend']));
    const dependencies = await getJson<{ data: Array<{ parent: string; child: string; callCount: number }> }>(skein.url('query', `/api/dependencies?endTs=${Date.now()}&lookback=3600000`));
    expect(dependencies.body.data).toContainEqual({ parent: 'it-frontend', child: 'it-backend', callCount: 6 });
  });

  it('takes OTLP over gRPC as over HTTP, and counts each span once', async () => {
    const before = Number(/^skein_collector_spans_received_total\{receiver="otlp-grpc"[^}]*\} (\d+)$/m.exec(await metricsText())?.[1] ?? 0);
    const { traceId } = await emitOtelTrace('it-grpc', new OtlpGrpcExporter({ url: `http://127.0.0.1:${skein.listeners['otlp-grpc']!.port}` }));
    const { body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
    expect(body.data[0]!.spans).toHaveLength(2);
    const after = Number(/^skein_collector_spans_received_total\{receiver="otlp-grpc"[^}]*\} (\d+)$/m.exec(await metricsText())![1]);
    expect(after - before).toBe(2);
    expect(await metricsText()).toMatch(/^skein_ingest_threads_running 2$/m);
  });

  it('answers exact span metrics summed over the threads', async () => {
    for (const body of redWorkloadRequests(red, minuteStart)) {
      const res = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
    }
    const family = async (path: string): Promise<MetricFamilyJson> => (await fetch(skein.url('query', path))).json() as Promise<MetricFamilyJson>;
    const endMs = minuteStart + 120_000;
    const service = { service_name: red };
    await eventually(async () => {
      const calls = lastValue(await family(`/api/metrics/calls?${redQuery(red, endMs)}`), service);
      const client = lastValue(await family(`/api/metrics/calls?${redQuery(red, endMs, '&spanKind=client')}`), service);
      return calls === RED_EXPECTED.serverCalls / 600 && client === RED_EXPECTED.clientCalls / 600 ? true : undefined;
    }, 'the call rates of both threads, summed');
    expect(lastValue(await family(`/api/metrics/errors?${redQuery(red, endMs)}`), service)).toBe(RED_EXPECTED.serverErrors / RED_EXPECTED.serverCalls);
    const p50 = lastValue(await family(`/api/metrics/latencies?${redQuery(red, endMs, '&quantile=0.5')}`), service)!;
    expect(Math.abs(p50 - RED_EXPECTED.serverP50Ms)).toBeLessThanOrEqual(RED_EXPECTED.serverP50Ms * 0.02);
  });

  it('refuses malformed bodies on each path with the decoder’s reason, and still takes good spans afterwards', async () => {
    const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    const http = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: garbage });
    expect(http.status).toBe(400);
    expect(await http.text()).toMatch(/otlp/i);

    const grpcError = await postSpansBytes(skein.listeners['jaeger-grpc']!.port, garbage).then(
      () => undefined,
      (error: ServiceError) => error,
    );
    expect(grpcError?.code).toBe(status.INVALID_ARGUMENT);

    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => socket.send(garbage, skein.listeners['udp-compact']!.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    socket.close();
    await eventually(async () => (/^skein_collector_requests_rejected_total\{receiver="udp-compact",reason="malformed"\} 1$/m.test(await metricsText()) ? true : undefined), 'the malformed datagram counted');
    expect(await metricsText()).toMatch(/^skein_collector_requests_rejected_total\{receiver="otlp-http",reason="decode"\} 1$/m);

    const { traceId } = await emitOtelTrace('it-after-garbage', new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
    expect((await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`))).body.data[0]!.spans).toHaveLength(2);
    expect((await fetch(skein.url('admin', '/readyz'))).status).toBe(200);
  });
});

it('refuses at start, exit 2, ingest threads for a store other than memory or SQLite, and with the Prometheus exposition', () => {
  const bin = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'all-in-one', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, SPAN_STORAGE_TYPE: '' } });
  const elasticsearch = run('--span-storage.type=elasticsearch', '--all-in-one.ingest-threads=2');
  expect(elasticsearch.status).toBe(2);
  expect(elasticsearch.stderr).toContain('--all-in-one.ingest-threads=2 needs --span-storage.type (SPAN_STORAGE_TYPE) memory or sqlite, not elasticsearch');
  const prometheus = run('--span-storage.type=memory', '--all-in-one.ingest-threads=2', '--span-metrics.prometheus=true');
  expect(prometheus.status).toBe(2);
  expect(prometheus.stderr).toContain('--span-metrics.prometheus is not available with --all-in-one.ingest-threads=2');
  const bad = run('--all-in-one.ingest-threads=0');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('all-in-one.ingest-threads');
});
