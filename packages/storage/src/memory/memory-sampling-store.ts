import type {
  SamplingStore,
  ServiceOperationProbabilities,
  ServiceOperationQps,
  Throughput,
  ThroughputBucket,
} from '../sampling-store.js';

/** Sampling data held in memory; bounded because only a window of buckets is ever read back. */
export class MemorySamplingStore implements SamplingStore {
  private readonly buckets: ThroughputBucket[] = [];
  private latest: { timestamp: number; probabilities: ServiceOperationProbabilities } | undefined;

  constructor(private readonly maxBuckets = 10_000) {}

  async insertThroughput(timestamp: number, throughput: readonly Throughput[]): Promise<void> {
    this.buckets.push({ timestamp, throughput: structuredClone([...throughput]) });
    this.buckets.sort((a, b) => a.timestamp - b.timestamp);
    if (this.buckets.length > this.maxBuckets) this.buckets.splice(0, this.buckets.length - this.maxBuckets);
  }

  async getThroughput(start: number, end: number): Promise<ThroughputBucket[]> {
    return structuredClone(this.buckets.filter((bucket) => bucket.timestamp >= start && bucket.timestamp <= end));
  }

  async insertProbabilitiesAndQps(
    timestamp: number,
    _hostname: string,
    probabilities: ServiceOperationProbabilities,
    _qps: ServiceOperationQps,
  ): Promise<void> {
    if (this.latest === undefined || timestamp >= this.latest.timestamp) {
      this.latest = { timestamp, probabilities: structuredClone(probabilities) };
    }
  }

  async getLatestProbabilities(): Promise<ServiceOperationProbabilities> {
    return structuredClone(this.latest?.probabilities ?? {});
  }
}
