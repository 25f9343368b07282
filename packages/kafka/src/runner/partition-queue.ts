import type { ConsumedRecord } from '../client/types.js';

export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
  maxWaitMs: number;
}

/**
 * Records of one partition waiting to be handled, in offset order. Decides when a batch is due (enough records,
 * enough bytes, or the oldest record waited long enough) and drops records it has already seen, which a client
 * fetches again after a rebalance.
 */
export class PartitionQueue {
  #records: ConsumedRecord[] = [];
  #bytes = 0;
  #oldestAt = 0;
  /** One past the highest offset accepted; records below it are duplicates. */
  #nextOffset: bigint | undefined;

  constructor(private readonly limits: BatchLimits) {}

  get length(): number {
    return this.#records.length;
  }

  get nextOffset(): bigint | undefined {
    return this.#nextOffset;
  }

  get firstOffset(): bigint | undefined {
    return this.#records[0]?.offset;
  }

  /** Adds a record; returns false (and keeps nothing) when its offset was seen before. */
  push(record: ConsumedRecord, now: number): boolean {
    if (this.#nextOffset !== undefined && record.offset < this.#nextOffset) return false;
    if (this.#records.length === 0) this.#oldestAt = now;
    this.#records.push(record);
    this.#bytes += recordBytes(record);
    this.#nextOffset = record.offset + 1n;
    return true;
  }

  /** Whether a batch should be taken now; `flush` makes any non-empty queue due (stopping). */
  isDue(now: number, flush = false): boolean {
    if (this.#records.length === 0) return false;
    if (flush) return true;
    const { maxRecords, maxBytes, maxWaitMs } = this.limits;
    return this.#records.length >= maxRecords || this.#bytes >= maxBytes || now - this.#oldestAt >= maxWaitMs;
  }

  /** Milliseconds until the oldest record's wait runs out (0 when due by time already); undefined when empty. */
  msUntilDue(now: number): number | undefined {
    if (this.#records.length === 0) return undefined;
    return Math.max(0, this.#oldestAt + this.limits.maxWaitMs - now);
  }

  /** Removes and returns the next batch: up to maxRecords and maxBytes (at least one record). */
  take(now: number): ConsumedRecord[] {
    let count = 0;
    let bytes = 0;
    while (count < this.#records.length && count < this.limits.maxRecords) {
      const size = recordBytes(this.#records[count]!);
      if (count > 0 && bytes + size > this.limits.maxBytes) break;
      bytes += size;
      count++;
    }
    const batch = this.#records.splice(0, count);
    this.#bytes -= bytes;
    // What is left has waited since at least now; its age restarts so the next batch gets time to fill.
    this.#oldestAt = now;
    return batch;
  }

  /** Drops everything queued (partition revoked or runner stopping); returns how many records were dropped. */
  clear(): number {
    const dropped = this.#records.length;
    this.#records = [];
    this.#bytes = 0;
    return dropped;
  }
}

export function recordBytes(record: ConsumedRecord): number {
  return (record.key?.length ?? 0) + (record.value?.length ?? 0);
}
