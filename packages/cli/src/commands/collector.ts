import { collectorOptions, startCollector, type CollectorConfig } from '@skein/collector';
import { ConfigError, createLogger, GracefulShutdown, loadConfig } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

/** Extra time past the collector's own shutdown timeout before the process exits regardless. */
const EXIT_GRACE_MS = 5_000;

/** `skein collector`: every receiver → pipeline → bounded queue → Kafka or storage, until SIGTERM. */
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
    const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + EXIT_GRACE_MS);
    shutdown.installProcessHandlers();
    let handle;
    try {
      handle = await startCollector(config, { logger });
    } catch (error) {
      logger.fatal({ err: error }, 'collector failed to start');
      return 1;
    }
    shutdown.add('collector', () => handle.stop());
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown.shutdown(signal).then(resolve));
    });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
};
