import type { Span } from '@skein/model';
import type { ManagedSpanWriter } from '@skein/collector';
import { platformaticClients, type ConnectionSettings, type ConsumedRecord } from '@skein/kafka';
import { uniqueName } from '../../jest/service-address.js';

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every record of a topic (a throwaway group from the earliest offset), once at least `count` have arrived. */
export async function readTopic(connection: ConnectionSettings, topic: string, count: number): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = platformaticClients.consumer({
    ...connection,
    groupId: uniqueName('collector_e2e_reader'),
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
    await waitFor(() => records.length >= count, 60_000);
    // Give stragglers (duplicates, if there were any) a moment to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await consumer.close();
  }
  return records;
}

/** The real writer behind a switch: while `failing`, writes fail like an unreachable broker. */
export class FlakyWriter implements ManagedSpanWriter {
  readonly backend = 'kafka';
  failing = false;
  failures = 0;
  readonly writer = {
    writeSpans: async (spans: readonly Span[]): Promise<void> => {
      if (this.failing) {
        this.failures += 1;
        throw Object.assign(new Error('simulated broker outage'), { kind: 'retryable', reason: 'broker-unavailable' });
      }
      return this.real.writer.writeSpans(spans);
    },
  };

  constructor(private readonly real: ManagedSpanWriter) {}

  checkReady(): Promise<void> {
    return this.failing ? Promise.reject(new Error('simulated broker outage')) : this.real.checkReady();
  }

  close(): Promise<void> {
    return this.real.close();
  }
}
