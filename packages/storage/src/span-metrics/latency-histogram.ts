/**
 * Latency histogram with a relative error bound: a duration of d µs (d ≥ 1) falls in bucket ⌈log_γ d⌉ with
 * γ = (1 + α) / (1 − α), and a bucket reads back as 2γ^i / (γ + 1), which is within α of every value in it.
 * So a quantile read from the histogram is within α (relative) of the true nearest-rank quantile of the durations
 * counted. Zero durations have a bucket of their own and read back as 0.
 */
export const LATENCY_RELATIVE_ERROR = 0.02;
const GAMMA = (1 + LATENCY_RELATIVE_ERROR) / (1 - LATENCY_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
const ZERO_BUCKET = -1;

/** The bucket of a duration in µs. */
export function latencyBucketOf(durationMicros: number): number {
  return durationMicros <= 0 ? ZERO_BUCKET : Math.max(0, Math.ceil(Math.log(durationMicros) / LOG_GAMMA - 1e-9));
}

/** The value (µs) a bucket reads back as. */
export function latencyBucketValue(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : bucket === 0 ? 1 : (2 * GAMMA ** bucket) / (GAMMA + 1);
}

/** Bucket → count, sparse. */
export type LatencyCounts = Map<number, number>;

export function addLatency(counts: LatencyCounts, durationMicros: number, times = 1): void {
  const bucket = latencyBucketOf(durationMicros);
  counts.set(bucket, (counts.get(bucket) ?? 0) + times);
}

/** Buckets a window can hold: the zero bucket (-1) up to γ^1022 µs, far beyond any duration. */
const WINDOW_BUCKETS = 1_024;

/**
 * A sum of histograms that histograms can be added to and taken out of again (a sliding window), read as
 * quantiles. Dense over every bucket, so a quantile walks only the range of buckets ever touched.
 */
export class LatencyWindow {
  readonly #counts = new Float64Array(WINDOW_BUCKETS);
  #low = WINDOW_BUCKETS;
  #high = -1;
  #total = 0;

  /** Adds `count` (negative: removes) durations of a bucket. */
  add(bucket: number, count: number): void {
    const index = Math.min(WINDOW_BUCKETS - 1, bucket - ZERO_BUCKET);
    this.#counts[index]! += count;
    this.#total += count;
    if (index < this.#low) this.#low = index;
    if (index > this.#high) this.#high = index;
  }

  get total(): number {
    return this.#total;
  }

  /**
   * Nearest-rank quantile (the value at rank ⌈q·n⌉ of the sorted durations) in µs, or undefined when the window is
   * empty. `q` in [0, 1].
   */
  quantile(q: number): number | undefined {
    if (this.#total <= 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.#total));
    let seen = 0;
    for (let i = this.#low; i <= this.#high; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return latencyBucketValue(i + ZERO_BUCKET);
    }
    return latencyBucketValue(this.#high + ZERO_BUCKET);
  }
}

/** Compact text form for storage: base64 of (bucket delta, count) varint pairs in bucket order. */
export function encodeLatencies(counts: ReadonlyMap<number, number>): string {
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  const bytes: number[] = [];
  let previous = ZERO_BUCKET - 1;
  for (const bucket of buckets) {
    writeVarint(bytes, bucket - previous);
    writeVarint(bytes, counts.get(bucket)!);
    previous = bucket;
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeLatencies(text: string): LatencyCounts {
  const counts: LatencyCounts = new Map();
  forEachLatencyBucket(text, (bucket, count) => counts.set(bucket, count));
  return counts;
}

/** Calls `visit` for every (bucket, count) of an encoded histogram, in bucket order, without building a map. */
export function forEachLatencyBucket(text: string, visit: (bucket: number, count: number) => void): void {
  const bytes = Buffer.from(text, 'base64');
  let offset = 0;
  let bucket = ZERO_BUCKET - 1;
  const read = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (offset >= bytes.length) throw new Error(`latency histogram is truncated at byte ${offset} of ${bytes.length}`);
      const byte = bytes[offset++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 49) throw new Error(`latency histogram has an over-long number at byte ${offset}`);
    }
  };
  while (offset < bytes.length) {
    const delta = read();
    if (delta === 0) throw new Error(`latency histogram repeats a bucket at byte ${offset}`);
    bucket += delta;
    visit(bucket, read());
  }
}

function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}
