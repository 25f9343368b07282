/**
 * The all-in-one's memory store on two threads (`--memory.threads=2`): real senders → the threads, which decode, check
 * and keep each request's spans → the query API merging the threads' shares: whole traces, searches, the dependency
 * edge between two halves of a trace sent apart, exact span metrics summed over the threads, malformed input refused
 * on every path, and a configuration that cannot work refused at start.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { lastValue, redQuery, redWorkloadRequests, RED_EXPECTED, type MetricFamilyJson } from '../span-metrics/red-workload.js';
import { getJson, type JaegerTrace } from './jaeger-json.js';
import { emitOtelTrace, emitTwoServiceTrace } from './senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from './skein-process.js';

let skein: RunningSkein;
let dataDir: string;
const minuteStart = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;

beforeAll(async () => {
  dataDir = newDataDir();
  skein = await startSkein({ dataDir, flags: ['--memory.threads=2', '--span-metrics.flush-interval=300ms'], env: { SPAN_STORAGE_TYPE: 'memory' } });
});

afterAll(async () => {
  if (skein) expect((await skein.stop()).code).toBe(0);
  removeDataDir(dataDir);
});

const metricsText = async (): Promise<string> => (await fetch(skein.url('admin', '/metrics'))).text();

it('reads whole the traces whose halves were sent in separate requests, and finds them and their dependency edge', async () => {
  const traceIds: string[] = [];
  for (let i = 0; i < 6; i++) traceIds.push(await emitTwoServiceTrace('mt-frontend', 'mt-backend', () => new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') })));
  for (const traceId of traceIds) {
    const { status: code, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
    expect(code).toBe(200);
    const services = Object.values(body.data[0]!.processes).map((process) => process.serviceName).sort();
    expect({ traceId, spans: body.data[0]!.spans.length, services }).toEqual({ traceId, spans: 2, services: ['mt-backend', 'mt-frontend'] });
  }
  const found = await getJson<{ data: JaegerTrace[] }>(skein.url('query', '/api/traces?service=mt-backend&limit=20'));
  expect(found.body.data.map((trace) => trace.traceID).sort()).toEqual([...traceIds].sort());
  // The search answers whole traces: the frontend's half, kept by the other thread, comes with each.
  expect(found.body.data.every((trace) => trace.spans.length === 2)).toBe(true);
  const services = await getJson<{ data: string[] }>(skein.url('query', '/api/services'));
  expect(services.body.data).toEqual(expect.arrayContaining(['mt-backend', 'mt-frontend']));
  const dependencies = await getJson<{ data: Array<{ parent: string; child: string; callCount: number }> }>(skein.url('query', `/api/dependencies?endTs=${Date.now()}&lookback=3600000`));
  expect(dependencies.body.data).toContainEqual({ parent: 'mt-frontend', child: 'mt-backend', callCount: 6 });
});

it('takes OTLP over gRPC as over HTTP, and counts each span once', async () => {
  const before = Number(/^skein_collector_spans_received_total\{receiver="otlp-grpc"[^}]*\} (\d+)$/m.exec(await metricsText())?.[1] ?? 0);
  const { traceId } = await emitOtelTrace('mt-grpc', new OtlpGrpcExporter({ url: `http://127.0.0.1:${skein.listeners['otlp-grpc']!.port}` }));
  const { body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
  expect(body.data[0]!.spans).toHaveLength(2);
  const after = Number(/^skein_collector_spans_received_total\{receiver="otlp-grpc"[^}]*\} (\d+)$/m.exec(await metricsText())![1]);
  expect(after - before).toBe(2);
  expect(await metricsText()).toMatch(/^skein_memory_store_threads_running 2$/m);
});

it('answers exact span metrics summed over the threads', async () => {
  for (const body of redWorkloadRequests('mt-red', minuteStart)) {
    const res = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
  }
  const family = async (path: string): Promise<MetricFamilyJson> => (await fetch(skein.url('query', path))).json() as Promise<MetricFamilyJson>;
  const endMs = minuteStart + 120_000;
  const service = { service_name: 'mt-red' };
  await eventually(async () => {
    const calls = lastValue(await family(`/api/metrics/calls?${redQuery('mt-red', endMs)}`), service);
    const client = lastValue(await family(`/api/metrics/calls?${redQuery('mt-red', endMs, '&spanKind=client')}`), service);
    return calls === RED_EXPECTED.serverCalls / 600 && client === RED_EXPECTED.clientCalls / 600 ? true : undefined;
  }, 'the call rates of both threads, summed');
  expect(lastValue(await family(`/api/metrics/errors?${redQuery('mt-red', endMs)}`), service)).toBe(RED_EXPECTED.serverErrors / RED_EXPECTED.serverCalls);
  const p50 = lastValue(await family(`/api/metrics/latencies?${redQuery('mt-red', endMs, '&quantile=0.5')}`), service)!;
  expect(Math.abs(p50 - RED_EXPECTED.serverP50Ms)).toBeLessThanOrEqual(RED_EXPECTED.serverP50Ms * 0.02);
});

it('refuses malformed bodies on each path with the decoder’s reason, and still takes good spans afterwards', async () => {
  const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
  const http = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: garbage });
  expect(http.status).toBe(400);
  expect(await http.text()).toMatch(/otlp/i);

  const Constructor = makeGenericClientConstructor(
    {
      PostSpans: {
        path: '/jaeger.api_v2.CollectorService/PostSpans',
        requestStream: false,
        responseStream: false,
        requestSerialize: (bytes: Uint8Array) => Buffer.from(bytes),
        requestDeserialize: (bytes: Buffer) => bytes,
        responseSerialize: (bytes: Uint8Array) => Buffer.from(bytes),
        responseDeserialize: (bytes: Buffer) => bytes,
      },
    },
    'PostSpansClient',
  );
  const client = new Constructor(`127.0.0.1:${skein.listeners['jaeger-grpc']!.port}`, credentials.createInsecure()) as unknown as Client & {
    PostSpans: (request: Uint8Array, metadata: Metadata, callback: (error: ServiceError | null) => void) => void;
  };
  const grpcError = await new Promise<ServiceError | null>((resolve) => client.PostSpans(garbage, new Metadata(), resolve));
  client.close();
  expect(grpcError?.code).toBe(status.INVALID_ARGUMENT);

  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => socket.send(garbage, skein.listeners['udp-compact']!.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  socket.close();
  await eventually(async () => (/^skein_collector_requests_rejected_total\{receiver="udp-compact",reason="malformed"\} 1$/m.test(await metricsText()) ? true : undefined), 'the malformed datagram counted');
  expect(await metricsText()).toMatch(/^skein_collector_requests_rejected_total\{receiver="otlp-http",reason="decode"\} 1$/m);

  const { traceId } = await emitOtelTrace('mt-after-garbage', new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
  expect((await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`))).body.data[0]!.spans).toHaveLength(2);
  expect((await fetch(skein.url('admin', '/readyz'))).status).toBe(200);
});

it('refuses at start, exit 2, threads for a store other than memory and the Prometheus exposition with threads', () => {
  const bin = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'all-in-one', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, SPAN_STORAGE_TYPE: '' } });
  const sqlite = run('--memory.threads=2');
  expect(sqlite.status).toBe(2);
  expect(sqlite.stderr).toContain('--memory.threads=2 needs --span-storage.type=memory (SPAN_STORAGE_TYPE), not sqlite');
  const prometheus = run('--span-storage.type=memory', '--memory.threads=2', '--span-metrics.prometheus=true');
  expect(prometheus.status).toBe(2);
  expect(prometheus.stderr).toContain('--span-metrics.prometheus is not available with --memory.threads=2');
  const bad = run('--span-storage.type=memory', '--memory.threads=0');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('memory.threads');
});
