import { createSamplingHttpServer, startCollector, type CollectorConfig, type StrategyStore } from '@skein/collector';
import { archiveStorageOf, spanMetricsReaderOf, querySecurityFrom, startQueryService, type UiConfig } from '@skein/query';
import { startAdminServer, type HealthRegistry, type HostPort, type Logger, type Registry } from '@skein/runtime';
import { openTraceLogReader, type SpanMetricsPipeline } from '@skein/storage-backends';
import type { AllInOneConfig } from './options.js';
import type { ThreadedStore } from './ingest-threads/open.js';
import { collectorWriterFor, type SharedStorage } from './shared-storage.js';

/** Bound address of every listener, by name: the collector's receiver names, `sampling-http`, `query`, `admin`. */
export type ListenerAddresses = Record<string, HostPort>;

/** One started piece of the all-in-one: what it listens on and how to stop it. */
export interface StartedPart {
  readonly name: string;
  readonly addresses: ListenerAddresses;
  stop(): Promise<void>;
}

/** What every part shares: one store, one metrics registry, one health registry, one sampling strategy store. */
export interface SharedDeps {
  config: AllInOneConfig;
  storage: SharedStorage;
  metrics: Registry;
  health: HealthRegistry;
  strategies: StrategyStore;
  logger: Logger;
  staticFilesDir: string | undefined;
  uiConfig: UiConfig | undefined;
  /** Counts what the collector stored, for the Monitor tab; undefined when off or the store keeps none. */
  spanMetrics: SpanMetricsPipeline | undefined;
  /** The ingest threads (`--all-in-one.ingest-threads` above 1), which take the collector's spans themselves. */
  threaded: ThreadedStore | undefined;
}

export async function startQueryPart(deps: SharedDeps, hostPort: HostPort): Promise<StartedPart> {
  const { config, storage, staticFilesDir, uiConfig } = deps;
  const traceLogs = openTraceLogReader(config.spanStorageType, config);
  const query = await startQueryService({
    reader: storage.createSpanReader(),
    dependencyReader: storage.createDependencyReader(),
    archive: archiveStorageOf(storage),
    spanMetrics: spanMetricsReaderOf(storage),
    traceLogs,
    options: {
      hostPort,
      grpcHostPort: config.grpcHostPort ?? undefined,
      basePath: config.basePath,
      ...(staticFilesDir === undefined ? {} : { staticFilesDir }),
      ...(uiConfig === undefined ? {} : { uiConfig }),
      maxClockSkewAdjustmentMicros: config.maxClockSkewAdjustment,
      maxTraceSize: config.maxTraceSize,
      uiTraceCacheBytes: config.uiTraceCacheSize * 1024 * 1024,
      security: querySecurityFrom(config),
    },
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const addresses: ListenerAddresses = { query: query.address };
  if (query.grpcAddress) addresses['query-grpc'] = query.grpcAddress;
  const stop = async (): Promise<void> => {
    await query.stop();
    await traceLogs?.close();
  };
  return { name: 'query server', addresses, stop };
}

export async function startAdminPart(deps: SharedDeps, hostPort: HostPort): Promise<StartedPart> {
  const admin = await startAdminServer({ hostPort, metrics: deps.metrics, health: deps.health, logger: deps.logger });
  return { name: 'admin server', addresses: { admin: admin.address }, stop: () => admin.close() };
}

/** Jaeger's agent-style sampling endpoint on 5778 (`GET /sampling?service=`, legacy `GET /?service=`). */
export async function startSamplingPart(deps: SharedDeps, hostPort: HostPort): Promise<StartedPart> {
  const server = createSamplingHttpServer({ hostPort, store: deps.strategies, logger: deps.logger });
  await server.start();
  return { name: 'sampling server', addresses: { 'sampling-http': server.address()! }, stop: () => server.stop() };
}

/** Every receiver → pipeline → bounded queue → the shared store. Its stop drains the queue into the store. */
export async function startCollectorPart(deps: SharedDeps): Promise<StartedPart> {
  const { config, storage } = deps;
  // The collector's own admin server is off (the all-in-one serves one for everything), so its host-port is unused.
  const collectorConfig: CollectorConfig = { ...config, spanStorageType: storage.backend, fastPath: false, adminHostPort: { host: '127.0.0.1', port: 0 } };
  const collector = await startCollector(collectorConfig, {
    logger: deps.logger,
    registry: deps.metrics,
    health: deps.health,
    writer: deps.threaded?.writer ?? collectorWriterFor(storage, deps.spanMetrics),
    ...(deps.threaded ? { ingest: deps.threaded.ingest } : {}),
    strategies: deps.strategies,
    adminServer: false,
  });
  return { name: 'collector', addresses: { ...collector.addresses }, stop: () => collector.stop() };
}
