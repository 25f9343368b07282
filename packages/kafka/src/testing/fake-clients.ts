import type { ConsumedRecord, ConsumerClient, ConsumerClientListener, OutgoingRecord, PartitionOffset, ProducerClient } from '../client/types.js';

/** In-memory producer: records what was sent; `failNext` makes the next sends throw. */
export class FakeProducer implements ProducerClient {
  readonly sent: OutgoingRecord[][] = [];
  failures: unknown[] = [];
  closed = false;
  async send(records: readonly OutgoingRecord[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.sent.push([...records]);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** In-memory consumer: the test pushes records and assignments and reads the commits. */
export class FakeConsumer implements ConsumerClient {
  listener!: ConsumerClientListener;
  readonly commits: PartitionOffset[] = [];
  readonly rewinds: PartitionOffset[] = [];
  paused = false;
  closed = false;
  constructor(private readonly initialPartitions: number[]) {}
  async start(listener: ConsumerClientListener): Promise<void> {
    this.listener = listener;
    listener.assigned(this.initialPartitions);
  }
  deliver(record: ConsumedRecord): void {
    this.listener.record(record);
  }
  pauseFetching(): void {
    this.paused = true;
  }
  resumeFetching(): void {
    this.paused = false;
  }
  async commit(offsets: readonly PartitionOffset[]): Promise<void> {
    this.commits.push(...offsets);
  }
  rewind(partition: number, offset: bigint): void {
    this.rewinds.push({ partition, offset });
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  committed(partition: number): bigint | undefined {
    return this.commits.filter((c) => c.partition === partition).at(-1)?.offset;
  }
}

export function record(partition: number, offset: number, value: Buffer | null, key = 'k'): ConsumedRecord {
  return { topic: 't', partition, offset: BigInt(offset), key: Buffer.from(key), value, headers: new Map([['h', Buffer.from('v')]]), timestamp: 0n };
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
