import type { Client } from 'cassandra-driver';
import {
  StorageClosedError,
  type ArchiveSpanReader,
  StorageError,
  type DependencyReader,
  type DependencyWriter,
  type SamplingStore,
  type SpanMetricsReader,
  type SpanMetricsWriter,
  type SpanReader,
  type SpanWriter,
  type StorageCapabilities,
  type StorageFactory,
} from '@skein/storage';
import { contactPoints, type CassandraConnectionConfig } from '../connection-options.js';
import { cassandraClient } from '../schema/apply.js';
import { CassandraDependencyStore } from './dependency-store.js';
import { INDEX_ALL, type TagIndexFilter } from './index-rows.js';
import { CassandraSamplingStore } from './sampling-store.js';
import { CassandraSpanMetricsStore } from './span-metrics-store.js';
import { CassandraSpanReader } from './span-reader.js';
import { CassandraSpanWriter } from './span-writer.js';

export interface CassandraStorageOptions {
  connection: CassandraConnectionConfig;
  keyspace: string;
  tagIndex?: TagIndexFilter;
  /** Statements in flight per written batch; default 64. */
  writeConcurrency?: number;
  /** How long a written service or operation name is not written again; default 12 h (Jaeger's). */
  nameCacheTtlMs?: number;
  onTagIndexSkipped?: (count: number) => void;
  /**
   * Tag rows in `tag_index_hourly` (hourly partitions) instead of Jaeger's `tag_index`, whose partitions for common
   * values grow for the whole TTL (jaeger#3028). Off by default: Jaeger's reader does not search that table.
   */
  tagIndexHourly?: boolean;
  /**
   * Archive storage (`POST /api/archive/{id}`): another keyspace, created by the schema tool with `TRACE_TTL=0` so
   * that archived traces do not expire; on the same cluster unless `connection` says otherwise.
   */
  archive?: { keyspace: string; connection?: CassandraConnectionConfig };
}

/** Tables the store reads and writes; a keyspace without them was not created by a schema tool. */
const REQUIRED_TABLES = ['traces', 'service_names', 'operation_names_v2', 'service_name_index', 'service_operation_index', 'tag_index', 'duration_index', 'dependencies_v2', 'operation_throughput', 'sampling_probabilities'];

/** Spans in Jaeger's v004 keyspace on Cassandra. */
export class CassandraStorage implements StorageFactory {
  readonly backend = 'cassandra';
  readonly capabilities: StorageCapabilities;
  private readonly writer: CassandraSpanWriter;
  private readonly reader: CassandraSpanReader;
  private readonly dependencies: CassandraDependencyStore;
  private readonly sampling: CassandraSamplingStore;
  private readonly spanMetrics: CassandraSpanMetricsStore;
  private closed = false;

  private constructor(
    private readonly client: Client,
    options: CassandraStorageOptions,
    private readonly archive: CassandraStorage | undefined,
    hasSpanMetricsTable: boolean,
  ) {
    // A keyspace made by Jaeger's own script has no metrics table; `skein cassandra-schema apply` adds it.
    this.capabilities = { dependencies: 'stored', archive: archive !== undefined, ttl: true, sampling: true, spanMetrics: hasSpanMetricsTable };
    this.writer = new CassandraSpanWriter(client, {
      filter: options.tagIndex ?? INDEX_ALL,
      concurrency: options.writeConcurrency ?? 64,
      nameCacheTtlMs: options.nameCacheTtlMs ?? 12 * 3_600_000,
      ...(options.onTagIndexSkipped ? { onTagIndexSkipped: options.onTagIndexSkipped } : {}),
      tagIndexHourly: options.tagIndexHourly ?? false,
    });
    this.reader = new CassandraSpanReader(client, options.tagIndexHourly ?? false);
    this.dependencies = new CassandraDependencyStore(client);
    this.sampling = new CassandraSamplingStore(client);
    this.spanMetrics = new CassandraSpanMetricsStore(client);
  }

