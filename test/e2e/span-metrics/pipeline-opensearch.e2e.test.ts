/**
 * RED metrics through the distributed path: `skein collector` → Kafka (2 partitions) → two `skein ingester`s, each
 * counting the spans it stored → `jaeger-spanmetrics-*` on OpenSearch → `skein query`'s `/api/metrics/*`. The two
 * ingesters' rows for the same minutes are summed: exact counts, quantiles within the stated bound.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { eventually, freePort } from '../all-in-one/skein-process.js';
import { KafkaFixture, SearchFixture } from '../ingester/fixtures.js';
import { IngesterProcess } from '../ingester/ingester-process.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';
import { lastValue, redQuery, redWorkloadRequests, RED_EXPECTED, type MetricFamilyJson } from './red-workload.js';

const SERVICE = uniqueName('red');
let kafka: KafkaFixture;
let search: SearchFixture;
const ingesters: IngesterProcess[] = [];
let collector: Awaited<ReturnType<typeof startSkeinCommand>>;
let query: Awaited<ReturnType<typeof startSkeinCommand>>;
const ports = { otlp: 0, query: 0 };
const minuteStart = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const endMs = minuteStart + 120_000;

beforeAll(async () => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('red_e2e'));
  const topic = await kafka.topic('red_spans', 2);
  const deadLetterTopic = await kafka.topic('red_dlq', 1);
  const groupId = uniqueName('red_group');
  for (let i = 0; i < 2; i++) {
    ingesters.push(
      await IngesterProcess.start({
        brokers: kafka.brokers,
        topic,
        groupId,
        deadLetterTopic,
        storageType: 'opensearch',
        storageUrl: search.url,
        indexPrefix: search.indexPrefix,
        extraFlags: { 'span-metrics.flush-interval': '500ms', 'kafka.consumer.parallelism': '2' },
      }),
    );
  }
  [ports.otlp, ports.query] = [await freePort(), await freePort()];
  const off = ['collector.http-server.host-port', 'collector.zipkin.host-port', 'collector.otlp.grpc.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'];
  collector = await startSkeinCommand(
    ['collector', `--collector.otlp.http.host-port=127.0.0.1:${ports.otlp}`, ...off.map((flag) => `--${flag}=off`)],
    { SPAN_STORAGE_TYPE: 'kafka', KAFKA_PRODUCER_BROKERS: kafka.brokers, KAFKA_PRODUCER_TOPIC: topic, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  query = await startSkeinCommand(
    ['query', `--query.http-server.host-port=127.0.0.1:${ports.query}`, '--query.grpc-server.host-port=off'],
    { SPAN_STORAGE_TYPE: 'opensearch', ES_SERVER_URLS: search.url, ES_INDEX_PREFIX: search.indexPrefix, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  for (const body of redWorkloadRequests(SERVICE, minuteStart)) {
    const accepted = await fetch(`http://127.0.0.1:${ports.otlp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(accepted.status).toBe(200);
  }
}, 180_000);

afterAll(async () => {
  if (collector) expect(await stopSkeinCommand(collector.child)).toBe(0);
  if (query) expect(await stopSkeinCommand(query.child)).toBe(0);
  for (const ingester of ingesters) await ingester.stop(15_000);
  killSkeinCommands();
  await search?.cleanup();
  await kafka?.close();
}, 60_000);

const family = async (path: string): Promise<MetricFamilyJson> => {
  const res = await fetch(`http://127.0.0.1:${ports.query}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MetricFamilyJson;
};
const service = { service_name: SERVICE };

describe('span metrics: collector → Kafka → two ingesters → OpenSearch → query', () => {
  it('sums both ingesters into exact rates and bounded quantiles', async () => {
    await eventually(
      async () => {
        await fetch(`${search.url}/${search.indexPrefix}-jaeger-spanmetrics-*/_refresh?ignore_unavailable=true&allow_no_indices=true`, { method: 'POST' });
        // Spans land over several flushes of two ingesters: wait until both the server and the client spans are in.
        const server = lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs)}`), service);
        const client = lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs, '&spanKind=client')}`), service);
        return server === RED_EXPECTED.serverCalls / 600 && client === RED_EXPECTED.clientCalls / 600 ? true : undefined;
      },
      'the call rates of all 250 server and 30 client spans',
      60_000,
    );
    // Both ingesters stored some of the spans (two partitions, one member each), so both wrote rows.
    const rows = (await (await fetch(`${search.url}/${search.indexPrefix}-jaeger-spanmetrics-*/_search?size=100`)).json()) as { hits: { hits: Array<{ _source: { id: string } }> } };
    const writers = new Set(rows.hits.hits.map((hit) => hit._source.id.split('-')[0]));
    expect(writers.size).toBe(2);

    expect(lastValue(await family(`/api/metrics/errors?${redQuery(SERVICE, endMs)}`), service)).toBe(RED_EXPECTED.serverErrors / RED_EXPECTED.serverCalls);
    expect(lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs, '&spanKind=client')}`), service)).toBe(RED_EXPECTED.clientCalls / 600);
    const p95 = lastValue(await family(`/api/metrics/latencies?${redQuery(SERVICE, endMs, '&quantile=0.95')}`), service)!;
    expect(Math.abs(p95 - RED_EXPECTED.serverP95Ms)).toBeLessThanOrEqual(RED_EXPECTED.serverP95Ms * 0.02);
    const dispatch = lastValue(await family(`/api/metrics/latencies?${redQuery(SERVICE, endMs, '&quantile=0.95&groupByOperation=true')}`), { ...service, operation: 'GET /dispatch' })!;
    expect(Math.abs(dispatch - RED_EXPECTED.dispatchP95Ms)).toBeLessThanOrEqual(RED_EXPECTED.dispatchP95Ms * 0.02);
  });
});
