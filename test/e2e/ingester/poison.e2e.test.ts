/**
 * Poison and tombstone records: they go to the dead-letter topic with their key, value and headers plus why and
 * where from, and the partition keeps flowing past them.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DLQ_HEADERS, platformaticClients } from '@skein/kafka';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { KafkaFixture, SearchFixture, compareKeys, makeTrace, spanKey, waitFor } from './fixtures.js';
import { IngesterProcess } from './ingester-process.js';

let kafka: KafkaFixture;
let search: SearchFixture;
let ingester: IngesterProcess | undefined;

beforeAll(() => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('ing_poison'));
});
afterAll(async () => {
  await ingester?.stop(15_000);
  await search?.cleanup();
  await kafka?.close();
});

it('dead-letters undecodable and tombstone records and stores the spans around them', async () => {
  // One partition: the poison sits between good records of the same partition.
  const topic = await kafka.topic('ing_poison_spans', 1);
  const deadLetterTopic = await kafka.topic('ing_poison_dlq', 1);
  const groupId = uniqueName('ing_poison_group');
  ingester = await IngesterProcess.start({ brokers: kafka.brokers, topic, groupId, deadLetterTopic, storageType: 'opensearch', storageUrl: search.url, indexPrefix: search.indexPrefix });

  const writer = kafka.writer(topic);
  const before = Array.from({ length: 50 }, (_, i) => makeTrace(Date.now() * 1000 + i)).flat();
  const after = Array.from({ length: 50 }, (_, i) => makeTrace(Date.now() * 1000 + i)).flat();
  await writer.writeSpans(before);
  const raw = platformaticClients.producer({ ...kafka.connection(), compression: 'none' });
  try {
    await raw.send([
      // Field 1 with wire type 7, which protobuf does not have; not JSON either.
      { topic, key: Buffer.from('poison-key'), value: Buffer.from([0x0f, 0xff, 0xff, 0xff, 0x01]), headers: new Map([['origin', Buffer.from('e2e')]]) },
      { topic, key: Buffer.from('tombstone-key'), value: null },
    ]);
  } finally {
    await raw.close();
  }
  await writer.writeSpans(after);

  const letters = await kafka.readAll(deadLetterTopic, 2);
  expect(letters).toHaveLength(2);
  const header = (record: (typeof letters)[number], name: string): string | undefined => record.headers.get(name)?.toString('utf8');
  const poison = letters.find((r) => r.key?.toString() === 'poison-key')!;
  const tombstone = letters.find((r) => r.key?.toString() === 'tombstone-key')!;
  expect(header(poison, DLQ_HEADERS.reason)).toBe('undecodable');
  expect(poison.value).toEqual(Buffer.from([0x0f, 0xff, 0xff, 0xff, 0x01]));
  expect(header(poison, 'origin')).toBe('e2e');
  expect(header(poison, DLQ_HEADERS.topic)).toBe(topic);
  expect(header(poison, DLQ_HEADERS.partition)).toBe('0');
  expect(header(poison, DLQ_HEADERS.offset)).toBe(String(before.length));
  expect(header(tombstone, DLQ_HEADERS.reason)).toBe('tombstone');
  expect(tombstone.value).toBeNull();
  expect(header(tombstone, DLQ_HEADERS.offset)).toBe(String(before.length + 1));

  const expected = new Set([...before, ...after].map(spanKey));
  await waitFor('good spans stored', async () => (await search.spanCount()) >= expected.size, 60_000, 500);
  expect(compareKeys(expected, await search.spanKeys())).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
  await waitFor('partition committed past the poison', async () => (await kafka.totalLag(groupId, topic)) === 0, 30_000, 500);
  expect(await ingester.metric('skein_ingester_dead_lettered_total', { reason: 'undecodable' })).toBe(1);
  expect(await ingester.metric('skein_ingester_dead_lettered_total', { reason: 'tombstone' })).toBe(1);
}, 180_000);
