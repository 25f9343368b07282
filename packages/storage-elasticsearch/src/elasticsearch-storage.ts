import {
  StorageClosedError,
  StorageError,
  type ArchiveSpanReader,
  type DependencyReader,
  type DependencyWriter,
  type SpanReader,
  type SpanMetricsReader,
  type SpanMetricsWriter,
  type SpanWriter,
  type StorageCapabilities,
  type StorageFactory,
} from '@skein/storage';
import { ElasticsearchArchive } from './archive.js';
import { BulkIndexer } from './bulk/bulk-indexer.js';
import { createSearchTransport } from './client/create-transport.js';
import type { SearchTransport } from './client/transport.js';
import type { ElasticsearchConfig } from './config.js';
import { ElasticsearchDependencyReader, ElasticsearchDependencyWriter } from './dependency-store.js';
import { ElasticsearchSpanMetricsStore } from './span-metrics-store.js';
import { IndexNames } from './index-names.js';
import { indexTemplates } from './mappings.js';
import { ElasticsearchSpanReader } from './read/span-reader.js';
import { TraceFetcher } from './read/trace-fetcher.js';
import { TraceLocator } from './read/trace-locator.js';
import { TraceSummaryReader } from './read/trace-summaries.js';
import type { TagFieldPolicy } from './span-document.js';
import { installTemplates } from './templates-installer.js';
import { RecentKeys } from './write/bounded-cache.js';
import { ElasticsearchSpanWriter } from './write/span-writer.js';

/** Jaeger's service cache keeps an entry 12 h; a day-old entry would miss the next daily index anyway. */
const WRITE_CACHE_MAX_AGE_MS = 12 * 3_600_000;

export interface CreateElasticsearchStorageOptions {
  /** Use this transport instead of creating a client (tests, benchmarks). It is closed by `close()`. */
  transport?: SearchTransport;
  /** The archive's cluster (`--es-archive.*`); omitted: no archive. */
  archive?: ElasticsearchConfig;
}

/**
 * Elasticsearch (7.17, 8, 9) or OpenSearch (1–3) storage in Jaeger's layout. Installs the index templates unless
 * `createIndexTemplates` is false; with `useAliases` the `es-rollover init` tool must have created the aliases.
 */
export async function createElasticsearchStorage(
  config: ElasticsearchConfig,
  options: CreateElasticsearchStorageOptions = {},
): Promise<ElasticsearchStorage> {
  const transport = options.transport ?? createSearchTransport(config);
  const archiveTransport = options.archive ? createSearchTransport(options.archive) : undefined;
  try {
    if (config.createIndexTemplates) await installTemplates(transport, indexTemplates(config));
    // The archive index matches the span template's pattern, so the archive's cluster needs the templates too.
    if (options.archive?.createIndexTemplates) await installTemplates(archiveTransport!, indexTemplates(options.archive));
  } catch (error) {
    await transport.close();
    await archiveTransport?.close();
    throw error;
  }
  const archive = options.archive ? new ElasticsearchArchive(options.archive, archiveTransport!) : undefined;
  return new ElasticsearchStorage(config, transport, archive);
}

export class ElasticsearchStorage implements StorageFactory {
  readonly backend: string;
  readonly capabilities: StorageCapabilities;
  readonly names: IndexNames;
  private readonly bulk: BulkIndexer;
  private readonly tagFields: TagFieldPolicy;
  private readonly writtenServices: RecentKeys;
  private readonly writtenLocations: RecentKeys;
  private readonly locator: TraceLocator;
  private readonly fetcher: TraceFetcher;
  private readonly summaries: TraceSummaryReader;
  private closing: Promise<void> | undefined;

  constructor(
    readonly config: ElasticsearchConfig,
    readonly transport: SearchTransport,
    private readonly archive?: ElasticsearchArchive,
  ) {
    this.backend = config.flavor;
    this.capabilities = { dependencies: 'stored', archive: archive !== undefined, ttl: true, sampling: false, spanMetrics: true };
    this.names = new IndexNames(config);
    this.bulk = new BulkIndexer(transport, config.bulk);
    this.tagFields = {
      all: config.tagsAsFieldsAll,
      include: new Set(config.tagsAsFieldsInclude),
      dotReplacement: config.tagDotReplacement,
    };
    this.writtenServices = new RecentKeys(config.writeCacheSize, WRITE_CACHE_MAX_AGE_MS);
    this.writtenLocations = new RecentKeys(config.writeCacheSize, WRITE_CACHE_MAX_AGE_MS);
    this.locator = new TraceLocator(transport, this.names, config.useAliases, config.maxSpanAgeMs);
    this.fetcher = new TraceFetcher(transport);
    this.summaries = new TraceSummaryReader(transport, this.fetcher);
  }

  createSpanWriter(): SpanWriter {
    this.assertOpen();
    return new ElasticsearchSpanWriter({
      names: this.names,
      bulk: this.bulk,
      tagFields: this.tagFields,
      writtenServices: this.writtenServices,
      writtenLocations: this.writtenLocations,
    });
  }

  createSpanReader(): SpanReader {
    this.assertOpen();
    return new ElasticsearchSpanReader({
      transport: this.transport,
      names: this.names,
      tagFields: this.tagFields,
      locator: this.locator,
      fetcher: this.fetcher,
      summaries: this.summaries,
    });
  }

  createDependencyReader(): DependencyReader {
    this.assertOpen();
    return new ElasticsearchDependencyReader(this.transport, this.names);
  }

  createDependencyWriter(): DependencyWriter {
    this.assertOpen();
    return new ElasticsearchDependencyWriter(this.names, this.bulk);
  }

  createSpanMetricsWriter(): SpanMetricsWriter {
    return this.spanMetricsStore();
  }

  createSpanMetricsReader(): SpanMetricsReader {
    return this.spanMetricsStore();
  }

  private spanMetricsStore(): ElasticsearchSpanMetricsStore {
    this.assertOpen();
    return new ElasticsearchSpanMetricsStore(this.transport, this.names, this.bulk);
  }

  createArchiveSpanWriter(): SpanWriter {
    return this.archiveStore().writer();
  }

  createArchiveSpanReader(): ArchiveSpanReader {
    return this.archiveStore().reader();
  }

  /** How trace summaries are computed: in the cluster, or from whole traces where it refuses Painless scripts. */
  get summaryMode(): 'cluster' | 'whole-traces' {
    return this.summaries.mode;
  }

  /** Makes every acknowledged write visible to searches now, instead of after the refresh interval (tests, tools). */
  async refresh(): Promise<void> {
    const targets = [this.names.pattern('span'), this.names.pattern('service'), this.names.pattern('dependencies'), this.names.traceLocationIndex(), `${this.names.spanMetricsBase()}-*`];
    await this.transport.request({
      method: 'POST',
      path: `/${targets.map(encodeURIComponent).join(',')}/_refresh`,
      querystring: { ignore_unavailable: true, allow_no_indices: true },
    });
    if (this.archive) {
      await this.archive.transport.request({
        method: 'POST',
        path: `/${encodeURIComponent(this.archive.target('read'))}/_refresh`,
        querystring: { ignore_unavailable: true, allow_no_indices: true },
      });
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.bulk.close();
      } finally {
        await this.transport.close();
        await this.archive?.close();
      }
    })();
    return this.closing;
  }

  private archiveStore(): ElasticsearchArchive {
    this.assertOpen();
    if (!this.archive) throw new StorageError(`${this.backend} storage has no archive: set --es-archive.enabled=true`);
    return this.archive;
  }

  private assertOpen(): void {
    if (this.closing) throw new StorageClosedError(this.backend);
  }
}
