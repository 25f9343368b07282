/**
 * Crash under load: two ingesters share a group while spans flow; one is killed with SIGKILL (no flush, no commit,
 * no leaving the group) and restarted. Afterwards every span is in OpenSearch exactly once.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, produceInBackground, sleep, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

/** Spans produced (4 per trace). The issue asks for 200,000; override with SKEIN_E2E_CRASH_SPANS. */
const SPANS = Number(process.env['SKEIN_E2E_CRASH_SPANS'] ?? 200_000);

let kafka: KafkaFixture;
let search: SearchFixture;
const ingesters: IngesterProcess[] = [];

beforeAll(() => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_crash'));
});
afterAll(async () => {
  await Promise.all(ingesters.map((i) => i.stop(15_000)));
  await search?.cleanup();
  await kafka?.close();
});

it(`stores all ${SPANS} spans exactly once although an ingester is killed with SIGKILL mid-stream`, async () => {
  const topic = await kafka.topic('ing_crash_spans', 6);
  const deadLetterTopic = await kafka.topic('ing_crash_dlq', 1);
  const groupId = uniqueName('ing_crash_group');
  const setup = { brokers: kafka.brokers, topic, groupId, deadLetterTopic, storageType: 'opensearch' as const, storageUrl: search.url, indexPrefix: search.indexPrefix };
  ingesters.push(await IngesterProcess.start(setup), await IngesterProcess.start(setup));

  const started = Date.now();
  const production = produceInBackground(kafka.writer(topic), { traces: SPANS / 4, chunkTraces: 500 });
  await waitFor('a quarter of the spans stored', async () => (await search.spanCount()) >= SPANS / 4, 600_000, 1000);

  const victim = ingesters[0]!;
  const consumedBeforeKill = await victim.metric('skein_ingester_spans_consumed_total');
  victim.kill('SIGKILL');
  expect(await victim.exited).toBeNull(); // killed by the signal, no clean exit
  expect(consumedBeforeKill).toBeGreaterThan(0);
  await sleep(2_000);
  ingesters[0] = await IngesterProcess.start(setup);

  const expected = await production.done;
  expect(expected.size).toBe(SPANS);
  await waitFor('every span stored and committed', async () => (await search.spanCount()) >= SPANS && (await kafka.totalLag(groupId, topic)) === 0, 900_000, 2000);
  const stored = await search.spanKeys();
  expect(compareKeys(expected, stored)).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
  expect(stored.length).toBe(SPANS);
  process.stdout.write(`crash test: ${SPANS} spans stored exactly once in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}, 1_500_000);
