/**
 * Ingester benchmark (`npm run bench -w @skein/ingester`), against the Kafka and OpenSearch on loopback
 * (KAFKA_BROKERS, OPENSEARCH_URL; defaults 127.0.0.1:9092 and http://127.0.0.1:9200). Prints JSON lines:
 *   1. baseline: @skein/kafka's runner with a no-op handler over a pre-filled topic (decode + batch + commit);
 *   2. the ingester with a null writer (its own cost: + batch writer, dependency window, metrics);
 *   3. the ingester writing into OpenSearch (spans/s end to end);
 * and the ratios of 2 and 3 to 1. CPU is this process's user+system time per million spans.
 */
import { randomBytes } from 'node:crypto';
import { createConsumerGroupRunner, createKafkaSpanWriter, kafkaConsumerOptions, kafkaProducerOptions, platformaticClients, TopicAdmin } from '@skein/kafka';
import type { Span } from '@skein/model';
import { createLogger, createMetricsRegistry, loadConfig, type Registry } from '@skein/runtime';
import type { StorageFactory } from '@skein/storage';
import { createElasticsearchStorage, DEFAULT_BULK_CONFIG, defaultElasticsearchConfig } from '@skein/storage-elasticsearch';
import { startIngester } from './ingester.js';
import { ingesterOptions } from './options.js';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const OPENSEARCH_URL = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const SPANS = Number(process.env['BENCH_SPANS'] ?? 100_000);
const STORAGE_SPANS = Number(process.env['BENCH_STORAGE_SPANS'] ?? 20_000);
const PARTITIONS = 6;
const TIMEOUT_MS = 600_000;
const suffix = `${process.pid}_${Date.now().toString(36)}`;

function benchSpans(count: number): Span[] {
  const spans: Span[] = [];
  const start = Date.now() * 1000;
  for (let t = 0; spans.length < count; t++) {
    const traceId = randomBytes(16).toString('hex');
    const root = randomBytes(8).toString('hex');
    for (let s = 0; s < 5 && spans.length < count; s++) {
      const spanId = s === 0 ? root : randomBytes(8).toString('hex');
      spans.push({
        traceId,
        spanId,
        operationName: `GET /api/items/${s}`,
        references: s === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: root }],
        flags: 1,
        startTime: start + t,
        duration: 1500,
        tags: [
          { key: 'span.kind', type: 'string', value: s === 0 ? 'server' : 'client' },
          { key: 'http.status_code', type: 'int64', value: 200n },
          { key: 'http.url', type: 'string', value: `https://shop.example.com/api/items/${t}?page=${s}` },
        ],
        logs: [],
        process: { serviceName: s === 0 ? 'bench-frontend' : `bench-backend-${s}`, tags: [{ key: 'hostname', type: 'string', value: 'bench-host-1' }] },
        warnings: [],
      });
    }
  }
  return spans;
}

async function prefill(admin: TopicAdmin, count: number): Promise<string> {
  const topic = `skein_ingester_bench_${count}_${suffix}`;
  await admin.ensureTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
  const writer = createKafkaSpanWriter(loadConfig(kafkaProducerOptions, { 'kafka.producer.brokers': BROKERS, 'kafka.producer.topic': topic }, {}));
  const spans = benchSpans(count);
  for (let i = 0; i < spans.length; i += 5000) await writer.writeSpans(spans.slice(i, i + 5000));
  await writer.close();
  return topic;
}

interface Measure {
  spans: number;
  seconds: number;
  cpuSeconds: number;
}

