import type { DependencyWriter } from '@skein/storage';
import { CallBuckets, DOCUMENT_SPREAD_MICROS, type BucketSnapshot } from './call-buckets.js';
import { PartitionDependencyWindow, type WindowLimits, type WindowSpan } from './partition-window.js';

export interface DependencyTrackerOptions {
  writer: DependencyWriter;
  window: WindowLimits;
  bucketMicros: number;
  flushIntervalMs: number;
  maxBuckets?: number;
  maxLinksPerBucket?: number;
  /** Jaeger's `source` field on the links written. */
  source?: string;
  /** Picks this process's offset inside a bucket; injectable for tests. */
  random?: () => number;
  onFlushed?: (documents: number, links: number) => void;
  onError?: (error: unknown, context: { action: string }) => void;
}

/**
 * Dependencies in the stream: one bounded window per partition turns spans into parent → child calls, the calls
 * are counted per time bucket, and every `flushIntervalMs` the changed buckets are written through the
 * `DependencyWriter`. Feed it spans only after they were written to storage, so a retried batch is counted once.
 */
export class DependencyTracker {
  readonly #windows = new Map<number, PartitionDependencyWindow>();
  readonly #buckets: CallBuckets;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DependencyTrackerOptions) {
    const random = options.random ?? Math.random;
    this.#buckets = new CallBuckets({
      bucketMicros: options.bucketMicros,
      maxBuckets: options.maxBuckets ?? 48,
      maxLinksPerBucket: options.maxLinksPerBucket ?? 10_000,
      source: options.source ?? 'skein-ingester',
      instanceOffsetMicros: Math.floor(random() * DOCUMENT_SPREAD_MICROS),
    });
  }

  get droppedCalls(): number {
    return this.#buckets.droppedCalls;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.#timer.unref();
  }

  observe(partition: number, spans: readonly WindowSpan[]): void {
    let window = this.#windows.get(partition);
    if (!window) {
      window = new PartitionDependencyWindow(this.options.window);
      this.#windows.set(partition, window);
    }
    const add = (call: Parameters<CallBuckets['add']>[0]): void => this.#buckets.add(call);
    for (const span of spans) window.observe(span, add);
  }

  /** Forgets the windows of partitions this member no longer owns (their spans now flow to another member). */
  retainPartitions(assigned: readonly number[]): void {
    const keep = new Set(assigned);
    for (const partition of this.#windows.keys()) if (!keep.has(partition)) this.#windows.delete(partition);
  }

  /** Writes the buckets changed since the last flush; one flush at a time, never rejects (errors go to onError). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  async #flushNow(): Promise<void> {
    const changed = this.#buckets.takeChanged();
    const failed: BucketSnapshot[] = [];
    let links = 0;
    for (const snapshot of changed) {
      try {
        await this.options.writer.writeDependencies(snapshot.timestampMicros, snapshot.links);
        links += snapshot.links.length;
      } catch (error) {
        failed.push(snapshot);
        this.options.onError?.(error, { action: `write dependencies of bucket at ${snapshot.timestampMicros} µs` });
      }
    }
    if (failed.length > 0) this.#buckets.restore(failed);
    if (changed.length > failed.length) this.options.onFlushed?.(changed.length - failed.length, links);
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
