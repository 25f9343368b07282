/** How many root spans of one operation a collector saw during one bucket, for adaptive sampling. */
export interface Throughput {
  service: string;
  operation: string;
  count: number;
  /** The sampling probabilities in effect while counting (Jaeger keeps them as strings). */
  probabilities: string[];
}

/** Sampling probability per service, then per operation. */
export type ServiceOperationProbabilities = Record<string, Record<string, number>>;

/** Queries per second per service, then per operation. */
export type ServiceOperationQps = Record<string, Record<string, number>>;

/** One throughput bucket as stored: the counts plus the time (µs) the bucket was written for. */
export interface ThroughputBucket {
  timestamp: number;
  throughput: Throughput[];
}

/**
 * What Jaeger's adaptive sampling keeps in storage: throughput buckets reported by collectors, and the
 * probabilities the leader computed from them. Times are microseconds.
 */
export interface SamplingStore {
  insertThroughput(timestamp: number, throughput: readonly Throughput[]): Promise<void>;
  /** Buckets with `start ≤ timestamp ≤ end`, oldest first. */
  getThroughput(start: number, end: number): Promise<ThroughputBucket[]>;
  insertProbabilitiesAndQps(
    timestamp: number,
    hostname: string,
    probabilities: ServiceOperationProbabilities,
    qps: ServiceOperationQps,
  ): Promise<void>;
  /** The probabilities of the latest insert (by timestamp), or `{}` when there is none. */
  getLatestProbabilities(): Promise<ServiceOperationProbabilities>;
}
