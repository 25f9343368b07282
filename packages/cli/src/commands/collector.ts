import cluster from 'node:cluster';
import { collectorOptions, PROCESS_NUMBER_ENV, serveCollectorPrimary, startCollector, startCollectorProcesses, type CollectorConfig } from '@skein/collector';
import { ConfigError, createLogger, GracefulShutdown, loadConfig, type Logger } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

/** Extra time past the collector's own shutdown timeout before the process exits regardless. */
const EXIT_GRACE_MS = 5_000;

/**
 * `skein collector`: every receiver → pipeline → bounded queue → Kafka or storage, until SIGTERM. With
 * `--collector.processes` above 1 this process is the primary and the same command runs again in each child.
 */
export const collectorCommand: SkeinCommand = {
  name: 'collector',
  summary: 'receive spans on every protocol and write them to Kafka or storage',
  adminPort: 14269,
  options: collectorOptions,
  async run(flags) {
    let config: CollectorConfig;
    try {
      config = loadConfig(collectorOptions, flags) as CollectorConfig;
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`skein collector: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    const logger = createLogger({ component: 'collector', level: config.logLevel });
    if (cluster.isWorker) return runOne(config, logger.child({ process: Number(process.env[PROCESS_NUMBER_ENV]) }), true);
    if (config.processes > 1) return runPrimary(config, logger);
    return runOne(config, logger, false);
  },
};

function untilSignal(shutdown: GracefulShutdown): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown.shutdown(signal).then(resolve));
  });
}

async function runOne(config: CollectorConfig, logger: Logger, underPrimary: boolean): Promise<number> {
  const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + EXIT_GRACE_MS);
  shutdown.installProcessHandlers();
  let handle;
  try {
    handle = await startCollector(config, { logger, adminServer: !underPrimary });
  } catch (error) {
    logger.fatal({ err: error }, 'collector failed to start');
    return 1;
  }
  shutdown.add('collector', () => handle.stop());
  const release = underPrimary ? serveCollectorPrimary(handle) : undefined;
  await untilSignal(shutdown);
  release?.();
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

async function runPrimary(config: CollectorConfig, logger: Logger): Promise<number> {
  const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + 2 * EXIT_GRACE_MS);
  shutdown.installProcessHandlers();
  let handle;
  try {
    handle = await startCollectorProcesses({ processes: config.processes, adminHostPort: config.adminHostPort, stopTimeoutMs: config.shutdownTimeout + EXIT_GRACE_MS, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'collector failed to start');
    return 1;
  }
  let code = 0;
  shutdown.add('collector processes', async () => {
    code = await handle.stop();
  });
  await untilSignal(shutdown);
  return typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : code;
}
