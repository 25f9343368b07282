/**
 * Ingester benchmark (`npm run bench -w @skein/ingester`), against the Kafka and OpenSearch on loopback
 * (KAFKA_BROKERS, OPENSEARCH_URL; defaults 127.0.0.1:9092 and http://127.0.0.1:9200). Spans are the performance
 * issue's realistic span (`benchmarkSpan`), 10 per trace. Prints JSON lines:
 *   1. baseline: @skein/kafka's runner with a no-op handler over a pre-filled topic (decode + batch + commit);
 *   2. the ingester with a null writer (its own cost: + batch writer, dependency window, metrics), ratios to 1;
 *   3. OpenSearch, in alternating rounds: its raw `_bulk` capacity for Jaeger-shaped documents (`raw-bulk`), then
 *      the ingester with its default settings writing the same number of spans from Kafka (`ingester-opensearch`),
 *      each with spans/s, the cluster's CPU-seconds per million spans (OPENSEARCH_PID, set by `npm run bench`) and,
 *      for the ingester, its own; a last line gives the ingester/raw ratios;
 *   4. freshness: accepted by Kafka → searchable in OpenSearch, p50/p99, under a steady trickle of traces.
 * CPU of this process is user+system time per million spans; the ingester runs in this process.
 * Env: BENCH_SPANS (100,000), BENCH_STORAGE_SPANS (30,000), BENCH_ROUNDS (2), BENCH_FRESHNESS_MS (15,000),
 * BENCH_INGESTER_FLAGS (extra ingester flags as JSON, for A/B runs; echoed in the output), BENCH_BULK_WORKERS (bulk
 * requests in flight, both sides; default Jaeger's 1).
 */
