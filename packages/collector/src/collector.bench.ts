/**
 * Collector throughput: spans/s accepted (answered 2xx, hence acknowledged by the writer), CPU-seconds per million
 * spans, p99 request latency and RSS, for OTLP/HTTP protobuf and Jaeger Thrift/HTTP, writing to the real Kafka
 * (acks=all) and — as the same-run baseline — to a null writer (decode + pipeline + queue only) and the memory store.
 * Load generator and collector share this process, so CPU and RSS include the client side (a small share).
 *
 * KAFKA_BROKERS (default 127.0.0.1:9092). Prints one JSON line per scenario.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { encodeJaegerBatch, encodeOtlpProto } from '@skein/codecs';
import { platformaticClients, TopicAdmin } from '@skein/kafka';
import type { Span, Tag } from '@skein/model';
import { createLogger, loadConfig } from '@skein/runtime';
import { MemoryStorage } from '@skein/storage';
import { startCollector } from './collector.js';
import { collectorOptions, type CollectorConfig } from './options.js';
import { storageWriter } from './writers/memory-writer.js';
import type { ManagedSpanWriter } from './writers/managed-writer.js';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SPANS_PER_REQUEST = 100;

function realisticSpan(traceId: string, i: number): Span {
  const tags: Tag[] = [];
  for (let t = 0; t < 14; t++) tags.push({ key: `app.attribute.${t}`, type: 'string', value: `value-${t}-${randomBytes(6).toString('hex')}` });
  tags.push({ key: 'http.method', type: 'string', value: 'GET' }, { key: 'http.status_code', type: 'int64', value: 200n }, { key: 'http.url', type: 'string', value: `https://shop.example.com/api/items/${i}?page=2` });
  tags.push({ key: 'retry', type: 'bool', value: false }, { key: 'ratio', type: 'float64', value: 0.25 }, { key: 'span.kind', type: 'string', value: 'server' });
  return {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: `GET /api/items/{id}`,
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 1500 + i,
    tags,
    logs: [],
    process: { serviceName: 'shop-frontend', tags: [{ key: 'hostname', type: 'string', value: 'pod-1' }, { key: 'ip', type: 'string', value: '10.0.0.1' }] },
    warnings: [],
  };
}

function payloads(kind: 'otlp' | 'jaeger'): Buffer[] {
  return Array.from({ length: 64 }, () => {
    const traceId = randomBytes(16).toString('hex');
    const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => realisticSpan(traceId, i));
    return Buffer.from(kind === 'otlp' ? encodeOtlpProto(spans) : encodeJaegerBatch(spans[0]!.process, spans));
  });
}

interface Target {
  port: number;
  path: string;
  contentType: string;
}

function post(agent: Agent, target: Target, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, method: 'POST', agent, headers: { 'content-type': target.contentType, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `clients` loops posting for `durationMs`; with `rateSpansPerSecond` the loops pace themselves to that total rate. */
async function drive(target: Target, bodies: Buffer[], durationMs: number, rateSpansPerSecond?: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let acceptedSpans = 0;
  let refused = 0;
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + durationMs;
  const interval = rateSpansPerSecond ? (1000 * SPANS_PER_REQUEST * CLIENTS) / rateSpansPerSecond : 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let next = performance.now();
      for (let n = client; performance.now() < end; n += CLIENTS) {
        if (interval) {
          next += interval;
          const wait = next - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const t0 = performance.now();
        const status = await post(agent, target, bodies[n % bodies.length]!);
        latencies.push(performance.now() - t0);
        if (status >= 200 && status < 300) acceptedSpans += SPANS_PER_REQUEST;
        else refused += 1;
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(rssTimer);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    spansPerSecond: Math.round(acceptedSpans / elapsedS),
    refusedRequests: refused,
    p99LatencyMs: Number((latencies[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(1)),
    cpuSecondsPerMillionSpans: Number(((cpuSeconds / Math.max(1, acceptedSpans)) * 1e6).toFixed(1)),
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
  };
}

function config(extra: Record<string, string>): CollectorConfig {
  return loadConfig(
    collectorOptions,
    {
      'admin.http.host-port': '127.0.0.1:0',
      'log-level': 'warn',
      'collector.otlp.http.host-port': '127.0.0.1:0',
      'collector.http-server.host-port': '127.0.0.1:0',
      'collector.zipkin.host-port': 'off',
      'collector.otlp.grpc.host-port': 'off',
      'collector.grpc-server.host-port': 'off',
      'processor.jaeger-compact.server-host-port': 'off',
      'processor.jaeger-binary.server-host-port': 'off',
      ...extra,
    },
    {},
  ) as CollectorConfig;
}

const nullWriter: ManagedSpanWriter = { backend: 'null', writer: { writeSpans: async () => undefined }, checkReady: async () => undefined, close: async () => undefined };

async function scenario(writerName: string, receiver: 'otlp' | 'jaeger', extra: Record<string, string>, writer: ManagedSpanWriter | undefined, rate?: number): Promise<void> {
  const collector = await startCollector(config(extra), { logger: createLogger({ component: 'bench', level: 'warn' }), ...(writer ? { writer } : {}) });
  try {
    const target: Target =
      receiver === 'otlp'
        ? { port: collector.addresses['otlp-http']!.port, path: '/v1/traces', contentType: 'application/x-protobuf' }
        : { port: collector.addresses['jaeger-http']!.port, path: '/api/traces', contentType: 'application/x-thrift' };
    const bodies = payloads(receiver);
    await drive(target, bodies, 1500, rate); // warm-up
    global.gc?.();
    const result = await drive(target, bodies, DURATION_MS, rate);
    process.stdout.write(`${JSON.stringify({ bench: 'collector', receiver: receiver === 'otlp' ? 'otlp-http-proto' : 'jaeger-thrift-http', writer: writerName, clients: CLIENTS, spansPerRequest: SPANS_PER_REQUEST, tagsPerSpan: 20, ...(rate ? { offeredSpansPerSecond: rate } : {}), ...result })}\n`);
  } finally {
    await collector.stop();
  }
}

async function main(): Promise<void> {
  const admin = new TopicAdmin(platformaticClients.admin({ brokers: BROKERS.split(','), clientId: 'collector-bench' }));
  const topic = `skein_collector_bench_${process.pid}_${Date.now().toString(36)}`;
  await admin.ensureTopic({ topic, partitions: 6, replicationFactor: 1 });
  const kafka = { 'span-storage.type': 'kafka', 'kafka.producer.brokers': BROKERS, 'kafka.producer.topic': topic };
  try {
    for (const receiver of ['otlp', 'jaeger'] as const) {
      await scenario('null', receiver, {}, nullWriter);
      await scenario('memory', receiver, {}, storageWriter('memory', new MemoryStorage({ maxTraces: 5_000 })));
      await scenario('kafka', receiver, kafka, undefined);
    }
    await scenario('kafka', 'otlp', kafka, undefined, 10_000);
  } finally {
    await admin.deleteTopics([topic]).catch(() => undefined);
    await admin.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`collector bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
