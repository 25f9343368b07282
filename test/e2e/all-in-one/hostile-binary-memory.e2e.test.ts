/**
 * Fuzzed binary input on every binary receiver at once (OTLP protobuf over HTTP and gRPC, Jaeger Thrift over HTTP
 * and UDP compact/binary, Jaeger gRPC, Zipkin protobuf), mutated from valid requests with a seeded generator: the
 * all-in-one's RSS stays bounded, its event loop keeps answering, every HTTP request gets a client-error or overload
 * answer (never 5xx), every gRPC call a client-fault status (never INTERNAL, UNKNOWN or UNIMPLEMENTED), every dropped
 * datagram is counted, and good spans on each path are still stored afterwards.
 */
import { afterAll, expect, it } from '@jest/globals';
import { status as Status } from '@grpc/grpc-js';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { encodeEmitBatch, encodeJaegerBatch, encodeOtlpProto, encodePostSpansRequest } from '@skein/codecs';
import type { Span } from '@skein/model';
import { grpcFrame, rawGrpcRequest } from '../../jest/raw-grpc-request.js';
import { getJson, type JaegerTrace } from './jaeger-json.js';
import { eventually, newDataDir, removeDataDir, startSkein } from './skein-process.js';

const DURATION_MS = 12_000;
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);
const dataDir = newDataDir();
afterAll(() => removeDataDir(dataDir));

const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** mulberry32: a small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function spans(service: string, count: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  return Array.from({ length: count }, (_, index) => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: `op-${index % 5}`,
    references: [],
    flags: 1,
    startTime: Date.now() * 1000 + index,
    duration: 100 + index,
    tags: [
      { key: 'http.url', type: 'string', value: `https://example.com/items/${index}` },
      { key: 'attempt', type: 'int64', value: BigInt(index) },
    ],
    logs: [{ timestamp: Date.now() * 1000, fields: [{ key: 'event', type: 'string', value: 'retry' }] }],
    process: { serviceName: service, tags: [{ key: 'hostname', type: 'string', value: 'fuzz-host' }] },
    warnings: [],
  }));
}

/** One mutation of a valid request: byte flips, a cut, a huge length or count spliced in, a repeated chunk, or noise. */
function mutate(valid: Uint8Array, random: () => number): Buffer {
  const bytes = Buffer.from(valid);
  const at = (): number => Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 6)) {
    case 0:
      for (let i = 0, n = 1 + Math.floor(random() * 16); i < n; i++) bytes[at()] = Math.floor(random() * 256);
      return bytes;
    case 1:
      return bytes.subarray(0, at());
    case 2: {
      // A varint of 2^35 (protobuf lengths) or an i32 of 2^31-1 (Thrift list sizes and string lengths).
      const claim = random() < 0.5 ? Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]) : Buffer.from([0x7f, 0xff, 0xff, 0xff]);
      const cut = at();
      return Buffer.concat([bytes.subarray(0, cut), claim, bytes.subarray(cut + claim.length)]);
    }
    case 3: {
      const from = at();
      const chunk = bytes.subarray(from, Math.min(bytes.length, from + 64));
      return Buffer.concat([bytes.subarray(0, from), ...Array.from({ length: 2_000 }, () => chunk), bytes.subarray(from)]);
    }
    case 4:
      return randomBytes(1 + Math.floor(random() * 65_000));
    default:
      return Buffer.concat([bytes, randomBytes(Math.floor(random() * 1_000))]);
  }
}

interface Tally {
  [answer: string]: number;
}
const count = (tally: Tally, answer: string | number): void => void (tally[String(answer)] = (tally[String(answer)] ?? 0) + 1);

