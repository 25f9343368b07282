/**
 * `skein ingester --ingester.processes=2`: two consumer-group members in one command, each on its own core; the admin
 * port adds their metrics up; SIGTERM drains both; every span is stored once.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { childPids, processCpuSeconds } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, produceInBackground, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

const TRACES = 2_500;

let kafka: KafkaFixture;
let search: SearchFixture;
let ingester: IngesterProcess | undefined;

beforeAll(() => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_procs'));
});
afterAll(async () => {
  await ingester?.stop(15_000);
  await search?.cleanup();
  await kafka?.close();
});

it('runs two group members in one ingester and stores every span once', async () => {
  const topic = await kafka.topic('ing_procs_spans', 4);
  const deadLetterTopic = await kafka.topic('ing_procs_dlq', 1);
  const groupId = uniqueName('ing_procs_group');
  ingester = await IngesterProcess.start({ brokers: kafka.brokers, topic, groupId, deadLetterTopic, storageType: 'opensearch', storageUrl: search.url, indexPrefix: search.indexPrefix, extraFlags: { 'ingester.processes': '2' } });
  const members = childPids(ingester.child.pid!);
  expect(members).toHaveLength(2);
  expect(await ingester.metric('skein_worker_processes')).toBe(2);
  // Both members hold partitions: 4 between them, 2 each once the group settles.
  await waitFor('partitions shared by both members', async () => (await ingester!.metric('skein_ingester_assigned_partitions')) === 4, 60_000, 500);
  const readiness = JSON.parse((await ingester.admin('/readyz')).body) as { checks: Array<{ name: string }> };
  expect(readiness.checks.map((check) => check.name)).toEqual(['ingester process 1: kafka', 'ingester process 1: storage', 'ingester process 2: kafka', 'ingester process 2: storage']);

  const cpuBefore = members.map((pid) => processCpuSeconds(pid));
  const produced = produceInBackground(kafka.writer(topic), { traces: TRACES, chunkTraces: 100, tracesPerSecond: 1_000 });
  const expected = await produced.done;
  await waitFor('every span stored and committed', async () => (await search.spanCount()) >= expected.size && (await kafka.totalLag(groupId, topic)) === 0, 300_000, 1000);
  const cpuUsed = members.map((pid, i) => processCpuSeconds(pid) - cpuBefore[i]!);
  process.stderr.write(`ingester processes: CPU-s per member while consuming ${cpuUsed.map((s) => s.toFixed(2)).join(', ')}\n`);
  for (const seconds of cpuUsed) expect(seconds).toBeGreaterThan(0.2 * (cpuUsed[0]! + cpuUsed[1]!));
  expect(await ingester.metric('skein_ingester_spans_consumed_total')).toBe(expected.size);

  expect(await ingester.stop(30_000)).toBe(0);
  ingester = undefined;
  for (const pid of members) expect(() => process.kill(pid, 0)).toThrow();
  expect(compareKeys(expected, await search.spanKeys())).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
}, 420_000);
