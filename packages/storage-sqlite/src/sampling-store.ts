import type Database from 'better-sqlite3';
import type {
  SamplingStore,
  ServiceOperationProbabilities,
  ServiceOperationQps,
  Throughput,
  ThroughputBucket,
} from '@skein/storage';

/** Adaptive-sampling data in two small tables; writes go through the writer connection. */
export class SqliteSamplingStore implements SamplingStore {
  private readonly insertThroughputRow: Database.Statement<[number, string], unknown>;
  private readonly throughputBetween: Database.Statement<[number, number], { timestamp: number; throughput: string }>;
  private readonly insertProbabilities: Database.Statement<[number, string, string, string], unknown>;
  private readonly latestProbabilities: Database.Statement<[], string>;

  constructor(
    writer: Database.Database,
    reader: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.insertThroughputRow = writer.prepare('INSERT INTO sampling_throughput (timestamp, throughput) VALUES (?, ?)');
    this.throughputBetween = reader.prepare(
      'SELECT timestamp, throughput FROM sampling_throughput WHERE timestamp BETWEEN ? AND ? ORDER BY timestamp, rowid',
    );
    this.insertProbabilities = writer.prepare(
      'INSERT INTO sampling_probabilities (timestamp, hostname, probabilities, qps) VALUES (?, ?, ?, ?)',
    );
    this.latestProbabilities = reader
      .prepare<[], string>('SELECT probabilities FROM sampling_probabilities ORDER BY timestamp DESC, rowid DESC LIMIT 1')
      .pluck();
  }

  async insertThroughput(timestamp: number, throughput: readonly Throughput[]): Promise<void> {
    this.assertOpen();
    this.insertThroughputRow.run(timestamp, JSON.stringify(throughput));
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
    this.insertProbabilities.run(timestamp, hostname, JSON.stringify(probabilities), JSON.stringify(qps));
  }

  async getLatestProbabilities(): Promise<ServiceOperationProbabilities> {
    this.assertOpen();
    const latest = this.latestProbabilities.get();
    return latest === undefined ? {} : (JSON.parse(latest) as ServiceOperationProbabilities);
  }
}
