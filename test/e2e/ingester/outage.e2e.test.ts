/**
 * Storage outage under load: the ingester reaches OpenSearch through a TCP proxy that is stopped for 30 s while
 * spans keep arriving. Lag grows, the ingester retries without committing, nothing is lost, and lag recovers.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, produceInBackground, sleep, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';
import { TcpProxy } from './tcp-proxy.js';

const OUTAGE_MS = 30_000;

let kafka: KafkaFixture;
let search: SearchFixture;
let proxy: TcpProxy;
let ingester: IngesterProcess | undefined;

beforeAll(async () => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_outage'));
  const target = new URL(search.url);
  proxy = new TcpProxy(target.hostname, Number(target.port));
  await proxy.start();
});
afterAll(async () => {
  await ingester?.stop(15_000);
  await proxy?.stop();
  await search?.cleanup();
  await kafka?.close();
});

it('lets lag grow during a 30 s storage outage, loses nothing, and catches up afterwards', async () => {
  const topic = await kafka.topic('ing_outage_spans', 3);
  const deadLetterTopic = await kafka.topic('ing_outage_dlq', 1);
  const groupId = uniqueName('ing_outage_group');
  ingester = await IngesterProcess.start({ brokers: kafka.brokers, topic, groupId, deadLetterTopic, storageType: 'opensearch', storageUrl: proxy.url, indexPrefix: search.indexPrefix });

  // ~1,000 spans/s for about a minute: 15 s before the outage, 30 s during, the rest after.
  const production = produceInBackground(kafka.writer(topic), { traces: 15_000, chunkTraces: 50, tracesPerSecond: 250 });
  await waitFor('spans flowing into storage', async () => (await search.spanCount()) > 0, 60_000, 500);
  await sleep(10_000);
  const lagBefore = await kafka.totalLag(groupId, topic);

  await proxy.stop();
  const outageStarted = Date.now();
  await sleep(OUTAGE_MS / 2);
  const ready = await ingester.admin('/readyz');
  expect(ready.status).toBe(503);
  await sleep(OUTAGE_MS - (Date.now() - outageStarted));
  const lagDuring = await kafka.totalLag(groupId, topic);
  const retries = await ingester.metric('skein_ingester_retries_total');
  const storedDuring = await search.spanCount();
  await proxy.start();

  expect(ingester.running).toBe(true);
  expect(retries).toBeGreaterThan(0);
  expect(lagDuring).toBeGreaterThan(lagBefore + 5_000); // ~30 s of ~1,000 spans/s not committed

  const expected = await production.done;
  await waitFor('lag recovered', async () => (await kafka.totalLag(groupId, topic)) === 0, 300_000, 1000);
  const stored = await search.spanKeys();
  expect(stored.length).toBeGreaterThan(storedDuring);
  expect(compareKeys(expected, stored)).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
  expect((await ingester.admin('/readyz')).status).toBe(200);
  await waitFor('lag metric back to 0', async () => (await ingester!.metric('skein_ingester_lag')) === 0, 15_000, 500);
}, 400_000);
