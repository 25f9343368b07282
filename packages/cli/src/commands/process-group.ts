import { GracefulShutdown, PROCESS_NUMBER_ENV, startProcessGroup, type HostPort, type Logger } from '@skein/runtime';

/** Resolves once SIGTERM or SIGINT has run the shutdown. */
export function untilSignal(shutdown: GracefulShutdown): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown.shutdown(signal).then(resolve));
  });
}

/** This process's number in its group (from 1), for its log lines. */
export function processNumber(): number {
  return Number(process.env[PROCESS_NUMBER_ENV]);
}

/**
 * A command's `--<command>.processes` above 1: this process becomes the primary of that many processes running the
 * same command line, until SIGTERM; resolves to the exit code.
 */
export async function runProcessGroup(component: string, processes: number, config: { adminHostPort: HostPort; shutdownTimeout: number }, graceMs: number, logger: Logger): Promise<number> {
  const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + 2 * graceMs);
  shutdown.installProcessHandlers();
  let group;
  try {
    group = await startProcessGroup({ component, processes, adminHostPort: config.adminHostPort, stopTimeoutMs: config.shutdownTimeout + graceMs, logger });
  } catch (error) {
    logger.fatal({ err: error }, `${component} failed to start`);
    return 1;
  }
  let code = 0;
  shutdown.add(`${component} processes`, async () => {
    code = await group.stop();
  });
  await untilSignal(shutdown);
  return typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : code;
}
