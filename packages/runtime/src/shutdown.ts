import type { Logger } from './logger.js';

type Closer = () => Promise<void>;

/**
 * Stops a process in the reverse order its parts were started: receivers stop taking input, queues drain,
 * writers flush, connections close. Each step is logged; the whole is bounded by a deadline, after which the
 * process exits non-zero instead of hanging.
 */
export class GracefulShutdown {
  private readonly closers: Array<{ name: string; close: Closer }> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly deadlineMs = 30_000,
  ) {}

  /** Registers a step; steps run last-registered first. */
  add(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  /** Runs every step once (later calls share the first run). Never rejects: failures are logged and reported. */
  shutdown(reason: string): Promise<void> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  private async runSteps(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      this.logger.fatal({ deadlineMs: this.deadlineMs }, 'shutdown did not finish before the deadline; exiting');
      process.exit(1);
    }, this.deadlineMs);
    deadline.unref();
    let failed = false;
    for (const { name, close } of [...this.closers].reverse()) {
      try {
        await close();
        this.logger.debug({ step: name }, 'shutdown step done');
      } catch (error) {
        failed = true;
        this.logger.error({ err: error, step: name }, 'shutdown step failed');
      }
    }
    clearTimeout(deadline);
    if (failed) process.exitCode = 1;
    this.logger.info('shutdown complete');
  }

  /** SIGTERM/SIGINT start the shutdown; unhandled rejections and exceptions are logged and end the process. */
  installProcessHandlers(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => void this.shutdown(signal));
    }
    process.on('unhandledRejection', (reason) => {
      this.logger.fatal({ err: reason }, 'unhandled promise rejection');
      process.exitCode = 1;
      void this.shutdown('unhandledRejection');
    });
    process.on('uncaughtException', (error) => {
      this.logger.fatal({ err: error }, 'uncaught exception');
      process.exitCode = 1;
      void this.shutdown('uncaughtException');
    });
  }
}
