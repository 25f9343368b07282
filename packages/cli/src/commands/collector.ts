import cluster from 'node:cluster';
import { collectorOptions, startCollector, type CollectorConfig } from '@skein/collector';
import { ConfigError, createLogger, GracefulShutdown, loadConfig, serveGroupPrimary, type Logger } from '@skein/runtime';
import { processNumber, runProcessGroup, untilSignal } from './process-group.js';
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
    if (cluster.isWorker) return runOne(config, logger.child({ process: processNumber() }), true);
    if (config.processes > 1) return runProcessGroup('collector', config.processes, config, EXIT_GRACE_MS, logger);
    return runOne(config, logger, false);
  },
};

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
  const release = underPrimary ? serveGroupPrimary(handle) : undefined;
  await untilSignal(shutdown);
  release?.();
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
