/**
 * The ingester end to end: spans produced to Kafka by the collector's Kafka span writer → two `skein ingester`
 * child processes in one consumer group → OpenSearch → the query service's HTTP API (traces and dependencies).
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startQueryService, type RunningQueryService } from '@skein/query';
import { createLogger, createMetricsRegistry } from '@skein/runtime';
import { createElasticsearchStorage, defaultElasticsearchConfig, type ElasticsearchStorage } from '@skein/storage-elasticsearch';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, makeTrace, spanKey, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

const TRACES = 500;

let kafka: KafkaFixture;
let search: SearchFixture;
let storage: ElasticsearchStorage;
let query: RunningQueryService;
const ingesters: IngesterProcess[] = [];

beforeAll(async () => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_e2e'));
  storage = await createElasticsearchStorage(
    defaultElasticsearchConfig({ flavor: 'opensearch', serverUrls: [search.url], indexPrefix: search.indexPrefix, numShards: 1, numReplicas: 0 }),
  );
  query = await startQueryService({
    reader: storage.createSpanReader(),
    dependencyReader: storage.createDependencyReader(),
    options: { hostPort: { host: '127.0.0.1', port: 0 } },
    logger: createLogger({ component: 'query', level: 'silent' }),
    metrics: createMetricsRegistry(),
  });
});

afterAll(async () => {
  await Promise.all(ingesters.map((i) => i.stop(15_000)));
  await query?.stop();
  await storage?.close();
  await search?.cleanup();
  await kafka?.close();
});

describe('a span topic that does not exist', () => {
  it('leaves the ingester running but not ready, with /readyz naming the topic and how to create it', async () => {
    const topic = uniqueName('ing_e2e_missing');
    const ingester = await IngesterProcess.start({
      brokers: kafka.brokers,
      topic,
      groupId: uniqueName('ing_e2e_missing_group'),
      deadLetterTopic: await kafka.topic('ing_e2e_missing_dlq', 1),
      storageType: 'opensearch',
      storageUrl: search.url,
      indexPrefix: search.indexPrefix,
    });
    try {
      const ready = await ingester.admin('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toContain(`Kafka topic \\"${topic}\\" does not exist on ${kafka.brokers}; create it with \\"skein kafka-topics create`);
      expect(ingester.running).toBe(true);

      // Once the topic exists, the ingester starts consuming by itself and becomes ready.
      await kafka.create(topic, 2);
      await waitFor('ready once the topic exists', async () => (await ingester.admin('/readyz')).status === 200, 60_000, 500);
      await waitFor('both partitions assigned', async () => (await ingester.metric('skein_ingester_assigned_partitions')) === 2, 60_000, 500);
    } finally {
      expect(await ingester.stop(15_000)).toBe(0);
    }
  });

  it('stops cleanly (exit 0) on SIGTERM while still waiting for its topic', async () => {
    const waiting = await IngesterProcess.start({
      brokers: kafka.brokers,
      topic: uniqueName('ing_e2e_never'),
      groupId: uniqueName('ing_e2e_never_group'),
      deadLetterTopic: await kafka.topic('ing_e2e_never_dlq', 1),
      storageType: 'opensearch',
      storageUrl: search.url,
      indexPrefix: search.indexPrefix,
    });
    expect((await waiting.admin('/readyz')).status).toBe(503);
    expect(await waiting.stop(15_000)).toBe(0);
  });
});

describe('collector → Kafka → two ingesters → OpenSearch → query API', () => {
  it('stores every span once, serves the traces and the dependency graph, and leaves nothing uncommitted on SIGTERM', async () => {
    const topic = await kafka.topic('ing_e2e_spans', 4);
    const deadLetterTopic = await kafka.topic('ing_e2e_dlq', 1);
    const groupId = uniqueName('ing_e2e_group');
    const setup = {
      brokers: kafka.brokers,
      topic,
      groupId,
      deadLetterTopic,
      storageType: 'opensearch' as const,
      storageUrl: search.url,
      indexPrefix: search.indexPrefix,
    };
    ingesters.push(await IngesterProcess.start(setup), await IngesterProcess.start(setup));

    const start = Date.now() * 1000;
    const traces = Array.from({ length: TRACES }, (_, i) => makeTrace(start + i * 1000));
    const spans = traces.flat();
    const writer = kafka.writer(topic);
    for (let i = 0; i < spans.length; i += 500) await writer.writeSpans(spans.slice(i, i + 500));

    await waitFor('every span stored', async () => (await search.spanCount()) >= spans.length, 90_000, 500);
    await waitFor('group fully committed', async () => (await kafka.totalLag(groupId, topic)) === 0, 30_000, 500);
    const comparison = compareKeys(new Set(spans.map(spanKey)), await search.spanKeys());
    expect(comparison).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });

    // Both members took part: each owns some partitions and wrote spans.
    const perIngester = await Promise.all(ingesters.map((i) => i.metric('skein_ingester_spans_consumed_total')));
    expect(perIngester.every((n) => n > 0)).toBe(true);
    expect(perIngester.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(spans.length);
    for (const ingester of ingesters) {
      expect((await ingester.admin('/healthz')).status).toBe(200);
      const ready = await ingester.admin('/readyz');
      expect({ status: ready.status, body: ready.body }).toMatchObject({ status: 200 });
    }
    // The gauge reads 0 while the group rebalances (a member missing a heartbeat on a loaded machine rejoins), so the
    // split is awaited: all 4 partitions owned, each member some.
    await waitFor(
      'both members own partitions',
      async () => {
        const assigned = await Promise.all(ingesters.map((i) => i.metric('skein_ingester_assigned_partitions')));
        return assigned.every((n) => n > 0) && assigned.reduce((a, b) => a + b, 0) === 4;
      },
      30_000,
      500,
    );

    const base = `http://127.0.0.1:${query.address.port}`;
    const trace = traces[7]!;
    const byId = (await (await fetch(`${base}/api/traces/${trace[0]!.traceId}`)).json()) as { data: { spans: { spanID: string }[] }[] };
    expect(byId.data[0]!.spans.map((s) => s.spanID).sort()).toEqual(trace.map((s) => s.spanId).sort());
    // The service index refreshes on its own schedule, so it may trail the span index by a refresh interval.
    const listServices = async (): Promise<string[]> => ((await (await fetch(`${base}/api/services`)).json()) as { data: string[] }).data;
    await waitFor('services listed', async () => (await listServices()).length >= 3, 15_000);
    expect(await listServices()).toEqual(expect.arrayContaining(['e2e-frontend', 'e2e-backend', 'e2e-db']));

    // Dependencies are written by the ingesters themselves (flush interval 1s in these tests): no batch job.
    const endTs = Math.ceil(Date.now() + 60_000);
    type Links = { data: { parent: string; child: string; callCount: number }[] };
    let links: Links['data'] = [];
    await waitFor(
      'dependency counts complete',
      async () => {
        await storage.refresh();
        links = ((await (await fetch(`${base}/api/dependencies?endTs=${endTs}&lookback=${3_600_000}`)).json()) as Links).data;
        return links.find((l) => l.parent === 'e2e-frontend')?.callCount === 2 * TRACES && links.find((l) => l.parent === 'e2e-backend')?.callCount === TRACES;
      },
      30_000,
      1000,
    ).catch(() => undefined);
    expect(links.filter((l) => l.parent.startsWith('e2e-')).map(({ parent, child, callCount }) => ({ parent, child, callCount }))).toEqual([
      { parent: 'e2e-backend', child: 'e2e-db', callCount: TRACES },
      { parent: 'e2e-frontend', child: 'e2e-backend', callCount: 2 * TRACES },
    ]);

    // SIGTERM: each member flushes, commits and leaves within its deadline, exiting 0.
    const codes = await Promise.all(ingesters.splice(0).map((i) => i.stop(30_000)));
    expect(codes).toEqual([0, 0]);
    expect(await kafka.totalLag(groupId, topic)).toBe(0);
  }, 300_000);
});
