import Database from 'better-sqlite3';
import type { Span } from '@skein/model';
import {
  StorageClosedError,
  StorageError,
  type ArchiveSpanReader,
  type DependencyReader,
  type SamplingStore,
  type SpanMetricsReader,
  type SpanMetricsWriter,
  type SpanReader,
  type SpanWriter,
  type StorageCapabilities,
  type StorageFactory,
} from '@skein/storage';
import { SqliteDependencyReader } from './dependency-reader.js';
import { usedBytesOf, type RetentionPolicy, type SweepResult } from './retention.js';
import { SqliteSamplingStore } from './sampling-store.js';
import { SqliteSpanMetricsStore } from './span-metrics-store.js';
import { planSpans, type PlannedBatch } from './span-plan.js';
import { SqliteSpanReader } from './span-reader.js';
import { openWriterConnection } from './sqlite-writer.js';
import { TraceChunkReader } from './trace-chunks.js';
import { InProcessWriter, ThreadWriter, type WriterClient } from './writer-client.js';
import type { WriterSettings } from './writer-requests.js';

export interface SqliteStorageOptions {
  /** The database file; created with its directory's permissions when missing. */
  path: string;
  /**
   * `NORMAL` (default): a resolved write survives a crash of the process, not necessarily of the machine (the WAL is
   * fsynced at checkpoints, not at every commit). `FULL`: fsync at every commit, so it survives power loss too.
   */
  synchronous?: 'NORMAL' | 'FULL';
  retention?: RetentionPolicy & {
    /** How often the sweep runs; default one minute. */
    sweepIntervalMs?: number;
  };
  /** Page cache per connection, MiB; default 64. */
  cacheSizeMiB?: number;
  /** Called when a background retention sweep fails; default: `process.emitWarning`. */
  onBackgroundError?: (error: Error) => void;
  /**
   * The archive's own file (`POST /api/archive/{id}` copies traces there): never swept by retention and fsynced at
   * every commit. Omitted: no archive.
   */
  archivePath?: string;
  /**
   * Whether writes run on a thread of their own (default) or on the caller's, holding its event loop for each
   * commit. The archive, written rarely, uses the caller's.
   */
  writerThread?: boolean;
  /** Clock for retention, µs since the epoch; for tests. */
  nowMicros?: () => number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * The embedded store: one SQLite file in WAL mode, one writer connection (on a thread of its own by default, see
 * writer-client.ts) and one read-only reader connection on the caller's thread. Only one process may write a file
 * at a time.
 */
export class SqliteStorage implements StorageFactory {
  readonly backend = 'sqlite';
  readonly capabilities: StorageCapabilities;
  private readonly writer: WriterClient;
  private readonly readerDb: Database.Database;
  private readonly reader: SqliteSpanReader;
  private readonly dependencyReader: SqliteDependencyReader;
  private readonly samplingStore: SqliteSamplingStore;
  private readonly spanMetricsStore: SqliteSpanMetricsStore;
  private readonly sweepTimer: NodeJS.Timeout | undefined;
  private readonly archive: SqliteStorage | undefined;
  private closed = false;

