/**
 * Scaling the group from one ingester to three while spans flow: partitions move between members, and every span
 * is still stored exactly once.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, produceInBackground, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

const SPANS = Number(process.env['SKEIN_E2E_SCALING_SPANS'] ?? 60_000);

let kafka: KafkaFixture;
let search: SearchFixture;
const ingesters: IngesterProcess[] = [];

beforeAll(() => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_scale'));
});
afterAll(async () => {
  await Promise.all(ingesters.map((i) => i.stop(15_000)));
  await search?.cleanup();
  await kafka?.close();
});

it(`grows the group from 1 to 3 ingesters under load and stores all ${SPANS} spans once`, async () => {
  const topic = await kafka.topic('ing_scale_spans', 6);
  const deadLetterTopic = await kafka.topic('ing_scale_dlq', 1);
  const groupId = uniqueName('ing_scale_group');
  const setup = { brokers: kafka.brokers, topic, groupId, deadLetterTopic, storageType: 'opensearch' as const, storageUrl: search.url, indexPrefix: search.indexPrefix };
  ingesters.push(await IngesterProcess.start(setup));

  // Half the spans while one member holds every partition; the group grows to three meanwhile.
  const first = produceInBackground(kafka.writer(topic), { traces: SPANS / 8, chunkTraces: 100, tracesPerSecond: 500 });
  await waitFor('first spans stored', async () => (await search.spanCount()) >= SPANS / 10, 300_000, 1000);
  expect(await ingesters[0]!.metric('skein_ingester_assigned_partitions')).toBe(6);
  ingesters.push(await IngesterProcess.start(setup), await IngesterProcess.start(setup));
  // Every member ends up with partitions (6 over 3)...
  await waitFor('assignment settled', async () => {
    const assigned = await Promise.all(ingesters.map((i) => i.metric('skein_ingester_assigned_partitions')));
    return assigned.every((n) => n === 2);
  }, 60_000, 500);
  // ...and the other half, produced once they have them, is written by all three.
  const second = produceInBackground(kafka.writer(topic), { traces: SPANS / 8, chunkTraces: 100, tracesPerSecond: 500 });

  const expected = new Set([...(await first.done), ...(await second.done)]);
  await waitFor('every span stored and committed', async () => (await search.spanCount()) >= SPANS && (await kafka.totalLag(groupId, topic)) === 0, 600_000, 1000);
  expect(compareKeys(expected, await search.spanKeys())).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
  for (const newcomer of ingesters.slice(1)) expect(await newcomer.metric('skein_ingester_spans_consumed_total')).toBeGreaterThan(0);
}, 900_000);
