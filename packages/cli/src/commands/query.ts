import {
  ConfigError,
  createLogger,
  createMetricsRegistry,
  GracefulShutdown,
  HealthRegistry,
  loadConfig,
  startAdminServer,
  commonOptions,
} from '@skein/runtime';
import { archiveStorageOf, spanMetricsReaderOf, querySecurityFrom, loadUiConfig, locateUiBuild, queryOptions, startQueryService } from '@skein/query';
import { openStorage, openTraceLogReader, spanStorageTypeOption, STORAGE_TYPES, storageOptions, traceLogsOptions } from '@skein/storage-backends';
import type { SkeinCommand } from './command.js';

const ADMIN_PORT = 16687;

/** What `skein query` reads: the query service's options, then which store and that store's options. */
export const queryCommandOptions = {
  ...queryOptions,
  ...traceLogsOptions,
  spanStorageType: spanStorageTypeOption(STORAGE_TYPES, 'sqlite'),
  ...storageOptions(),
};

/** `skein query`: Jaeger's query API, api_v3 and the UI on 16686; admin on 16687. */
export const queryCommand: SkeinCommand = {
  name: 'query',
  summary: 'serve the Jaeger query API and the web UI',
  options: queryCommandOptions,
  adminPort: ADMIN_PORT,
  async run(flags) {
    let config;
    try {
      config = loadConfig({ ...commonOptions(ADMIN_PORT), ...queryCommandOptions }, flags);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`skein query: ${error.message}\n`);
      return 2;
    }
    const logger = createLogger({ component: 'query', level: config.logLevel });
    const shutdown = new GracefulShutdown(logger);
    const stopped = new Promise<void>((resolve) => shutdown.add('exit', async () => resolve()));
    shutdown.installProcessHandlers();
    try {
      const staticFilesDir = locateUiBuild(config.staticFiles);
      const uiConfig = loadUiConfig(config.uiConfig);
      const storage = await openStorage(config.spanStorageType, config);
      shutdown.add('storage', () => storage.close());
      const reader = storage.createSpanReader();
      const traceLogs = openTraceLogReader(config.spanStorageType, config);
      if (traceLogs) shutdown.add('logs cluster client', () => traceLogs.close());
      const metrics = createMetricsRegistry();
      const health = new HealthRegistry();
      health.addReadinessCheck('storage', async () => {
        await reader.getServices();
      });
      const server = await startQueryService({
        reader,
        dependencyReader: storage.createDependencyReader(),
        archive: archiveStorageOf(storage),
        spanMetrics: spanMetricsReaderOf(storage),
        traceLogs,
        options: {
          hostPort: config.httpHostPort,
          grpcHostPort: config.grpcHostPort ?? undefined,
          basePath: config.basePath,
          ...(staticFilesDir === undefined ? {} : { staticFilesDir }),
          ...(uiConfig === undefined ? {} : { uiConfig }),
          maxClockSkewAdjustmentMicros: config.maxClockSkewAdjustment,
          maxTraceSize: config.maxTraceSize,
          uiTraceCacheBytes: config.uiTraceCacheSize * 1024 * 1024,
          security: querySecurityFrom(config),
        },
        logger,
        metrics,
      });
      shutdown.add('query server', () => server.stop());
      const admin = await startAdminServer({ hostPort: config.adminHostPort, metrics, health, logger });
      shutdown.add('admin server', () => admin.close());
      shutdown.add('readiness', async () => health.markShuttingDown());
      logger.info({ storage: storage.backend, ...(traceLogs ? { logs: traceLogs.description } : {}) }, 'skein query started');
    } catch (error) {
      logger.fatal({ err: error }, 'skein query could not start');
      await shutdown.shutdown('start-up failed');
      return 1;
    }
    await stopped;
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
};
