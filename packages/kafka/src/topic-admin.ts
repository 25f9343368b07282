import type { AdminClient, TopicSpec } from './client/types.js';
import { KafkaError } from './errors.js';

export interface PartitionLag {
  partition: number;
  /** Next offset to be written (high watermark). */
  endOffset: bigint;
  /** Next offset the group will read; undefined when the group never committed on this partition. */
  committedOffset: bigint | undefined;
  /** endOffset − committedOffset; for a partition without a commit, the whole partition (endOffset). */
  lag: bigint;
}

/** Topic housekeeping the collector (producer topic) and ingester (lag, dead-letter topic) need. */
export class TopicAdmin {
  constructor(private readonly admin: AdminClient) {}

  /**
   * Creates the topic when missing; leaves an existing one alone. Idempotent, also when two processes race.
   * Returns whether it was created. An existing topic with fewer partitions than asked is reported, not changed
   * (adding partitions moves traces between partitions, which an operator must decide).
   */
  async ensureTopic(spec: TopicSpec): Promise<{ created: boolean; partitions: number }> {
    const existing = await this.admin.partitionCount(spec.topic);
    if (existing !== undefined) return { created: false, partitions: existing };
    const created = await this.admin.createTopic(spec);
    const partitions = await this.#waitForPartitions(spec.topic);
    return { created, partitions };
  }

  /** The topic's partition count, or undefined when it does not exist. */
  partitions(topic: string): Promise<number | undefined> {
    return this.admin.partitionCount(topic);
  }

  async #waitForPartitions(topic: string): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const count = await this.admin.partitionCount(topic);
      if (count !== undefined) return count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new KafkaError(`topic ${topic} was created but its metadata did not appear within 5s`, 'retryable', 'timeout');
  }

  async describeLag(groupId: string, topic: string): Promise<PartitionLag[]> {
    const [ends, committed] = await Promise.all([this.admin.endOffsets(topic), this.admin.committedOffsets(groupId, topic)]);
    return [...ends.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, endOffset]) => {
        const committedOffset = committed.get(partition);
        const lag = endOffset - (committedOffset ?? 0n);
        return { partition, endOffset, committedOffset, lag: lag < 0n ? 0n : lag };
      });
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    return this.admin.deleteTopics(topics);
  }

  close(): Promise<void> {
    return this.admin.close();
  }
}

/** What an operator reads when a topic the process needs is missing: which topic, where, and how to create it. */
export function missingTopicMessage(topic: string, brokers: readonly string[], createFlag?: string): string {
  return (
    `Kafka topic "${topic}" does not exist on ${brokers.join(',')}; create it with ` +
    `"skein kafka-topics create --kafka.producer.brokers=${brokers.join(',')}"` +
    (createFlag ? ` or start with --${createFlag}=true` : '') +
    ' (the brokers do not create topics on first use)'
  );
}
