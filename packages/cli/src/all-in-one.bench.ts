/**
 * `skein all-in-one` under sustained ingest: spans/s accepted over OTLP/HTTP protobuf (100-span requests, answered
 * 200 without partial rejection, hence committed to the store), the all-in-one's RSS idle and under load, CPU per
 * span, and `GET /api/traces/{id}` p50/p99 for a 200-span trace while the ingest runs. The all-in-one runs as its own
 * process (the built `skein` binary) so RSS and CPU (from /proc) are its alone; this process only generates load.
 *
 * Each store runs in the same session: `memory` is the baseline for `sqlite` (the default). On a shared machine compare
 * the rows of one run; the last line gives sqlite/memory ratios.
 *
 * Spans: BENCH_SPAN `issue` (default) is the performance issue's realistic span (`benchmarkSpan`: 10 attributes, 2
 * events, 5 resource attributes, 2 values unique per span), 10 per trace, 10 traces per request; `unique-tags` is the
 * earlier, harsher span of this bench (14 tags, 9 of them unique per span, 100 per trace and request), kept so that
 * figures from before the switch can be compared.
 *
 * Env: BENCH_DURATION_MS (8000), BENCH_CLIENTS (4), BENCH_STORES (`memory,sqlite`), BENCH_RECEIVERS (`otlp-http,otlp-grpc`:
 * each store is run once per receiver; over gRPC, which the performance issue's figures used, each client has its own
 * connection), BENCH_PAYLOADS (800 pre-encoded
 * requests, cycled; each send gives its traces new ids, patched into the body in place, so every span is new to the
 * store as in production rather than a redelivery), BENCH_FLAGS (extra
 * all-in-one flags, space-separated, e.g. `--collector.queue.batch-linger=20ms`; echoed in the output), BENCH_CPU_PROF_DIR
 * (write a .cpuprofile of each all-in-one there), BENCH_INGEST_THREADS (2: each store with `--all-in-one.ingest-threads` run
 * against 1, alternated; 0 skips it), BENCH_NODE_FLAGS (extra node flags for the all-in-one, e.g. `--trace-gc`), BENCH_SPAN_METRICS_AB (`0` skips the memory store's runs with the span
 * metrics off and on, alternated, whose CPU ratio is the cost of counting them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client as GrpcClient, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { encodeOtlpProto } from '@skein/codecs';
import { benchmarkSpan, type Span, type Tag } from '@skein/model';
import { processCpuSeconds, processRssMiB } from '@skein/runtime';

const DURATION_MS = Number(process.env['BENCH_DURATION_MS'] ?? 8_000);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 4);
const STORES = (process.env['BENCH_STORES'] ?? 'memory,sqlite').split(',').map((store) => store.trim());
const PAYLOADS = Number(process.env['BENCH_PAYLOADS'] ?? 800);
const SPANS_PER_REQUEST = 100;
const BIG_TRACE_SPANS = 200;
const WARM_UP_MS = 1_000;
const SETTLE_MS = 2_000;
const EXTRA_FLAGS = (process.env['BENCH_FLAGS'] ?? '').split(' ').filter(Boolean);
const PROFILE_DIR = process.env['BENCH_CPU_PROF_DIR'];
const NODE_FLAGS = [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), ...(process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean)];
const BIN = fileURLToPath(new URL('../bin/skein.js', import.meta.url));
type Receiver = 'otlp-http' | 'otlp-grpc';
const RECEIVERS = (process.env['BENCH_RECEIVERS'] ?? 'otlp-http,otlp-grpc').split(',').map((receiver) => receiver.trim());
for (const receiver of RECEIVERS) {
  if (receiver !== 'otlp-http' && receiver !== 'otlp-grpc') throw new Error(`BENCH_RECEIVERS lists otlp-http and otlp-grpc, not ${receiver}`);
}
const SPAN_SHAPE = process.env['BENCH_SPAN'] ?? 'issue';
if (SPAN_SHAPE !== 'issue' && SPAN_SHAPE !== 'unique-tags') throw new Error(`BENCH_SPAN must be issue or unique-tags, not ${SPAN_SHAPE}`);
const ISSUE_SPANS_PER_TRACE = 10;

function benchSpan(traceId: string, index: number, parentId: string | undefined): Span {
  const tags: Tag[] = [
    { key: 'http.method', type: 'string', value: 'GET' },
    { key: 'http.status_code', type: 'int64', value: 200n },
    { key: 'http.url', type: 'string', value: `https://shop.example.com/api/items/${index}?page=2` },
    { key: 'span.kind', type: 'string', value: index === 0 ? 'server' : 'client' },
    { key: 'retry', type: 'bool', value: false },
    { key: 'ratio', type: 'float64', value: 0.25 },
  ];
  for (let t = 0; t < 8; t++) tags.push({ key: `app.attribute.${t}`, type: 'string', value: `value-${t}-${randomBytes(4).toString('hex')}` });
  return {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: index === 0 ? 'GET /api/items/{id}' : `step-${index % 10}`,
    references: parentId ? [{ refType: 'CHILD_OF', traceId, spanId: parentId }] : [],
    flags: 1,
    startTime: Date.now() * 1000 + index,
    duration: 1500 + index,
    tags,
    logs: [],
    process: { serviceName: `shop-${index % 5}`, tags: [{ key: 'hostname', type: 'string', value: 'pod-1' }] },
    warnings: [],
  };
}

function uniqueTagsTrace(count: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  const root = benchSpan(traceId, 0, undefined);
  return [root, ...Array.from({ length: count - 1 }, (_, index) => benchSpan(traceId, index + 1, root.spanId))];
}

function issueTrace(count: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  const start = Date.now() * 1000;
  const spans = Array.from({ length: count }, (_, i) => benchmarkSpan(traceId, randomBytes(8).toString('hex'), i, start + i * 10, randomBytes(6).toString('hex')));
  for (const span of spans.slice(1)) span.references = [{ refType: 'CHILD_OF', traceId, spanId: spans[0]!.spanId }];
  return spans;
}

/** One request's spans. */
function requestSpans(): Span[] {
  if (SPAN_SHAPE === 'unique-tags') return uniqueTagsTrace(SPANS_PER_REQUEST);
  return Array.from({ length: SPANS_PER_REQUEST / ISSUE_SPANS_PER_TRACE }, () => issueTrace(ISSUE_SPANS_PER_TRACE)).flat();
}

