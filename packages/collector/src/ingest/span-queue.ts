import type { KafkaSpanMessage } from '@skein/codecs';
import type { Span } from '@skein/model';

/** One accepted `submit`: its spans travel together and settle together. */
export interface QueueEntry {
  /** Spans as objects, or (the fast path) already as Kafka records; `count` is the number of spans either way. */
  readonly spans: readonly Span[];
  readonly records: readonly KafkaSpanMessage[];
  readonly count: number;
  readonly bytes: number;
  readonly receiver: string;
  readonly enqueuedAt: number;
  /** After this (ms, performance clock) a still-unwritten entry is given up with "writer unavailable". */
  readonly deadline: number;
  resolve(): void;
  reject(error: Error): void;
}

export interface QueueCapacity {
  spans: number;
  bytes: number;
}

/**
 * A FIFO bounded in spans AND bytes. Capacity counts entries waiting *and* entries a worker is writing, so memory
 * stays bounded while the writer retries. An entry larger than the whole capacity is still admitted into an empty
 * queue (otherwise it could never be sent); request body limits bound that case.
 */
export class SpanQueue {
  private entries: QueueEntry[] = [];
  private head = 0;
  private waitingSpansCount = 0;
  private occupiedSpans = 0;
  private occupiedBytes = 0;

  constructor(readonly capacity: QueueCapacity) {}

  /** Spans counted against capacity (waiting + being written). */
  get spans(): number {
    return this.occupiedSpans;
  }

  get bytes(): number {
    return this.occupiedBytes;
  }

  /** Spans waiting for a worker. */
  get waitingSpans(): number {
    return this.waitingSpansCount;
  }

  get waitingEntries(): number {
    return this.entries.length - this.head;
  }

  /** Adds the entry when it fits; false when it does not (the caller reports overload). */
  tryPush(entry: QueueEntry): boolean {
    const empty = this.occupiedSpans === 0;
    const fits = this.occupiedSpans + entry.count <= this.capacity.spans && this.occupiedBytes + entry.bytes <= this.capacity.bytes;
    if (!fits && !empty) return false;
    this.entries.push(entry);
    this.waitingSpansCount += entry.count;
    this.occupiedSpans += entry.count;
    this.occupiedBytes += entry.bytes;
    return true;
  }

  /**
   * Takes whole entries from the front, up to `maxSpans` in total (at least one entry, even if it alone is larger).
   * They keep counting against capacity until {@link release}.
   */
  takeBatch(maxSpans: number): QueueEntry[] {
    const batch: QueueEntry[] = [];
    let spans = 0;
    while (this.head < this.entries.length) {
      const next = this.entries[this.head] as QueueEntry;
      if (batch.length > 0 && spans + next.count > maxSpans) break;
      batch.push(next);
      spans += next.count;
      this.head += 1;
    }
    this.waitingSpansCount -= spans;
    this.compact();
    return batch;
  }

  /** Removes waiting entries enqueued at or before `time` (they are at the front, in arrival order). */
  takeWaitingSince(time: number): QueueEntry[] {
    return this.takeFrontWhile((entry) => entry.enqueuedAt <= time);
  }

  /** Removes waiting entries from the front while `matches` holds (use it for orders that follow arrival). */
  takeFrontWhile(matches: (entry: QueueEntry) => boolean): QueueEntry[] {
    const taken: QueueEntry[] = [];
    while (this.head < this.entries.length && matches(this.entries[this.head] as QueueEntry)) {
      const entry = this.entries[this.head] as QueueEntry;
      taken.push(entry);
      this.waitingSpansCount -= entry.count;
      this.head += 1;
    }
    this.compact();
    return taken;
  }

  /** Removes every waiting entry (shutdown). */
  takeAll(): QueueEntry[] {
    return this.takeBatch(Number.POSITIVE_INFINITY);
  }

  /** Frees the capacity of entries that were written or given up. */
  release(entries: readonly QueueEntry[]): void {
    for (const entry of entries) {
      this.occupiedSpans -= entry.count;
      this.occupiedBytes -= entry.bytes;
    }
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
