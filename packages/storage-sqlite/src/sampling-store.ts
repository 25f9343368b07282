import type Database from 'better-sqlite3';
import type {
  SamplingStore,
  ServiceOperationProbabilities,
  ServiceOperationQps,
  Throughput,
  ThroughputBucket,
} from '@skein/storage';
import type { WriterClient } from './writer-client.js';

/** Adaptive-sampling data in two small tables; writes go through the store's writer. */
export class SqliteSamplingStore implements SamplingStore {
  private readonly throughputBetween: Database.Statement<[number, number], { timestamp: number; throughput: string }>;
  private readonly latestProbabilities: Database.Statement<[], string>;

  constructor(
    private readonly writer: WriterClient,
    reader: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.throughputBetween = reader.prepare(
      'SELECT timestamp, throughput FROM sampling_throughput WHERE timestamp BETWEEN ? AND ? ORDER BY timestamp, rowid',
    );
    this.latestProbabilities = reader
      .prepare<[], string>('SELECT probabilities FROM sampling_probabilities ORDER BY timestamp DESC, rowid DESC LIMIT 1')
      .pluck();
  }

  async insertThroughput(timestamp: number, throughput: readonly Throughput[]): Promise<void> {
    this.assertOpen();
    await this.writer.send({ op: 'throughput', timestamp, throughput: JSON.stringify(throughput) });
  }

  async getThroughput(start: number, end: number): Promise<ThroughputBucket[]> {
    this.assertOpen();
    return this.throughputBetween.all(start, end).map((row) => ({
      timestamp: row.timestamp,
      throughput: JSON.parse(row.throughput) as Throughput[],
    }));
  }

  async insertProbabilitiesAndQps(
    timestamp: number,
    hostname: string,
    probabilities: ServiceOperationProbabilities,
    qps: ServiceOperationQps,
  ): Promise<void> {
    this.assertOpen();
    await this.writer.send({ op: 'probabilities', timestamp, hostname, probabilities: JSON.stringify(probabilities), qps: JSON.stringify(qps) });
  }

  async getLatestProbabilities(): Promise<ServiceOperationProbabilities> {
    this.assertOpen();
    const latest = this.latestProbabilities.get();
    return latest === undefined ? {} : (JSON.parse(latest) as ServiceOperationProbabilities);
  }
}
