/**
 * Hot-path benchmarks for the model: id parsing and formatting, the span content hash, UI JSON writing.
 * Run: `npx tsx packages/model/src/ids.bench.ts` (add `--quick` for a short run). Prints one JSON line per case,
 * `{"bench":"...","opsPerSec":N}`, plus `ratioToBaseline` against a trivial baseline measured in the same run,
 * because these machines are shared and absolute figures drift.
 */
import { formatJaegerTraceId, spanIdFromHex, traceIdFromBytes, traceIdFromHex, traceIdFromHighLow } from './ids.js';
import { stringifyJaegerUiTrace } from './jaeger-json.js';
import type { Span, Tag } from './span.js';
import { spanContentHash } from './span-key.js';

const quick = process.argv.includes('--quick');
const durationMs = quick ? 150 : 600;
let sink = 0;

function measure(name: string, run: (i: number) => number, baseline?: number): number {
  for (let i = 0; i < 20_000; i++) sink += run(i); // warm up to optimized code
  let ops = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < until) {
    for (let i = 0; i < 1000; i++) sink += run(ops + i);
    ops += 1000;
    now = process.hrtime.bigint();
  }
  const opsPerSec = Math.round((ops * 1e9) / Number(now - start));
  const line: Record<string, unknown> = { bench: name, opsPerSec };
  if (baseline !== undefined) line.ratioToBaseline = Number((opsPerSec / baseline).toFixed(4));
  console.log(JSON.stringify(line));
  return opsPerSec;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (Math.random() * 256) | 1;
  return bytes;
}

const POOL = 1024;
const hexTraceIds = Array.from({ length: POOL }, () => Buffer.from(randomBytes(16)).toString('hex'));
const upperShortIds = hexTraceIds.map((id) => id.slice(16).toUpperCase());
const byteIds = Array.from({ length: POOL }, () => randomBytes(16));
const highLows = byteIds.map((b) => {
  const view = new DataView(b.buffer);
  return { high: view.getBigInt64(0), low: view.getBigInt64(8) };
});
const spans = Array.from({ length: 64 }, (_, i) => typicalSpan(i));

/** A span as an instrumented HTTP server emits it: 20 tags, one log, a parent reference. */
function typicalSpan(seed: number): Span {
  const tags: Tag[] = [
    { key: 'span.kind', type: 'string', value: 'server' },
    { key: 'http.method', type: 'string', value: 'GET' },
    { key: 'http.route', type: 'string', value: '/api/orders/{id}' },
    { key: 'http.target', type: 'string', value: `/api/orders/${seed}?expand=items` },
    { key: 'http.scheme', type: 'string', value: 'https' },
    { key: 'http.status_code', type: 'int64', value: 200n },
    { key: 'http.response_content_length', type: 'int64', value: BigInt(1000 + seed) },
    { key: 'http.user_agent', type: 'string', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' },
    { key: 'net.host.name', type: 'string', value: 'orders.internal' },
    { key: 'net.host.port', type: 'int64', value: 8080n },
    { key: 'net.peer.ip', type: 'string', value: '10.0.3.17' },
    { key: 'net.peer.port', type: 'int64', value: 51234n },
    { key: 'otel.scope.name', type: 'string', value: 'io.opentelemetry.http' },
    { key: 'otel.scope.version', type: 'string', value: '1.32.0' },
    { key: 'sampler.type', type: 'string', value: 'probabilistic' },
    { key: 'sampler.param', type: 'float64', value: 0.25 },
    { key: 'error', type: 'bool', value: false },
    { key: 'db.rows', type: 'int64', value: 42n },
    { key: 'cache.hit_ratio', type: 'float64', value: 0.8731 },
    { key: 'request.id', type: 'string', value: `req-${seed}-7f3a9c` },
  ];
  return {
    traceId: hexTraceIds[seed]!,
    spanId: hexTraceIds[seed]!.slice(16),
    operationName: 'GET /api/orders/{id}',
    references: [{ refType: 'CHILD_OF', traceId: hexTraceIds[seed]!, spanId: hexTraceIds[seed + 1]!.slice(16) }],
    flags: 1,
    startTime: 1_729_181_197_748_657 + seed,
    duration: 1503,
    tags,
    logs: [{ timestamp: 1_729_181_197_749_000, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }],
    process: {
      serviceName: 'orders',
      tags: [
        { key: 'host.name', type: 'string', value: 'orders-7d9f' },
        { key: 'telemetry.sdk.language', type: 'string', value: 'java' },
      ],
    },
    warnings: [],
  };
}

const baseline = measure('baseline: string length of pooled id', (i) => hexTraceIds[i & 1023]!.length);
measure('traceIdFromHex (32 lowercase)', (i) => traceIdFromHex(hexTraceIds[i & 1023]!).length, baseline);
measure('spanIdFromHex (16 uppercase)', (i) => spanIdFromHex(upperShortIds[i & 1023]!).length, baseline);
measure('traceIdFromBytes (16)', (i) => traceIdFromBytes(byteIds[i & 1023]!).length, baseline);
measure('traceIdFromHighLow (signed bigint)', (i) => {
  const pair = highLows[i & 1023]!;
  return traceIdFromHighLow(pair.high, pair.low).length;
}, baseline);
measure('formatJaegerTraceId', (i) => formatJaegerTraceId(hexTraceIds[i & 1023]!).length, baseline);
measure('spanContentHash (20 tags)', (i) => spanContentHash(spans[i & 63]!).length, baseline);
measure('stringifyJaegerUiTrace (64 spans)', () => stringifyJaegerUiTrace({ traceId: spans[0]!.traceId, spans }).length, baseline);

if (sink === 0) console.error('unexpected: benchmark sink is zero');
