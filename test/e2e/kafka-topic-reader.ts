import { platformaticClients, type ConnectionSettings, type ConsumedRecord } from '@skein/kafka';
import { uniqueName } from '../jest/service-address.js';

/**
 * Every record of `topic` from the earliest offset (a throwaway consumer group), once at least `count` have arrived,
 * plus whatever follows within half a second, so a duplicate would show up too. Bounded by `timeoutMs`.
 */
export async function readTopic(connection: ConnectionSettings, topic: string, count: number, timeoutMs = 60_000): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = platformaticClients.consumer({
    ...connection,
    groupId: uniqueName('e2e_reader'),
    topic,
    startOffset: 'earliest',
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 10_000,
    maxWaitMs: 200,
    maxFetchBytes: 4 * 1024 * 1024,
    clientBufferRecords: 1024,
  });
  await consumer.start({ record: (r) => void records.push(r), assigned: () => undefined, fatal: () => undefined });
  try {
    const deadline = Date.now() + timeoutMs;
    while (records.length < count) {
      if (Date.now() > deadline) throw new Error(`${count} records on ${topic}: only ${records.length} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await consumer.close();
  }
  return records;
}