import { randomBytes } from 'node:crypto';
import { createConsumerGroupRunner, createKafkaSpanWriter, kafkaConsumerOptions, kafkaProducerOptions, platformaticClients, TopicAdmin } from '@skein/kafka';
import { benchmarkSpan, type Span } from '@skein/model';
import { createLogger, createMetricsRegistry, loadConfig, processCpuSeconds, processCpuSecondsWhenIdle, type Registry } from '@skein/runtime';
import type { StorageFactory } from '@skein/storage';
import { createElasticsearchStorage, defaultElasticsearchConfig } from '@skein/storage-elasticsearch';
import { measureFreshness } from './bench/freshness.js';
import { rawBulk } from './bench/opensearch-baseline.js';
import { startIngester, type IngesterHandle } from './ingester.js';
import { ingesterOptions } from './options.js';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const OPENSEARCH_URL = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const SPANS = Number(process.env['BENCH_SPANS'] ?? 100_000);
const STORAGE_SPANS = Number(process.env['BENCH_STORAGE_SPANS'] ?? 30_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const FRESHNESS_MS = Number(process.env['BENCH_FRESHNESS_MS'] ?? 15_000);
const SPANS_PER_TRACE = 10;
const BULK_WORKERS = process.env['BENCH_BULK_WORKERS'] ? Number(process.env['BENCH_BULK_WORKERS']) : undefined;
/** Set by `npm run bench` (test/bench/run.ts): the cluster's CPU per span is reported next to the ingester's. */
const OPENSEARCH_PID = process.env['OPENSEARCH_PID'] ? Number(process.env['OPENSEARCH_PID']) : undefined;
const PARTITIONS = 6;
const TIMEOUT_MS = 600_000;
const suffix = `${process.pid}_${Date.now().toString(36)}`;

function benchTrace(): Span[] {
  const traceId = randomBytes(16).toString('hex');
  const start = Date.now() * 1000;
  const spans = Array.from({ length: SPANS_PER_TRACE }, (_, i) => benchmarkSpan(traceId, randomBytes(8).toString('hex'), i, start + i * 10, randomBytes(6).toString('hex')));
  for (const span of spans.slice(1)) span.references = [{ refType: 'CHILD_OF', traceId, spanId: spans[0]!.spanId }];
  return spans;
}

function benchSpans(count: number): Span[] {
  const spans: Span[] = [];
  while (spans.length < count) spans.push(...benchTrace());
  return spans.slice(0, count);
}

let topicsMade = 0;

async function prefill(admin: TopicAdmin, count: number): Promise<string> {
  const topic = `skein_ingester_bench_${++topicsMade}_${suffix}`;
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
  /** The OpenSearch process's CPU over the same time, when its pid is known. */
  clusterCpuSeconds: number | undefined;
}

const clusterCpu = (): number => (OPENSEARCH_PID === undefined ? 0 : processCpuSeconds(OPENSEARCH_PID));

/** The cluster's CPU once the work a phase caused (refresh, segment merges) is over. */
async function clusterSettled(): Promise<number> {
  await fetch(`${OPENSEARCH_URL}/_refresh`, { method: 'POST' });
  return processCpuSecondsWhenIdle(OPENSEARCH_PID!);
}

/**
 * Runs until `expected` spans are done. With `steadyFrom`, the clock, the CPU counters and the span count start
 * only once that many spans are done, so a consumer group's join and first fetch do not count against its rate.
 */
async function measure(consumed: () => number | Promise<number>, expected: number, run: () => Promise<() => Promise<void>>, steadyFrom = 0): Promise<Measure> {
  let cpu = process.cpuUsage();
  let cluster = clusterCpu();
  let started = performance.now();
  const stop = await run();
  const deadline = Date.now() + TIMEOUT_MS;
  const waitFor = async (count: number): Promise<number> => {
    let done: number;
    while ((done = await consumed()) < count) {
      if (Date.now() > deadline) throw new Error(`only ${done} of ${expected} spans within ${TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return done;
  };
  let base = 0;
  if (steadyFrom > 0) {
    base = await waitFor(steadyFrom);
    cpu = process.cpuUsage();
    cluster = clusterCpu();
    started = performance.now();
  }
  await waitFor(expected);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await stop();
  const clusterCpuSeconds = OPENSEARCH_PID === undefined ? undefined : (await clusterSettled()) - cluster;
  return { spans: expected - base, seconds, cpuSeconds: (used.user + used.system) / 1e6, clusterCpuSeconds };
}

const perMillion = (seconds: number, spans: number): number => Number(((seconds / spans) * 1e6).toFixed(1));

function report(bench: string, m: Measure, extra: Record<string, unknown> = {}): void {
  const line = {
    bench,
    spans: m.spans,
    seconds: Number(m.seconds.toFixed(2)),
    spansPerSecond: Math.round(m.spans / m.seconds),
    cpuSecondsPerMillionSpans: perMillion(m.cpuSeconds, m.spans),
    ...(m.clusterCpuSeconds === undefined ? {} : { clusterCpuSecondsPerMillionSpans: perMillion(m.clusterCpuSeconds, m.spans) }),
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
  capabilities: { dependencies: 'stored', archive: false, ttl: false, sampling: false, spanMetrics: false },
  createSpanWriter: () => ({ writeSpans: async () => undefined }),
  createSpanReader: () => {
    throw new Error('the null storage has no reader');
  },
  createDependencyReader: () => ({ getDependencies: async () => [] }),
  createDependencyWriter: () => ({ writeDependencies: async () => undefined }),
  close: async () => undefined,
};

/** Extra ingester flags for A/B runs, as JSON, e.g. `{"kafka.consumer.batch-max-wait":"50ms"}`. */
const EXTRA_FLAGS = JSON.parse(process.env['BENCH_INGESTER_FLAGS'] ?? '{}') as Record<string, string>;

function ingesterConfig(topic: string) {
  return loadConfig(ingesterOptions, { ...consumerFlags(topic, `bench_ingester_${randomBytes(4).toString('hex')}`), ...EXTRA_FLAGS }, {});
}

async function launchIngester(topic: string, storage: StorageFactory, registry: Registry): Promise<IngesterHandle> {
  return startIngester(ingesterConfig(topic), { logger: createLogger({ component: 'bench', level: 'silent' }), metrics: registry, storage });
}

async function runIngester(topic: string, expected: number, storage: StorageFactory, steadyFrom = 0): Promise<Measure> {
  const registry = createMetricsRegistry();
  return measure(
    () => spansConsumed(registry),
    expected,
    async () => {
      const ingester = await launchIngester(topic, storage, registry);
      return () => ingester.stop();
    },
    steadyFrom,
  );
}

const ratio = (a: number, b: number, digits = 2): number => Number((a / b).toFixed(digits));

/** Raw `_bulk` and the ingester into one OpenSearch, alternating, each round on spans of its own. */
async function opensearchRounds(admin: TopicAdmin, topics: string[], indexPrefix: string): Promise<void> {
  // Jaeger's defaults, as an operator who sets nothing gets them (1 bulk worker, 1000 actions, 200 ms flush), unless
  // BENCH_BULK_WORKERS asks for more requests in flight (the raw baseline then sends as many at once).
  const defaults = defaultElasticsearchConfig();
  const bulk = { ...defaults.bulk, workers: BULK_WORKERS ?? defaults.bulk.workers };
  const config = defaultElasticsearchConfig({ flavor: 'opensearch', serverUrls: [OPENSEARCH_URL], indexPrefix, numShards: 1, numReplicas: 0, bulk });
  const storage = await createElasticsearchStorage(config);
  // The baseline's index matches the span template, so both sides index under identical mappings.
  const rawIndex = `${indexPrefix}-jaeger-span-raw-bulk`;
  const rounds: Array<{ raw: Measure; ingester: Measure }> = [];
  try {
    // Warms the cluster's indexing path: a freshly started JVM indexes at a third of its speed for the first ~20k spans.
    await rawBulk(OPENSEARCH_URL, rawIndex, benchSpans(40_000), config.bulk.workers);
    for (let round = 1; round <= ROUNDS; round++) {
      const topic = await prefill(admin, STORAGE_SPANS);
      topics.push(topic, `${topic}_dlq`);
      const spans = benchSpans(STORAGE_SPANS);
      let stored = 0;
      const raw = await measure(() => stored, STORAGE_SPANS, async () => {
        await rawBulk(OPENSEARCH_URL, rawIndex, spans, config.bulk.workers);
        stored = spans.length;
        return async () => undefined;
      });
      report('raw-bulk (baseline)', raw, { round, concurrency: config.bulk.workers });
      // Steady state: from the first 2,000 spans stored (the group has joined and the pipeline is full) to the last.
      const ingester = await runIngester(topic, STORAGE_SPANS, storage, 2_000);
      report('ingester-opensearch', ingester, { round, throughputRatioToRawBulk: ratio(ingester.spans / ingester.seconds, raw.spans / raw.seconds, 3) });
      rounds.push({ raw, ingester });
    }
    const sum = (pick: (r: { raw: Measure; ingester: Measure }) => number): number => rounds.reduce((total, r) => total + pick(r), 0);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'ingester-opensearch / raw-bulk',
        rounds: ROUNDS,
        bulkWorkers: config.bulk.workers,
        ...(Object.keys(EXTRA_FLAGS).length > 0 ? { ingesterFlags: EXTRA_FLAGS } : {}),
        throughputRatio: ratio(sum((r) => r.ingester.spans) / sum((r) => r.ingester.seconds), sum((r) => r.raw.spans) / sum((r) => r.raw.seconds), 3),
        ...(OPENSEARCH_PID === undefined
          ? {}
          : { clusterCpuRatio: ratio(sum((r) => r.ingester.clusterCpuSeconds!) / sum((r) => r.ingester.spans), sum((r) => r.raw.clusterCpuSeconds!) / sum((r) => r.raw.spans), 3) }),
      })}\n`,
    );

    const freshTopic = await prefill(admin, 0);
    topics.push(freshTopic, `${freshTopic}_dlq`);
    const ingester = await launchIngester(freshTopic, storage, createMetricsRegistry());
    const producer = createKafkaSpanWriter(loadConfig(kafkaProducerOptions, { 'kafka.producer.brokers': BROKERS, 'kafka.producer.topic': freshTopic }, {}));
    try {
      const freshness = await measureFreshness({
        write: (trace) => producer.writeSpans(trace),
        trace: benchTrace,
        searchUrl: OPENSEARCH_URL,
        indices: `${indexPrefix}-jaeger-span-*`,
        durationMs: FRESHNESS_MS,
        intervalMs: 20,
        pollMs: 25,
      });
      process.stdout.write(`${JSON.stringify({ bench: 'freshness (Kafka ack → searchable)', spansPerSecond: (1000 / 20) * SPANS_PER_TRACE, ...freshness })}\n`);
    } finally {
      await producer.close();
      await ingester.stop();
    }
  } finally {
    await storage.close();
    await fetch(`${OPENSEARCH_URL}/${indexPrefix}-*?expand_wildcards=all`, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${OPENSEARCH_URL}/_index_template/${indexPrefix}-*`, { method: 'DELETE' }).catch(() => undefined);
  }
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
    report('ingester-null-writer', own, { throughputRatioToBaseline: ratio(baseline.seconds, own.seconds), cpuRatioToBaseline: ratio(own.cpuSeconds, baseline.cpuSeconds) });

    await opensearchRounds(admin, topics, `skein-ingester-bench-${suffix.replace(/_/g, '-')}`);
  } finally {
    await admin.deleteTopics(topics).catch(() => undefined);
    await admin.close();
  }
}

await main();
