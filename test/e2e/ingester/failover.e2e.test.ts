/**
 * A crashed ingester's partitions move to the surviving member within the configured session timeout
 * (`--kafka.consumer.session-timeout`), and what is produced afterwards is stored by the survivor.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, produceInBackground, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

const SESSION_TIMEOUT_MS = 6_000;
/** Detection takes the session timeout; the survivor then rejoins within a heartbeat or two and a rebalance. */
const REASSIGN_BUDGET_MS = SESSION_TIMEOUT_MS + 5_000;

let kafka: KafkaFixture;
let search: SearchFixture;
const ingesters: IngesterProcess[] = [];

beforeAll(() => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_failover'));
});
afterAll(async () => {
  await Promise.all(ingesters.map((i) => (i.running ? i.stop(15_000) : Promise.resolve(null))));
  await search?.cleanup();
  await kafka?.close();
});

it(`moves a SIGKILLed member's partitions to the survivor within ${REASSIGN_BUDGET_MS} ms`, async () => {
  const topic = await kafka.topic('ing_failover_spans', 4);
  const groupId = uniqueName('ing_failover_group');
  const setup = {
    brokers: kafka.brokers,
    topic,
    groupId,
    deadLetterTopic: await kafka.topic('ing_failover_dlq', 1),
    storageType: 'opensearch' as const,
    storageUrl: search.url,
    indexPrefix: search.indexPrefix,
    extraFlags: { 'kafka.consumer.session-timeout': `${SESSION_TIMEOUT_MS}ms`, 'kafka.consumer.heartbeat-interval': '1s' },
  };
  const [first, second] = [await IngesterProcess.start(setup), await IngesterProcess.start(setup)];
  ingesters.push(first!, second!);
  await waitFor('both members hold two partitions', async () => (await first!.metric('skein_ingester_assigned_partitions')) === 2 && (await second!.metric('skein_ingester_assigned_partitions')) === 2, 60_000, 250);

  first!.kill('SIGKILL');
  const killedAt = performance.now();
  await waitFor('the survivor holds all four partitions', async () => (await second!.metric('skein_ingester_assigned_partitions')) === 4, 60_000, 100);
  const reassignedMs = Math.round(performance.now() - killedAt);
  process.stderr.write(`failover: partitions reassigned ${reassignedMs} ms after SIGKILL (session timeout ${SESSION_TIMEOUT_MS} ms)\n`);
  expect(reassignedMs).toBeLessThanOrEqual(REASSIGN_BUDGET_MS);

  const expected = await produceInBackground(kafka.writer(topic), { traces: 500, chunkTraces: 100, tracesPerSecond: 1_000 }).done;
  await waitFor('every span stored by the survivor', async () => (await search.spanCount()) >= expected.size && (await kafka.totalLag(groupId, topic)) === 0, 120_000, 500);
  expect(compareKeys(expected, await search.spanKeys())).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
}, 240_000);