  /** Connects and checks that the keyspace has Jaeger's tables, saying how to create them when it has not. */
  static async open(options: CassandraStorageOptions): Promise<CassandraStorage> {
    const client = await cassandraClient(options.connection, undefined);
    let hasSpanMetricsTable = false;
    const where = `Cassandra at ${contactPoints(options.connection).join(', ')}`;
    try {
      await client.connect();
      const tables = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [options.keyspace], { prepare: true });
      const present = new Set(tables.rows.map((row) => String(row['table_name'])));
      const missing = [...REQUIRED_TABLES, ...(options.tagIndexHourly ? ['tag_index_hourly'] : [])].filter((table) => !present.has(table));
      if (missing.length > 0) {
        throw new StorageError(
          present.size === 0
            ? `keyspace ${options.keyspace} does not exist in ${where}: create it with \`MODE=prod DATACENTER=<dc> KEYSPACE=${options.keyspace} skein cassandra-schema apply\``
            : `keyspace ${options.keyspace} in ${where} lacks the tables ${missing.join(', ')}: apply the schema with \`${options.tagIndexHourly ? 'TAG_INDEX_HOURLY=true ' : ''}skein cassandra-schema apply\``,
        );
      }
      hasSpanMetricsTable = present.has('skein_span_metrics');
      await client.execute(`USE ${options.keyspace}`);
    } catch (error) {
      await client.shutdown().catch(() => undefined);
      if (error instanceof StorageError) throw error;
      throw new StorageError(`cannot open Cassandra storage (keyspace ${options.keyspace}, ${where}): ${(error as Error).message}`, { cause: error });
    }
    let archive: CassandraStorage | undefined;
    if (options.archive) {
      try {
        archive = await CassandraStorage.open({ ...options, connection: options.archive.connection ?? options.connection, keyspace: options.archive.keyspace, archive: undefined });
      } catch (error) {
        await client.shutdown().catch(() => undefined);
        throw new StorageError(`cannot open the Cassandra archive: ${(error as Error).message}`, { cause: error });
      }
    }
    return new CassandraStorage(client, options, archive, hasSpanMetricsTable);
  }

  createSpanWriter(): SpanWriter {
    return { writeSpans: async (spans) => (this.assertOpen(), this.writer.writeSpans(spans)) };
  }

  createSpanReader(): SpanReader {
    const open = (): void => this.assertOpen();
    const reader = this.reader;
    return {
      getServices: async () => (open(), reader.getServices()),
      getOperations: async (params) => (open(), reader.getOperations(params)),
      getTrace: async (traceId) => (open(), reader.getTrace(traceId)),
      findTraceIds: async (query) => (open(), reader.findTraceIds(query)),
      findTraces: async (query) => (open(), reader.findTraces(query)),
      findTraceSummaries: async (query) => (open(), reader.findTraceSummaries(query)),
    };
  }

  createDependencyReader(): DependencyReader {
    return { getDependencies: async (endTs, lookback) => (this.assertOpen(), this.dependencies.getDependencies(endTs, lookback)) };
  }

  createDependencyWriter(): DependencyWriter {
    return { writeDependencies: async (timestamp, links) => (this.assertOpen(), this.dependencies.writeDependencies(timestamp, links)) };
  }

  createSpanMetricsWriter(): SpanMetricsWriter {
    return { writeSpanMetrics: async (rows) => (this.assertOpen(), this.spanMetrics.writeSpanMetrics(rows)) };
  }

  createSpanMetricsReader(): SpanMetricsReader {
    return { readSpanMetrics: async (range) => (this.assertOpen(), this.spanMetrics.readSpanMetrics(range)) };
  }

  createArchiveSpanWriter(): SpanWriter {
    return this.archiveStore().createSpanWriter();
  }

  createArchiveSpanReader(): ArchiveSpanReader {
    return this.archiveStore().createSpanReader();
  }

  createSamplingStore(): SamplingStore {
    const open = (): void => this.assertOpen();
    const store = this.sampling;
    return {
      insertThroughput: async (timestamp, throughput) => (open(), store.insertThroughput(timestamp, throughput)),
      getThroughput: async (start, end) => (open(), store.getThroughput(start, end)),
      insertProbabilitiesAndQps: async (timestamp, hostname, probabilities, qps) => (open(), store.insertProbabilitiesAndQps(timestamp, hostname, probabilities, qps)),
      getLatestProbabilities: async () => (open(), store.getLatestProbabilities()),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.shutdown();
    await this.archive?.close();
  }

  private archiveStore(): CassandraStorage {
    if (!this.archive) throw new StorageError('Cassandra storage was opened without an archive keyspace (--cassandra-archive.enabled)');
    return this.archive;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError('cassandra');
  }
}
