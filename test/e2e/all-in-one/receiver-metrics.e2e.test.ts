/**
 * `skein_collector_spans_received_total` counts every span once, whichever receiver took it (operators alert on it;
 * the gRPC and UDP receivers once counted each span twice). Real senders → the all-in-one → its `/metrics`. Run on the
 * default store and on the memory store with ingest threads (`--all-in-one.ingest-threads`), which decode elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { encodePostSpansRequest, jaegerAgentCompact } from '@skein/codecs';
import type { Span } from '@skein/model';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { postSpansBytes } from './post-spans-grpc.js';
import { emitJaegerClientSpan, emitOtelTrace } from './senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from './skein-process.js';

let skein: RunningSkein;

function modelSpans(service: string, count: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  return Array.from({ length: count }, () => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: 'op',
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 100,
    tags: [],
    logs: [],
    process: { serviceName: service, tags: [] },
    warnings: [],
  }));
}

function postSpansOverGrpc(spans: Span[]): Promise<void> {
  return postSpansBytes(skein.listeners['jaeger-grpc']!.port, encodePostSpansRequest(spans));
}

/** `skein_collector_spans_received_total` summed per receiver, from the admin port's Prometheus text. */
async function receivedByReceiver(): Promise<Record<string, number>> {
  const text = await (await fetch(skein.url('admin', '/metrics'))).text();
  const totals: Record<string, number> = {};
  for (const match of text.matchAll(/^skein_collector_spans_received_total\{([^}]*)\} (\d+)$/gm)) {
    const receiver = /receiver="([^"]+)"/.exec(match[1]!)![1]!;
    totals[receiver] = (totals[receiver] ?? 0) + Number(match[2]);
  }
  return totals;
}

describe.each([
  { store: 'SQLite', env: {}, flags: [] as string[] },
  { store: 'memory on 2 threads', env: { SPAN_STORAGE_TYPE: 'memory' }, flags: ['--all-in-one.ingest-threads=2'] },
])('receiver metrics on $store', ({ env, flags }) => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = newDataDir();
    skein = await startSkein({ dataDir, env, flags });
  });

  afterAll(async () => {
    if (skein) expect((await skein.stop()).code).toBe(0);
    removeDataDir(dataDir);
  });

  it('counts each span once per receiver: OTLP gRPC and HTTP, Zipkin, Jaeger gRPC, HTTP and UDP (compact and binary)', async () => {
    await emitOtelTrace('metrics-otlp-grpc', new OtlpGrpcExporter({ url: `http://127.0.0.1:${skein.listeners['otlp-grpc']!.port}` }));
    await emitOtelTrace('metrics-otlp-http', new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
    await emitOtelTrace('metrics-zipkin', new ZipkinExporter({ url: skein.url('zipkin', '/api/v2/spans') }));
    await emitJaegerClientSpan('metrics-jaeger-http', { collectorEndpoint: skein.url('jaeger-http', '/api/traces') });
    await emitJaegerClientSpan('metrics-udp-binary', { agentHost: '127.0.0.1', agentPort: skein.listeners['udp-binary']!.port });
    await postSpansOverGrpc(modelSpans('metrics-jaeger-grpc', 4));
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) =>
      socket.send(jaegerAgentCompact.encode!(modelSpans('metrics-udp-compact', 3)), skein.listeners['udp-compact']!.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );
    socket.close();

    const expected = { 'otlp-grpc': 2, 'otlp-http': 2, zipkin: 2, 'jaeger-http': 1, 'udp-binary': 1, 'jaeger-grpc': 4, 'udp-compact': 3 };
    // UDP is fire-and-forget: wait until every span is counted (and a little longer, to see any second count).
    const counted = await eventually(async () => {
      const totals = await receivedByReceiver();
      return Object.entries(expected).every(([receiver, count]) => (totals[receiver] ?? 0) >= count) ? totals : undefined;
    }, 'every receiver to count its spans');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await receivedByReceiver()).toEqual(expected);
    expect(counted).toEqual(expected);
  });

  it('answers PostSpans with INVALID_ARGUMENT when every span is refused, so no client believes them stored', async () => {
    const invalid = modelSpans('metrics-invalid', 2).map((span) => ({ ...span, traceId: '0'.repeat(32) }));
    const error = await postSpansOverGrpc(invalid).then(
      () => undefined,
      (failure: ServiceError) => failure,
    );
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^2 span\(s\) rejected: /);
    const metrics = await (await fetch(skein.url('admin', '/metrics'))).text();
    expect(metrics).toMatch(/^skein_collector_requests_rejected_total\{[^}]*reason="all-spans-rejected"[^}]*\} 1$/m);
    // A batch with one valid span among refused ones is accepted, as Jaeger does.
    await expect(postSpansOverGrpc([...invalid, ...modelSpans('metrics-invalid', 1)])).resolves.toBeUndefined();
  });
});
