/**
 * OTLP gRPC receiver throughput. Run: `npx tsx packages/collector/src/receivers/grpc/grpc.bench.ts`.
 * An in-process grpc-js client keeps CONCURRENCY unary `Export` calls of pre-encoded 100-span requests in flight
 * against a receiver with a no-op ingest; client and server share one event loop, so the figure is a lower bound
 * for the server alone. (A client in a worker thread measured 5-10x lower on a loaded 2-core machine.) Prints
 * {"bench":"otlp-grpc","spansPerSec","requestsPerSec","requestBytes","concurrency","errors","decodeOnlySpansPerSec","ratioToDecode"}:
 * the baseline is the same request decoded in-process in the same run, because these machines are shared and noisy.
 * Env: BENCH_MS (default 3000), BENCH_CONCURRENCY (default 8).
 */
import { encodeOtlpProto, otlpProto } from '@skein/codecs';
import type { Span, Tag } from '@skein/model';
import { DEFAULT_GRPC_MAX_MESSAGE_SIZE } from './options.js';
import { createOtlpGrpcReceiver } from './receivers.js';
import { RawGrpcClient } from './grpc-client.js';
import { rawClientDefinitions } from './service-definitions.js';
import { noopIngest, silentLogger, testMetrics } from './test-support.js';

const SPANS_PER_REQUEST = 100;
const RUN_MS = Number(process.env.BENCH_MS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function makeSpans(): Span[] {
  const process = { serviceName: 'checkout', tags: [{ key: 'host.name', type: 'string', value: 'checkout-7d9f8b6c5-x2x4p' }, { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' }] as Tag[] };
  return Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId: (i % 5 + 1).toString(16).padStart(32, 'a'),
    spanId: (i + 1).toString(16).padStart(16, '0'),
    operationName: `GET /api/items/${i % 7}`,
    references: [],
    flags: 1,
    startTime: 1_700_000_000_000_000 + i * 10,
    duration: 1_000 + i,
    tags: Array.from({ length: 12 }, (_, a): Tag => (a % 3 === 0 ? { key: `app.attr.${a}`, type: 'int64', value: BigInt(a * i) } : { key: `app.attr.${a}`, type: 'string', value: `value-${i}-${a}-typical-length` })),
    logs: i % 5 === 0 ? [{ timestamp: 1_700_000_000_000_500 + i, fields: [{ key: 'event', type: 'string', value: 'cache miss' } as Tag] }] : [],
    process,
    warnings: [],
  }));
}

const receiver = createOtlpGrpcReceiver(
  { ingest: noopIngest, metrics: testMetrics().metrics, logger: silentLogger },
  { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize: DEFAULT_GRPC_MAX_MESSAGE_SIZE, tlsEnabled: false, tlsCert: '', tlsKey: '', tlsClientCa: '' },
);
await receiver.start();
const request = encodeOtlpProto(makeSpans());
const client = new RawGrpcClient(rawClientDefinitions.otlpTraceService, `127.0.0.1:${receiver.address()!.port}`);
await client.call('Export', request);
let done = 0;
let errors = 0;
let lastError = '';
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() - startedAt < RUN_MS) {
      const { error } = await client.call('Export', request);
      if (error) {
        errors += 1;
        lastError = error.message;
      } else done += 1;
    }
  }),
);
const result = { done, errors, lastError, elapsedMs: performance.now() - startedAt };
client.close();
await receiver.stop();

function decodeOnlySpansPerSec(): number {
  const start = performance.now();
  let decoded = 0;
  while (performance.now() - start < Math.min(RUN_MS, 1500)) {
    decoded += otlpProto.decode(request).spans.length;
  }
  return Math.round(decoded / ((performance.now() - start) / 1000));
}
const baseline = decodeOnlySpansPerSec();
const seconds = result.elapsedMs / 1000;
const spansPerSec = Math.round((result.done * SPANS_PER_REQUEST) / seconds);
console.log(
  JSON.stringify({
    bench: 'otlp-grpc',
    spansPerSec,
    requestsPerSec: Math.round(result.done / seconds),
    requestBytes: request.length,
    concurrency: CONCURRENCY,
    errors: result.errors,
    ...(result.errors ? { lastError: result.lastError } : {}),
    decodeOnlySpansPerSec: baseline,
    ratioToDecode: Number((spansPerSec / baseline).toFixed(3)),
  }),
);
