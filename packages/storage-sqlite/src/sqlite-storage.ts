import Database from 'better-sqlite3';
import type { Span } from '@skein/model';
import {
  StorageClosedError,
  StorageError,
  type ArchiveSpanReader,
  type DependencyReader,
  type SamplingStore,
  type SpanReader,
  type SpanWriter,
  type StorageCapabilities,
  type StorageFactory,
} from '@skein/storage';
import { Catalog } from './catalog.js';
import { SqliteDependencyReader } from './dependency-reader.js';
import { RetentionSweeper, type RetentionPolicy, type SweepResult } from './retention.js';
import { SqliteSamplingStore } from './sampling-store.js';
import { ensureSchema } from './schema.js';
import { SqliteSpanReader } from './span-reader.js';
import { SpanBatchWriter } from './span-writer.js';
import { TraceChunkReader } from './trace-chunks.js';

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
  /** Clock for retention, µs since the epoch; for tests. */
  nowMicros?: () => number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * WAL pages before a commit checkpoints them into the file (SQLite's default is 1,000). With the default, a busy
 * store checkpoints on nearly every commit, again and again while readers hold older snapshots; at 16,384 (64 MiB,
 * as `journal_size_limit`) a page rewritten many times is copied once. All-in-one bench, 30 s on SQLite: 7,418–10,939
 * against 2,209 spans/s, 76–111 against 258 CPU-s per 1M spans (4,096 pages: 4,041 spans/s). Durability is the same:
 * it rests on the WAL, not on checkpoints.
 */
const WAL_CHECKPOINT_PAGES = 16_384;

/**
 * The embedded store: one SQLite file in WAL mode, one writer connection and one read-only reader connection.
 * Only one process may write a file at a time.
 */
export class SqliteStorage implements StorageFactory {
  readonly backend = 'sqlite';
  readonly capabilities: StorageCapabilities;
  private readonly writerDb: Database.Database;
  private readonly readerDb: Database.Database;
  private readonly batchWriter: SpanBatchWriter;
  private readonly catalog: Catalog;
  private readonly sweeper: RetentionSweeper;
  private readonly reader: SqliteSpanReader;
  private readonly dependencyReader: SqliteDependencyReader;
  private readonly samplingStore: SqliteSamplingStore;
  private readonly sweepTimer: NodeJS.Timeout | undefined;
  private readonly archive: SqliteStorage | undefined;
  private closed = false;

  constructor(private readonly options: SqliteStorageOptions) {
    const cachePages = -1024 * (options.cacheSizeMiB ?? 64);
    try {
      this.writerDb = new Database(options.path);
      this.writerDb.pragma('journal_mode = WAL');
      this.writerDb.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      this.writerDb.pragma(`cache_size = ${cachePages}`);
      this.writerDb.pragma('temp_store = MEMORY');
      this.writerDb.pragma('journal_size_limit = 67108864');
      this.writerDb.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      ensureSchema(this.writerDb, options.path);
      this.readerDb = new Database(options.path, { readonly: true, fileMustExist: true });
      this.readerDb.pragma(`cache_size = ${cachePages}`);
      this.readerDb.pragma('mmap_size = 268435456');
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`cannot open SQLite storage at ${options.path}`, { cause: error });
    }
    const assertOpen = (): void => this.assertOpen();
    this.catalog = new Catalog(this.writerDb);
    this.batchWriter = new SpanBatchWriter(this.writerDb, this.catalog, options.path);
    this.sweeper = new RetentionSweeper(this.writerDb);
    this.reader = new SqliteSpanReader(this.readerDb, assertOpen);
    this.dependencyReader = new SqliteDependencyReader(this.readerDb, new TraceChunkReader(this.readerDb), assertOpen);
    this.samplingStore = new SqliteSamplingStore(this.writerDb, this.readerDb, assertOpen);
    const retention = options.retention;
    const hasRetention = retention?.maxAgeMicros !== undefined || retention?.maxBytes !== undefined;
    this.archive = options.archivePath === undefined ? undefined : new SqliteStorage({ path: options.archivePath, synchronous: 'FULL' });
    this.capabilities = { dependencies: 'computed-on-read', archive: this.archive !== undefined, ttl: hasRetention, sampling: true };
    if (hasRetention) {
      this.sweepTimer = setInterval(() => this.backgroundSweep(), retention?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
      this.sweepTimer.unref();
    }
  }

  createSpanWriter(): SpanWriter {
    return {
      // better-sqlite3 is synchronous: by the time this resolves the batch is committed to the WAL.
      writeSpans: async (spans: readonly Span[]) => {
        this.assertOpen();
        this.batchWriter.write(spans);
      },
    };
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

  /** Runs the retention policy now (also what the periodic timer does). */
  sweep(): SweepResult {
    this.assertOpen();
    const policy = this.options.retention ?? {};
    const now = this.options.nowMicros?.() ?? Date.now() * 1000;
    try {
      return this.sweeper.sweep(policy, now);
    } finally {
      this.catalog.reload();
    }
  }

  /** Bytes held by live pages of the file (excludes the WAL and free pages). */
  usedBytes(): number {
    this.assertOpen();
    return this.sweeper.usedBytes();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.readerDb.close();
    // Folds the WAL into the main file so the next open starts clean.
    this.writerDb.pragma('wal_checkpoint(TRUNCATE)');
    this.writerDb.close();
    await this.archive?.close();
  }

  private archiveStore(): SqliteStorage {
    if (!this.archive) throw new StorageError(`SQLite storage at ${this.options.path} was opened without an archive file`);
    return this.archive;
  }

  private backgroundSweep(): void {
    if (this.closed) return;
    try {
      this.sweep();
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
