import type { Client } from 'cassandra-driver';
import cassandra from 'cassandra-driver';
import { type SamplingStore, type ServiceOperationProbabilities, type ServiceOperationQps, type Throughput, type ThroughputBucket } from '@skein/storage';
import { readCsv, writeCsv } from './csv.js';
import { execute } from './execute.js';

const INSERT_THROUGHPUT = 'INSERT INTO operation_throughput (bucket, ts, throughput) VALUES (?, ?, ?)';
const SELECT_THROUGHPUT = 'SELECT ts, throughput FROM operation_throughput WHERE bucket IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9) AND ts >= minTimeuuid(?) AND ts <= maxTimeuuid(?)';
const INSERT_PROBABILITIES = 'INSERT INTO sampling_probabilities (bucket, ts, hostname, probabilities) VALUES (?, ?, ?, ?)';
/** Jaeger writes every probabilities row to bucket 1 and reads the newest (`ts` sorts descending). */
const SELECT_LATEST_PROBABILITIES = 'SELECT probabilities FROM sampling_probabilities WHERE bucket = 1 LIMIT 1';
const PROBABILITIES_BUCKET = 1;
const THROUGHPUT_BUCKETS = 10;

const { TimeUuid } = cassandra.types;

/** A µs timestamp as a time UUID (100 ns ticks; random node and clock, so equal times stay apart). */
function timeUuidOf(micros: number): cassandra.types.TimeUuid {
  return TimeUuid.fromDate(new Date(Math.floor(micros / 1000)), (micros % 1000) * 10);
}

function microsOf(uuid: cassandra.types.TimeUuid): number {
  const { date, ticks } = uuid.getDatePrecision();
  return date.getTime() * 1000 + Math.floor(ticks / 10);
}

/**
 * Adaptive sampling's tables as Jaeger's Cassandra sampling store uses them: throughput as CSV rows
 * (service, operation, count, probabilities joined by commas) spread over 10 buckets, probabilities and QPS as CSV
 * rows (service, operation, probability, qps) in bucket 1, newest first.
 */
export class CassandraSamplingStore implements SamplingStore {
  private nextBucket = 0;

  constructor(private readonly client: Client) {}

  async insertThroughput(timestamp: number, throughput: readonly Throughput[]): Promise<void> {
    const text = writeCsv(throughput.map((t) => [t.service, t.operation, String(t.count), t.probabilities.join(',')]));
    this.nextBucket = (this.nextBucket + 1) % THROUGHPUT_BUCKETS;
    await execute(this.client, INSERT_THROUGHPUT, [this.nextBucket, timeUuidOf(timestamp), text], 'writing sampling throughput');
  }

  async getThroughput(start: number, end: number): Promise<ThroughputBucket[]> {
    const result = await execute(this.client, SELECT_THROUGHPUT, [new Date(Math.floor(start / 1000)), new Date(Math.ceil(end / 1000))], 'reading sampling throughput');
    return result.rows
      .map((row) => ({ timestamp: microsOf(row['ts'] as cassandra.types.TimeUuid), throughput: parseThroughput(String(row['throughput'] ?? '')) }))
      .filter((bucket) => bucket.timestamp >= start && bucket.timestamp <= end)
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  async insertProbabilitiesAndQps(timestamp: number, hostname: string, probabilities: ServiceOperationProbabilities, qps: ServiceOperationQps): Promise<void> {
    const records: string[][] = [];
    for (const [service, operations] of Object.entries(probabilities)) {
      for (const [operation, probability] of Object.entries(operations)) records.push([service, operation, String(probability), String(qps[service]?.[operation] ?? 0)]);
    }
    await execute(this.client, INSERT_PROBABILITIES, [PROBABILITIES_BUCKET, timeUuidOf(timestamp), hostname, writeCsv(records)], 'writing sampling probabilities');
  }

  async getLatestProbabilities(): Promise<ServiceOperationProbabilities> {
    const row = (await execute(this.client, SELECT_LATEST_PROBABILITIES, [], 'reading sampling probabilities')).rows[0];
    const probabilities: ServiceOperationProbabilities = {};
    for (const fields of readCsv(String(row?.['probabilities'] ?? ''))) {
      const probability = Number(fields[2]);
      if (fields.length !== 4 || !Number.isFinite(probability)) continue;
      (probabilities[fields[0]!] ??= {})[fields[1]!] = probability;
    }
    return probabilities;
  }

}

/** Rows that are not four fields with a whole count are skipped, as Jaeger skips them. */
function parseThroughput(text: string): Throughput[] {
  return readCsv(text)
    .filter((fields) => fields.length === 4 && /^-?\d+$/.test(fields[2]!))
    .map(([service, operation, count, probabilities]) => ({ service: service!, operation: operation!, count: Number(count), probabilities: probabilities!.split(',').filter(Boolean) }));
}
