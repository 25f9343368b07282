import type { DependencyLink } from '@skein/storage';
import type { ObservedCall } from './partition-window.js';

export interface CallBucketsOptions {
  /** Width of a time bucket in µs; a call is counted in the bucket of its child span's start time. */
  bucketMicros: number;
  /** Buckets kept in memory; beyond it the oldest is flushed one last time and forgotten. */
  maxBuckets: number;
  /** Distinct (parent, child) pairs per bucket; calls of further pairs are counted as dropped. */
  maxLinksPerBucket: number;
  /** Source name on every link (Jaeger's `source` field). */
  source: string;
  /**
   * Offset from the bucket start, in [0, DOCUMENT_SPREAD_MICROS), that tells this process's documents from other
   * ingesters' (see `BucketSnapshot`).
   */
  instanceOffsetMicros: number;
}

/**
 * What to write for one bucket: this process's running totals, under a timestamp unique to this process and this
 * incarnation of the bucket. Writing the same timestamp again replaces the previous document, so flushing the
 * running totals repeatedly leaves exactly one document per (process, bucket) — not one per flush.
 */
export interface BucketSnapshot {
  timestampMicros: number;
  links: DependencyLink[];
}

interface Bucket {
  timestampMicros: number;
  links: Map<string, DependencyLink>;
  dirty: boolean;
}

/**
 * Documents are stamped within this much after their bucket start: far enough apart that ingesters picking offsets
 * at random almost never collide, close enough that a document of the current bucket is never in the future (a
 * reader asking for "until now" would miss it).
 */
export const DOCUMENT_SPREAD_MICROS = 1_000_000;

/** Running call counts per time bucket, bounded in buckets and links. */
export class CallBuckets {
  readonly #buckets = new Map<number, Bucket>();
  /** Distinguishes a bucket recreated after it was evicted, so its new totals do not replace the old document. */
  #incarnation = 0;
  #dropped = 0;
  readonly #evicted: BucketSnapshot[] = [];

  constructor(private readonly options: CallBucketsOptions) {
    if (options.bucketMicros < 1_000_000) throw new Error(`dependency bucket must be at least 1s, got ${options.bucketMicros} µs`);
  }

  /** Calls not counted because a bucket already held `maxLinksPerBucket` pairs. */
  get droppedCalls(): number {
    return this.#dropped;
  }

  get bucketCount(): number {
    return this.#buckets.size;
  }

  add(call: ObservedCall): void {
    const start = Math.floor(call.timestampMicros / this.options.bucketMicros) * this.options.bucketMicros;
    const bucket = this.#bucket(start);
    const key = `${call.parent}\u0000${call.child}`;
    const link = bucket.links.get(key);
    if (link) {
      link.callCount += 1;
    } else if (bucket.links.size >= this.options.maxLinksPerBucket) {
      this.#dropped += 1;
      return;
    } else {
      bucket.links.set(key, { parent: call.parent, child: call.child, callCount: 1, source: this.options.source });
    }
    bucket.dirty = true;
  }

  /** Buckets changed since the last call (and buckets evicted meanwhile), as documents to write. */
  takeChanged(): BucketSnapshot[] {
    const out = this.#evicted.splice(0);
    for (const bucket of this.#buckets.values()) {
      if (!bucket.dirty) continue;
      bucket.dirty = false;
      out.push(snapshot(bucket));
    }
    return out;
  }

  /** Marks snapshots whose write failed as changed again, so the next flush retries them. */
  restore(failed: readonly BucketSnapshot[]): void {
    for (const snap of failed) {
      const bucket = [...this.#buckets.values()].find((b) => b.timestampMicros === snap.timestampMicros);
      if (bucket) bucket.dirty = true;
      else if (this.#evicted.length < this.options.maxBuckets) this.#evicted.push(snap);
    }
  }

  #bucket(start: number): Bucket {
    let bucket = this.#buckets.get(start);
    if (bucket) return bucket;
    const within = (this.options.instanceOffsetMicros + this.#incarnation++) % DOCUMENT_SPREAD_MICROS;
    bucket = { timestampMicros: start + within, links: new Map(), dirty: false };
    this.#buckets.set(start, bucket);
    if (this.#buckets.size > this.options.maxBuckets) this.#evictOldest(start);
    return bucket;
  }

  /** Evicts the oldest bucket other than `keep` (the one just created, which may itself be the oldest). */
  #evictOldest(keep: number): void {
    let oldest: number | undefined;
    for (const start of this.#buckets.keys()) if (start !== keep && (oldest === undefined || start < oldest)) oldest = start;
    if (oldest === undefined) return;
    const bucket = this.#buckets.get(oldest)!;
    this.#buckets.delete(oldest);
    if (bucket.dirty && this.#evicted.length < this.options.maxBuckets) this.#evicted.push(snapshot(bucket));
  }
}

function snapshot(bucket: Bucket): BucketSnapshot {
  return {
    timestampMicros: bucket.timestampMicros,
    links: [...bucket.links.values()].map((link) => ({ ...link })).sort((a, b) => (a.parent === b.parent ? (a.child < b.child ? -1 : 1) : a.parent < b.parent ? -1 : 1)),
  };
}