const RUN_ID = randomBytes(2).readUInt16BE(0);
let sends = 0;

/**
 * A request body whose traces get new ids before each send: OTLP carries a trace id as 16 raw bytes in every span,
 * so the offsets of each trace's id are found once and overwritten (send counter, trace index, run id) per send.
 */
function freshenable(spans: Span[]): { body: Buffer; freshen: () => void } {
  const body = Buffer.from(encodeOtlpProto(spans));
  const traceIds = [...new Set(spans.map((span) => span.traceId))];
  const offsets = traceIds.map((traceId) => {
    const id = Buffer.from(traceId, 'hex');
    const found: number[] = [];
    for (let at = body.indexOf(id); at >= 0; at = body.indexOf(id, at + 1)) found.push(at);
    return found;
  });
  return {
    body,
    freshen: () => {
      sends++;
      offsets.forEach((found, trace) => {
        for (const at of found) {
          body.writeUInt32BE(sends, at);
          body.writeUInt16BE(trace, at + 4);
          body.writeUInt16BE(RUN_ID, at + 6);
        }
      });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface AllInOne {
  child: ChildProcess;
  readyMs: number;
  ports: Record<string, number>;
  dataDir: string;
}

async function startAllInOne(store: string, flags: readonly string[]): Promise<AllInOne> {
  const dataDir = mkdtempSync(join(tmpdir(), 'skein-aio-bench-'));
  const adminPort = await freePort();
  const loopback = [
    'collector.otlp.http.host-port', 'collector.otlp.grpc.host-port', 'collector.http-server.host-port', 'collector.grpc-server.host-port',
    'collector.zipkin.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port',
    'http-server.host-port', 'query.http-server.host-port', 'query.grpc-server.host-port',
  ].map((flag) => `--${flag}=127.0.0.1:0`);
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'all-in-one', ...loopback, `--admin.http.host-port=127.0.0.1:${adminPort}`, `--data-dir=${dataDir}`, '--log-level=info', ...flags], {
    env: { ...process.env, SPAN_STORAGE_TYPE: store },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (performance.now() - started > 60_000) throw new Error(`all-in-one (${store}) not ready within 60 s:\n${stdout.slice(-2000)}`);
    if (child.exitCode !== null) throw new Error(`all-in-one (${store}) exited with ${child.exitCode}:\n${stdout.slice(-2000)}`);
    const status = await fetch(`http://127.0.0.1:${adminPort}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) readyMs = Math.round(performance.now() - started);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The ready line follows /readyz by a moment: it carries every bound port.
  let readyLine: { listeners?: Record<string, string> } | undefined;
  for (let attempt = 0; attempt < 500 && readyLine === undefined; attempt++) {
    readyLine = stdout.split('\n').filter((line) => line.includes('skein all-in-one ready')).map((line) => JSON.parse(line) as { listeners: Record<string, string> })[0];
    if (readyLine === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!readyLine?.listeners) throw new Error(`no ready line from the all-in-one (${store})`);
  const ports = Object.fromEntries(Object.entries(readyLine.listeners).map(([name, address]) => [name, Number(address.slice(address.lastIndexOf(':') + 1))]));
  child.stdout!.removeAllListeners('data').resume();
  return { child, readyMs, ports, dataDir };
}

async function stopAllInOne(aio: AllInOne): Promise<number> {
  const started = performance.now();
  const exited = new Promise<void>((resolve) => aio.child.once('exit', () => resolve()));
  aio.child.kill('SIGTERM');
  const timer = setTimeout(() => aio.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
  rmSync(aio.dataDir, { recursive: true, force: true });
  return Math.round(performance.now() - started);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

async function post(url: string, body: Uint8Array): Promise<'accepted' | 'refused' | 'failed'> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
    const answer = new Uint8Array(await response.arrayBuffer());
    // An empty ExportTraceServiceResponse means every span was taken; a partial_success would not be empty.
    if (response.status === 200) return answer.length === 0 ? 'accepted' : 'refused';
    return 'refused';
  } catch {
    return 'failed';
  }
}

type Send = (body: Uint8Array) => Promise<'accepted' | 'refused' | 'failed'>;

/** One sender per client: OTLP/HTTP, or an OTLP gRPC `Export` on a connection of its own. */
function openSender(aio: AllInOne, receiver: Receiver): { send: Send; close: () => void } {
  if (receiver === 'otlp-http') {
    const url = `http://127.0.0.1:${aio.ports['otlp-http']}/v1/traces`;
    return { send: (body) => post(url, body), close: () => undefined };
  }
  const client = new GrpcClient(`127.0.0.1:${aio.ports['otlp-grpc']}`, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const send: Send = (body) =>
    new Promise((resolve) => {
      client.makeUnaryRequest(
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        (message: Uint8Array) => Buffer.from(message.buffer, message.byteOffset, message.byteLength),
        (answer: Buffer) => answer,
        body,
        (error: ServiceError | null, answer?: Buffer) => {
          if (error) resolve(error.code === status.UNAVAILABLE ? 'failed' : 'refused');
          // As over HTTP: an empty response means every span was taken.
          else resolve(answer && answer.length === 0 ? 'accepted' : 'refused');
        },
      );
    });
  return { send, close: () => client.close() };
}

async function runStore(store: string, receiver: Receiver, flags: readonly string[] = EXTRA_FLAGS): Promise<Record<string, number | string | boolean>> {
  const aio = await startAllInOne(store, flags);
  const pid = aio.child.pid!;
  const otlpUrl = `http://127.0.0.1:${aio.ports['otlp-http']}/v1/traces`;
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const rssIdleMiB = processRssMiB(pid);

    const bigTrace = SPAN_SHAPE === 'unique-tags' ? uniqueTagsTrace(BIG_TRACE_SPANS) : issueTrace(BIG_TRACE_SPANS);
    if ((await post(otlpUrl, encodeOtlpProto(bigTrace))) !== 'accepted') throw new Error('the 200-span trace was not accepted');
    const traceUrl = `http://127.0.0.1:${aio.ports['query']}/api/traces/${bigTrace[0]!.traceId}`;

    const payloads = Array.from({ length: PAYLOADS }, () => freshenable(requestSpans()));
    let next = 0;
    let counting = false;
    let stop = false;
    const counts = { accepted: 0, refused: 0, failed: 0 };
    const client = async (): Promise<void> => {
      const sender = openSender(aio, receiver);
      try {
        while (!stop) {
          const payload = payloads[next++ % payloads.length]!;
          payload.freshen();
          const outcome = await sender.send(payload.body);
          if (counting) counts[outcome]++;
        }
      } finally {
        sender.close();
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));

    counting = true;
    const cpuBefore = processCpuSeconds(pid);
    const started = performance.now();
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(processRssMiB(pid)), 250);
    const latencies: number[] = [];
    while (performance.now() - started < DURATION_MS) {
      const sent = performance.now();
      const response = await fetch(traceUrl);
      const body = (await response.json()) as { data?: Array<{ spans: unknown[] }> };
      if (response.status !== 200 || body.data?.[0]?.spans.length !== BIG_TRACE_SPANS) throw new Error(`GET ${traceUrl} answered ${response.status} without the 200 spans`);
      latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    counting = false;
    const elapsedS = (performance.now() - started) / 1000;
    const cpuUsed = processCpuSeconds(pid) - cpuBefore;
    clearInterval(sampler);
    stop = true;
    await Promise.all(clients);
    const spansAccepted = counts.accepted * SPANS_PER_REQUEST;
    latencies.sort((a, b) => a - b);
    // Proof that the span metrics counted what was stored (rather than skipping it as late, say).
    const adminMetrics = await (await fetch(`http://127.0.0.1:${aio.ports['admin']}/metrics`)).text();
    const spanMetricsRows = Number(/^skein_span_metrics_rows_written_total\{result="ok"\} (\d+)/m.exec(adminMetrics)?.[1] ?? 0);
    const spanMetricsDropped = [...adminMetrics.matchAll(/^skein_span_metrics_dropped_spans_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    const exitMs = await stopAllInOne(aio);
    return {
      bench: 'all-in-one',
      store,
      span: SPAN_SHAPE,
      flags: flags.join(' '),
      receiver: receiver === 'otlp-http' ? 'otlp-http-proto' : 'otlp-grpc',
      spansPerRequest: SPANS_PER_REQUEST,
      clients: CLIENTS,
      seconds: round(elapsedS),
      spansAccepted,
      spansPerSecond: Math.round(spansAccepted / elapsedS),
      requestsRefused: counts.refused,
      requestsFailed: counts.failed,
      cpuSecondsPerMillionSpans: round((cpuUsed / Math.max(1, spansAccepted)) * 1e6),
      rssIdleMiB: round(rssIdleMiB),
      rssLoadMeanMiB: round(rssSamples.reduce((a, b) => a + b, 0) / Math.max(1, rssSamples.length)),
      rssLoadPeakMiB: round(Math.max(...rssSamples)),
      traceByIdSpans: BIG_TRACE_SPANS,
      traceByIdSamples: latencies.length,
      traceByIdP50Ms: round(percentile(latencies, 50)),
      traceByIdP99Ms: round(percentile(latencies, 99)),
      readyMs: aio.readyMs,
      sigtermExitMs: exitMs,
      spanMetricsRows,
      spanMetricsDropped,
      loadAverage1m: round(loadavg()[0]!, 2),
    };
  } catch (error) {
    aio.child.kill('SIGKILL');
    rmSync(aio.dataDir, { recursive: true, force: true });
    throw error;
  }
}

const results: Array<Record<string, number | string | boolean>> = [];
for (const receiver of RECEIVERS as Receiver[]) {
  for (const store of STORES) {
    const result = await runStore(store, receiver);
    results.push(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
// The cost of counting RED metrics as spans are stored: the memory store with and without, alternated A B A B.
if (process.env['BENCH_SPAN_METRICS_AB'] !== '0') {
  const cpu: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let roundIndex = 0; roundIndex < 2; roundIndex++) {
    for (const variant of ['off', 'on'] as const) {
      const result = await runStore('memory', RECEIVERS[0] as Receiver, [...EXTRA_FLAGS, `--span-metrics.enabled=${variant === 'on'}`, '--span-metrics.flush-interval=1s']);
      process.stdout.write(`${JSON.stringify({ ...result, spanMetrics: variant })}\n`);
      cpu[variant].push(result['cpuSecondsPerMillionSpans'] as number);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  process.stdout.write(
    `${JSON.stringify({ bench: 'all-in-one', comparison: 'span-metrics on/off (memory store, 2 rounds)', cpuSecondsPerMillionSpansOff: cpu.off, cpuSecondsPerMillionSpansOn: cpu.on, ratio: round(mean(cpu.on) / mean(cpu.off), 3) })}\n`,
  );
}
// Each store with ingest threads (`--all-in-one.ingest-threads`) against the event loop alone, alternated A B A B.
const INGEST_THREADS = Number(process.env['BENCH_INGEST_THREADS'] ?? 2);
if (INGEST_THREADS > 1) {
  for (const store of STORES) {
    for (const receiver of RECEIVERS as Receiver[]) {
      const runs: Record<'loop' | 'threads', Array<Record<string, number | string | boolean>>> = { loop: [], threads: [] };
      for (let roundIndex = 0; roundIndex < 2; roundIndex++) {
        for (const variant of ['loop', 'threads'] as const) {
          const threads = variant === 'loop' ? 1 : INGEST_THREADS;
          const result = await runStore(store, receiver, [...EXTRA_FLAGS, `--all-in-one.ingest-threads=${threads}`]);
          process.stdout.write(`${JSON.stringify({ ...result, ingestThreads: threads })}\n`);
          runs[variant].push(result);
        }
      }
      const mean = (variant: 'loop' | 'threads', key: string) => runs[variant].reduce((sum, run) => sum + (run[key] as number), 0) / runs[variant].length;
      const ratio = (key: string) => round(mean('threads', key) / mean('loop', key), 2);
      process.stdout.write(
        `${JSON.stringify({
          bench: 'all-in-one',
          comparison: `${store} on ${INGEST_THREADS} ingest threads / on the event loop (2 rounds)`,
          receiver,
          spansPerSecond: ratio('spansPerSecond'),
          cpuSecondsPerMillionSpans: ratio('cpuSecondsPerMillionSpans'),
          rssLoadPeakMiB: ratio('rssLoadPeakMiB'),
          traceByIdP99Ms: ratio('traceByIdP99Ms'),
        })}\n`,
      );
    }
  }
}
for (const receiver of ['otlp-http-proto', 'otlp-grpc']) {
  const baseline = results.find((result) => result['store'] === 'memory' && result['receiver'] === receiver);
  const sqlite = results.find((result) => result['store'] === 'sqlite' && result['receiver'] === receiver);
  if (!baseline || !sqlite) continue;
  const ratio = (key: string) => round((sqlite[key] as number) / (baseline[key] as number), 2);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'all-in-one',
      comparison: 'sqlite/memory',
      receiver,
      spansPerSecond: ratio('spansPerSecond'),
      cpuSecondsPerMillionSpans: ratio('cpuSecondsPerMillionSpans'),
      rssLoadPeakMiB: ratio('rssLoadPeakMiB'),
      traceByIdP50Ms: ratio('traceByIdP50Ms'),
      traceByIdP99Ms: ratio('traceByIdP99Ms'),
    })}\n`,
  );
}
