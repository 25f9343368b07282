import { INGESTER_ADMIN_PORT, ingesterOptions, openIngesterStorage, startIngester, type IngesterConfig } from '@skein/ingester';
import cluster from 'node:cluster';
import {
  ConfigError,
  commonOptions,
  createLogger,
  createMetricsRegistry,
  GracefulShutdown,
  HealthRegistry,
  loadConfig,
  serveGroupPrimary,
  startAdminServer,
} from '@skein/runtime';
import type { SkeinCommand } from './command.js';
import { processNumber, runProcessGroup } from './process-group.js';

/** Time past the ingester's own shutdown timeout for closing storage and the admin server. */
const EXIT_GRACE_MS = 10_000;

/**
 * `skein ingester`: Kafka consumer group → storage, admin on 14270, until SIGTERM. With `--ingester.processes` above 1
 * this process is the primary and each child is a member of the consumer group.
 */
export const ingesterCommand: SkeinCommand = {
  name: 'ingester',
  summary: 'consume spans from Kafka and write them to storage',
  options: ingesterOptions,
  adminPort: INGESTER_ADMIN_PORT,
  async run(flags) {
    let config: IngesterConfig & ReturnType<typeof loadCommon>;
    try {
      config = { ...loadCommon(flags), ...loadConfig(ingesterOptions, flags) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`skein ingester: ${error.message}\n`);
      return 2;
    }
    const rootLogger = createLogger({ component: 'ingester', level: config.logLevel });
    if (cluster.isPrimary && config.processes > 1) return runProcessGroup('ingester', config.processes, config, EXIT_GRACE_MS, rootLogger);
    const underPrimary = cluster.isWorker;
    const logger = underPrimary ? rootLogger.child({ process: processNumber() }) : rootLogger;
    const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + EXIT_GRACE_MS);
    const stopped = new Promise<void>((resolve) => shutdown.add('exit', async () => resolve()));
    shutdown.installProcessHandlers();
    try {
      const storage = await openIngesterStorage(config);
      shutdown.add('storage', () => storage.close());
      const metrics = createMetricsRegistry();
      const health = new HealthRegistry();
      const reader = storage.createSpanReader();
      health.addReadinessCheck('storage', async () => {
        await reader.getServices();
      });
      const ingester = await startIngester(config, { logger, metrics, storage });
      health.addReadinessCheck('kafka', () => ingester.checkKafka());
      shutdown.add('ingester', () => ingester.stop());
      if (underPrimary) {
        const release = serveGroupPrimary({ registry: metrics, health });
        shutdown.add('primary channel', async () => release());
      } else {
        const admin = await startAdminServer({ hostPort: config.adminHostPort, metrics, health, logger });
        shutdown.add('admin server', () => admin.close());
      }
      shutdown.add('readiness', async () => health.markShuttingDown());
      void ingester.failed.then(() => {
        process.exitCode = 1;
        return shutdown.shutdown('Kafka consumer failed');
      });
    } catch (error) {
      logger.fatal({ err: error }, 'skein ingester could not start');
      await shutdown.shutdown('start-up failed');
      return 1;
    }
    await stopped;
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    // Everything is closed; should a client library still hold a handle, do not hang.
    setTimeout(() => process.exit(code), 2_000).unref();
    return code;
  },
};

function loadCommon(flags: Record<string, string | undefined>) {
  return loadConfig(commonOptions(INGESTER_ADMIN_PORT), flags);
}
