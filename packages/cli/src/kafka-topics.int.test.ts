/**
 * @services kafka
 */
import { afterAll, expect, it } from '@jest/globals';
import { platformaticClients, TopicAdmin } from '@skein/kafka';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { runSkein } from './testing/run-skein.js';

const created: string[] = [];
/** The tools read brokers and topic from flags here, never from a developer's environment. */
const skein = (args: string[]) => runSkein(args, { KAFKA_PRODUCER_BROKERS: '', KAFKA_PRODUCER_TOPIC: '' });

afterAll(async () => {
  const admin = new TopicAdmin(platformaticClients.admin({ brokers: serviceAddress('KAFKA_BROKERS').split(','), clientId: 'kafka-topics-test' }));
  try {
    if (created.length > 0) await admin.deleteTopics(created);
  } finally {
    await admin.close();
  }
});

it('check names the missing topics (exit 1), create makes both once, describe and check then see them', async () => {
  const spans = uniqueName('skein_topics');
  const dlq = `${spans}-dlq`;
  created.push(spans, dlq);
  const names = [`--kafka.producer.brokers=${serviceAddress('KAFKA_BROKERS')}`, `--kafka.producer.topic=${spans}`, `--kafka.consumer.dead-letter-topic=${dlq}`];

  const before = await skein(['kafka-topics', 'check', ...names]);
  expect(before.code).toBe(1);
  expect(JSON.parse(before.stdout).topics).toEqual([
    { topic: spans, role: 'spans', partitions: null },
    { topic: dlq, role: 'dead-letter', partitions: null },
  ]);
  expect(before.stderr).toContain(`Kafka topic "${spans}" does not exist on ${serviceAddress('KAFKA_BROKERS')}; create it with "skein kafka-topics create`);
  expect(before.stderr).toContain(`Kafka topic "${dlq}" does not exist`);

  const create = await skein(['kafka-topics', 'create', ...names, '--kafka.topic.partitions=3', '--kafka.topic.retention=2h']);
  expect(create.stderr).toBe('');
  expect(create.code).toBe(0);
  expect(JSON.parse(create.stdout).topics).toEqual([
    { topic: spans, role: 'spans', partitions: 3, created: true },
    { topic: dlq, role: 'dead-letter', partitions: 3, created: true },
  ]);

  const again = await skein(['kafka-topics', 'create', ...names, '--kafka.topic.partitions=5']);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).topics.map((t: { created: boolean; partitions: number }) => [t.created, t.partitions])).toEqual([
    [false, 3],
    [false, 3],
  ]);

  const described = await skein(['kafka-topics', 'describe', ...names]);
  expect(described.code).toBe(0);
  expect(JSON.parse(described.stdout).topics.map((t: { partitions: number }) => t.partitions)).toEqual([3, 3]);
  const check = await skein(['kafka-topics', 'check', ...names]);
  expect(check.code).toBe(0);
  expect(check.stderr).toBe('');
});

it('refuses bad input with exit 2 and says what to fix, and an unreachable broker with exit 1', async () => {
  const noAction = await skein(['kafka-topics']);
  expect(noAction.code).toBe(2);
  expect(noAction.stderr).toContain('the action must be create, describe, check, got none');
  const badAction = await skein(['kafka-topics', 'drop']);
  expect(badAction.code).toBe(2);
  expect(badAction.stderr).toContain('got "drop"');
  const badPartitions = await skein(['kafka-topics', 'create', '--kafka.topic.partitions=0']);
  expect(badPartitions.code).toBe(2);
  expect(badPartitions.stderr).toMatch(/kafka\.topic\.partitions/);
  const badTopic = await skein(['kafka-topics', 'check', '--kafka.producer.topic=bad topic!']);
  expect(badTopic.code).toBe(2);
  expect(badTopic.stderr).toMatch(/kafka\.producer\.topic/);
  const unreachable = await skein(['kafka-topics', 'check', '--kafka.producer.brokers=127.0.0.1:1']);
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(/skein kafka-topics: check failed against 127\.0\.0\.1:1: /);
});
