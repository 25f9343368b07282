import { ConfigError, createLogger, GracefulShutdown, loadConfig } from '@skein/runtime';
import { ALL_IN_ONE_ADMIN_PORT, allInOneConfigProblems, allInOneOptions, type AllInOneConfig } from '../all-in-one/options.js';
import { startAllInOne } from '../all-in-one/start.js';
import type { SkeinCommand } from './command.js';

/** Time past the collector's drain timeout for the servers and the store to close before the process gives up. */
const CLOSE_GRACE_MS = 5_000;

/** `skein all-in-one`: collector, query API, UI, sampling and admin in one process over one store, until SIGTERM. */
export const allInOneCommand: SkeinCommand = {
  name: 'all-in-one',
  summary: 'collector, query and UI in one process on the embedded store',
  adminPort: ALL_IN_ONE_ADMIN_PORT,
  options: allInOneOptions,
  async run(flags) {
    // Everything before this point is Node starting and loading modules; reported apart from the start itself.
    const modulesLoadedMs = Math.round(performance.now());
    let config: AllInOneConfig;
    try {
      config = loadConfig(allInOneOptions, flags);
      const problems = allInOneConfigProblems(config);
      if (problems.length > 0) throw new ConfigError(problems);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`skein all-in-one: ${error.message}\n`);
      return 2;
    }
    const logger = createLogger({ component: 'all-in-one', level: config.logLevel });
    const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + CLOSE_GRACE_MS);
    // Registered first, so it runs last: the command returns once everything else has stopped.
    const stopped = new Promise<void>((resolve) => shutdown.add('exit', async () => resolve()));
    shutdown.installProcessHandlers();
    try {
      const listeners = await startAllInOne(config, logger, shutdown);
      const startupMs = Math.round(performance.now());
      logger.info(
        {
          startupMs,
          modulesLoadedMs,
          storage: config.spanStorageType,
          dataDir: config.spanStorageType === 'sqlite' ? config.dataDir : undefined,
          listeners: Object.fromEntries(Object.entries(listeners).map(([name, { host, port }]) => [name, `${host}:${port}`])),
        },
        `skein all-in-one ready in ${startupMs} ms`,
      );
    } catch (error) {
      logger.fatal({ err: error }, 'skein all-in-one could not start');
      await shutdown.shutdown('start-up failed');
      return 1;
    }
    await stopped;
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
};