  constructor(private readonly options: SqliteStorageOptions) {
    const settings: WriterSettings = { path: options.path, synchronous: options.synchronous ?? 'NORMAL', cacheSizeMiB: options.cacheSizeMiB ?? 64 };
    try {
      if (options.writerThread === false) {
        this.writer = new InProcessWriter(settings);
      } else {
        // Here rather than in the thread, so that a file that cannot be opened or has another schema fails the open.
        openWriterConnection(settings).close();
        this.writer = new ThreadWriter(settings);
      }
      this.readerDb = new Database(options.path, { readonly: true, fileMustExist: true });
      this.readerDb.pragma(`cache_size = ${-1024 * settings.cacheSizeMiB}`);
      this.readerDb.pragma('mmap_size = 268435456');
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`cannot open SQLite storage at ${options.path}`, { cause: error });
    }
    const assertOpen = (): void => this.assertOpen();
    this.reader = new SqliteSpanReader(this.readerDb, assertOpen);
    this.dependencyReader = new SqliteDependencyReader(this.readerDb, new TraceChunkReader(this.readerDb), assertOpen);
    this.samplingStore = new SqliteSamplingStore(this.writer, this.readerDb, assertOpen);
    this.spanMetricsStore = new SqliteSpanMetricsStore(this.writer, this.readerDb, assertOpen);
    const retention = options.retention;
    const hasRetention = retention?.maxAgeMicros !== undefined || retention?.maxBytes !== undefined;
    this.archive =
      options.archivePath === undefined ? undefined : new SqliteStorage({ path: options.archivePath, synchronous: 'FULL', writerThread: false });
    this.capabilities = { dependencies: 'computed-on-read', archive: this.archive !== undefined, ttl: hasRetention, sampling: true, spanMetrics: true };
    if (hasRetention) {
      this.sweepTimer = setInterval(() => void this.backgroundSweep(), retention?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
      this.sweepTimer.unref();
    }
  }

  createSpanWriter(): SpanWriter {
    return {
      // Resolves once the batch is committed to the WAL.
      writeSpans: async (spans: readonly Span[]) => {
        if (spans.length > 0) await this.writePlannedSpans(planSpans(spans));
        else this.assertOpen();
      },
    };
  }

  /**
   * Writes spans that `planSpans` planned elsewhere (the all-in-one's ingest threads plan them where they decode);
   * resolves once the batch is committed to the WAL, as `writeSpans`.
   */
  async writePlannedSpans(batch: PlannedBatch): Promise<void> {
    this.assertOpen();
    await this.writer.send({ op: 'spans', spans: batch });
  }

  createSpanReader(): SpanReader {
    return this.reader;
  }

  createDependencyReader(): DependencyReader {
    return this.dependencyReader;
  }

  createArchiveSpanWriter(): SpanWriter {
    return this.archiveStore().createSpanWriter();
  }

  createArchiveSpanReader(): ArchiveSpanReader {
    return this.archiveStore().createSpanReader();
  }

  createSamplingStore(): SamplingStore {
    return this.samplingStore;
  }

  createSpanMetricsWriter(): SpanMetricsWriter {
    return this.spanMetricsStore;
  }

  createSpanMetricsReader(): SpanMetricsReader {
    return this.spanMetricsStore;
  }

  /** Runs the retention policy now (also what the periodic timer does). */
  async sweep(): Promise<SweepResult> {
    this.assertOpen();
    const policy = this.options.retention ?? {};
    const nowMicros = this.options.nowMicros?.() ?? Date.now() * 1000;
    return this.writer.send({ op: 'sweep', policy: { maxAgeMicros: policy.maxAgeMicros, maxBytes: policy.maxBytes }, nowMicros });
  }

  /** Bytes held by live pages of the file (excludes the WAL and free pages). */
  usedBytes(): number {
    this.assertOpen();
    return usedBytesOf(this.readerDb);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.readerDb.close();
    await this.writer.close();
    await this.archive?.close();
  }

  private archiveStore(): SqliteStorage {
    if (!this.archive) throw new StorageError(`SQLite storage at ${this.options.path} was opened without an archive file`);
    return this.archive;
  }

  private async backgroundSweep(): Promise<void> {
    if (this.closed) return;
    try {
      await this.sweep();
    } catch (error) {
      const wrapped = new StorageError(`retention sweep of ${this.options.path} failed`, { cause: error });
      if (this.options.onBackgroundError) this.options.onBackgroundError(wrapped);
      else process.emitWarning(wrapped);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError(`${this.backend} (${this.options.path})`);
  }
}

/** Opens (creating when needed) the SQLite store at `options.path`. */
export function openSqliteStorage(options: SqliteStorageOptions): SqliteStorage {
  return new SqliteStorage(options);
}