async function measure(consumed: () => number | Promise<number>, expected: number, run: () => Promise<() => Promise<void>>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const stop = await run();
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await consumed()) < expected) {
    if (Date.now() > deadline) throw new Error(`only ${await consumed()} of ${expected} spans within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await stop();
  return { spans: expected, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function report(bench: string, m: Measure, extra: Record<string, unknown> = {}): void {
  const line = {
    bench,
    spans: m.spans,
    seconds: Number(m.seconds.toFixed(2)),
    spansPerSecond: Math.round(m.spans / m.seconds),
    cpuSecondsPerMillionSpans: Number(((m.cpuSeconds / m.spans) * 1e6).toFixed(1)),
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function consumerFlags(topic: string, group: string): Record<string, string> {
  return { 'kafka.consumer.brokers': BROKERS, 'kafka.consumer.topic': topic, 'kafka.consumer.group-id': group, 'kafka.consumer.dead-letter-topic': `${topic}_dlq` };
}

async function spansConsumed(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric('skein_ingester_spans_consumed_total')?.get();
  return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

const nullStorage: StorageFactory = {
  backend: 'null',
  capabilities: { dependencies: 'stored', archive: false, ttl: false, sampling: false },
  createSpanWriter: () => ({ writeSpans: async () => undefined }),
  createSpanReader: () => {
    throw new Error('the null storage has no reader');
  },
  createDependencyReader: () => ({ getDependencies: async () => [] }),
  createDependencyWriter: () => ({ writeDependencies: async () => undefined }),
  close: async () => undefined,
};

async function runIngester(topic: string, expected: number, storage: StorageFactory, extraFlags: Record<string, string> = {}): Promise<Measure> {
  const registry = createMetricsRegistry();
  const config = loadConfig(ingesterOptions, { ...consumerFlags(topic, `bench_ingester_${randomBytes(4).toString('hex')}`), ...extraFlags }, {});
  return measure(() => spansConsumed(registry), expected, async () => {
    const ingester = await startIngester(config, { logger: createLogger({ component: 'bench', level: 'silent' }), metrics: registry, storage });
    return () => ingester.stop();
  });
}

async function main(): Promise<void> {
  const admin = new TopicAdmin(platformaticClients.admin({ brokers: BROKERS.split(','), clientId: 'ingester-bench' }));
  const topics: string[] = [];
  try {
    const topic = await prefill(admin, SPANS);
    topics.push(topic, `${topic}_dlq`);

    let seen = 0;
    const baseline = await measure(() => seen, SPANS, async () => {
      const config = loadConfig(kafkaConsumerOptions, consumerFlags(topic, `bench_raw_${suffix}`), {});
      const { runner, admin: lagAdmin } = createConsumerGroupRunner(config, async (_partition, spans) => {
        seen += spans.length;
      });
      await runner.start();
      return async () => {
        await runner.stop(10_000);
        await lagAdmin.close();
      };
    });
    report('runner-noop-handler (baseline)', baseline);

    const own = await runIngester(topic, SPANS, nullStorage);
    report('ingester-null-writer', own, {
      throughputRatioToBaseline: Number((baseline.seconds / own.seconds).toFixed(2)),
      cpuRatioToBaseline: Number((own.cpuSeconds / baseline.cpuSeconds).toFixed(2)),
    });

    const storageTopic = STORAGE_SPANS === SPANS ? topic : await prefill(admin, STORAGE_SPANS);
    if (storageTopic !== topic) topics.push(storageTopic);
    const indexPrefix = `skein-ingester-bench-${suffix.replace(/_/g, '-')}`;
    const storage = await createElasticsearchStorage(
      defaultElasticsearchConfig({ flavor: 'opensearch', serverUrls: [OPENSEARCH_URL], indexPrefix, numShards: 1, numReplicas: 0, bulk: { ...DEFAULT_BULK_CONFIG, workers: 2, flushIntervalMs: 0 } }),
    );
    try {
      const toStorage = await runIngester(storageTopic, STORAGE_SPANS, storage);
      report('ingester-opensearch', toStorage, { throughputRatioToBaseline: Number((baseline.seconds / SPANS / (toStorage.seconds / STORAGE_SPANS)).toFixed(3)) });
    } finally {
      await storage.close();
      await fetch(`${OPENSEARCH_URL}/${indexPrefix}-*?expand_wildcards=all`, { method: 'DELETE' }).catch(() => undefined);
      await fetch(`${OPENSEARCH_URL}/_index_template/${indexPrefix}-*`, { method: 'DELETE' }).catch(() => undefined);
    }
  } finally {
    await admin.deleteTopics(topics).catch(() => undefined);
    await admin.close();
  }
}

await main();
