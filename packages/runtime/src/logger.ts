import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * JSON logs on stdout. Lines about a span or trace carry `trace_id`/`span_id` (use {@link spanLogFields}) so
 * Kibana can pivot from a log line to the trace.
 */
export function createLogger(options: { component: string; level: LevelWithSilent; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { component: options.component },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

export function spanLogFields(span: { traceId: string; spanId?: string }): { trace_id: string; span_id?: string } {
  return span.spanId === undefined ? { trace_id: span.traceId } : { trace_id: span.traceId, span_id: span.spanId };
}

/**
 * Logs at most `perInterval` lines per `intervalMs` for one kind of event (e.g. bad input from clients), then one
 * summary line with how many were suppressed. Bad input must not turn into a log flood.
 */
export class RateLimitedLog {
  private windowStart = 0;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly perInterval = 10,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now - this.windowStart >= this.intervalMs) {
      if (this.suppressed > 0) {
        this.logger.warn({ suppressed: this.suppressed }, `suppressed ${this.suppressed} similar log lines`);
      }
      this.windowStart = now;
      this.logged = 0;
      this.suppressed = 0;
    }
    if (this.logged < this.perInterval) {
      this.logged += 1;
      this.logger.warn(fields, message);
    } else {
      this.suppressed += 1;
    }
  }
}