// Also with ingest threads, which decode every body off the event loop and send its refusal back.
it.each([{ threads: 1 }, { threads: 2 }])(`keeps RSS bounded and answers every fuzzed binary request with a client-fault status, on $threads ingest thread(s) (seed ${SEED})`, async ({ threads }) => {
  const skein = await startSkein({ dataDir, flags: ['--span-storage.type=memory', `--all-in-one.ingest-threads=${threads}`] });
  try {
    const pid = skein.child.pid!;
    const random = generator(SEED);
    const process0 = { serviceName: 'fuzz', tags: [] };
    const valid = {
      otlp: encodeOtlpProto(spans('fuzz', 50)),
      thriftBinary: encodeJaegerBatch(process0, spans('fuzz', 50)),
      emitCompact: encodeEmitBatch(process0, spans('fuzz', 20), 'compact'),
      emitBinary: encodeEmitBatch(process0, spans('fuzz', 20), 'binary'),
      postSpans: encodePostSpansRequest(spans('fuzz', 50)),
    };
    // 256 MiB of zeros: about 250 KiB on the wire, over the 20 MiB decompression limit by far.
    const gzipBomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
    const oversized = randomBytes(11 * 1024 * 1024);

    const http: Tally = {};
    const grpc: Tally = {};
    let datagrams = 0;
    const baseline = rssMiB(pid);
    let peak = baseline;
    let worstReadyMs = 0;
    const until = performance.now() + DURATION_MS;

    const post = async (listener: string, path: string, contentType: string, body: Buffer, encoding?: string): Promise<void> => {
      const headers: Record<string, string> = { 'content-type': contentType, ...(encoding ? { 'content-encoding': encoding } : {}) };
      const answer = await fetch(skein.url(listener, path), { method: 'POST', headers, body, signal: AbortSignal.timeout(20_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        (error: Error) => `${error.message} (${String((error.cause as Error | undefined)?.message ?? '')})`,
      );
      count(http, answer);
    };
    const httpTargets: Array<() => Promise<void>> = [
      () => post('otlp-http', '/v1/traces', 'application/x-protobuf', mutate(valid.otlp, random)),
      () => post('jaeger-http', '/api/traces', 'application/x-thrift', mutate(valid.thriftBinary, random)),
      () => post('zipkin', '/api/v2/spans', 'application/x-protobuf', mutate(valid.otlp, random)),
      () => post('otlp-http', '/v1/traces', 'application/x-protobuf', gzipBomb, 'gzip'),
      () => post('jaeger-http', '/api/traces', 'application/x-thrift', oversized),
    ];
    const call = async (listener: string, path: string, body: Buffer, headers: Record<string, string> = {}): Promise<void> => {
      const answer = await rawGrpcRequest(`127.0.0.1:${skein.listeners[listener]!.port}`, path, body, headers, 20_000).then(
        (result) => result.status,
        (error: Error) => error.message,
      );
      count(grpc, answer);
    };
    const OTLP_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
    const POST_SPANS = '/jaeger.api_v2.CollectorService/PostSpans';
    const grpcTargets: Array<() => Promise<void>> = [
      () => call('otlp-grpc', OTLP_EXPORT, grpcFrame(false, mutate(valid.otlp, random))),
      () => call('jaeger-grpc', POST_SPANS, grpcFrame(false, mutate(valid.postSpans, random))),
      () => call('otlp-grpc', OTLP_EXPORT, mutate(grpcFrame(false, valid.otlp), random)),
      () => call('jaeger-grpc', POST_SPANS, grpcFrame(true, mutate(gzipSync(valid.postSpans), random)), { 'grpc-encoding': 'gzip' }),
      () => call('otlp-grpc', OTLP_EXPORT, grpcFrame(true, gzipBomb), { 'grpc-encoding': 'gzip' }),
    ];

    const udp = createSocket('udp4');
    const sampler = (async () => {
      while (performance.now() < until) {
        peak = Math.max(peak, rssMiB(pid));
        const started = performance.now();
        await fetch(skein.url('admin', '/readyz'), { signal: AbortSignal.timeout(20_000) });
        worstReadyMs = Math.max(worstReadyMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const loop = (targets: Array<() => Promise<void>>, offset: number) => async (): Promise<void> => {
      for (let i = offset; performance.now() < until; i++) await targets[i % targets.length]!();
    };
    const udpLoop = async (): Promise<void> => {
      while (performance.now() < until) {
        const compact = random() < 0.5;
        const datagram = mutate(compact ? valid.emitCompact : valid.emitBinary, random).subarray(0, 65_000);
        await new Promise<void>((resolve, reject) => udp.send(datagram, skein.listeners[compact ? 'udp-compact' : 'udp-binary']!.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
        datagrams++;
        // About 1,000 datagrams a second: enough to keep both UDP receivers busy, not so many that this process starves
        // the HTTP and gRPC clients beside it.
        if (datagrams % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await Promise.all([sampler, ...[0, 1, 2, 3].map((offset) => loop(httpTargets, offset)()), ...[0, 1, 2].map((offset) => loop(grpcTargets, offset)()), udpLoop()]);
    udp.close();

    const metrics = await (await fetch(skein.url('admin', '/metrics'))).text();
    const udpDropped = [...metrics.matchAll(/^skein_collector_(?:spans_rejected_total|requests_rejected_total|spans_dropped_total)\{[^}]*receiver="udp-[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    process.stderr.write(
      `hostile binary (seed ${SEED}): RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MiB; worst /readyz ${worstReadyMs.toFixed(0)} ms; ` +
        `HTTP ${JSON.stringify(http)}; gRPC ${JSON.stringify(grpc)}; ${datagrams} datagrams, ${udpDropped} counted as dropped or rejected\n`,
    );

    // A mutation may still be a valid request (200, or 202 from the Jaeger and Zipkin HTTP receivers); everything else
    // is the client's fault or overload.
    expect(Object.keys(http).filter((answer) => !['200', '202', '400', '413', '415', '429'].includes(answer))).toEqual([]);
    const clientFault = [Status.OK, Status.INVALID_ARGUMENT, Status.RESOURCE_EXHAUSTED].map(String);
    expect(Object.keys(grpc).filter((answer) => !clientFault.includes(answer))).toEqual([]);
    expect(http['400']).toBeGreaterThan(0);
    expect(grpc[String(Status.INVALID_ARGUMENT)]).toBeGreaterThan(0);
    expect(udpDropped).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(400);
    expect(worstReadyMs).toBeLessThan(2_500);

    // Every path still takes good spans.
    const after = spans('after-fuzz', 3);
    const answer = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: encodeOtlpProto(after) });
    expect(answer.status).toBe(200);
    const afterGrpc = spans('after-fuzz', 2);
    expect(await rawGrpcRequest(`127.0.0.1:${skein.listeners['jaeger-grpc']!.port}`, POST_SPANS, grpcFrame(false, encodePostSpansRequest(afterGrpc)))).toMatchObject({ status: Status.OK });
    const afterUdp = spans('after-fuzz', 2);
    const sender = createSocket('udp4');
    await new Promise<void>((resolve, reject) => sender.send(encodeEmitBatch({ serviceName: 'after-fuzz', tags: [] }, afterUdp, 'compact'), skein.listeners['udp-compact']!.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    sender.close();
    for (const batch of [after, afterGrpc, afterUdp]) {
      await eventually(async () => {
        const trace = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${batch[0]!.traceId}`)).catch(() => undefined);
        return trace?.body.data?.[0]?.spans.length === batch.length ? true : undefined;
      }, `trace ${batch[0]!.traceId} stored after the fuzzing`);
    }
  } finally {
    expect((await skein.stop()).code).toBe(0);
  }
}, 180_000);
