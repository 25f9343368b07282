import { option } from './option.js';
import { LOG_LEVELS } from './logger.js';
import { parseEnum, parseHostPort } from './parsers.js';

/** Jaeger's admin flag; each binary has its own default port (collector/all-in-one 14269, ingester 14270, …). */
export const adminHostPortOption = (defaultPort: number) =>
  option({
    flag: 'admin.http.host-port',
    description: 'host:port of the admin server (/metrics, /healthz, /readyz)',
    parse: parseHostPort,
    defaultValue: parseHostPort(`:${defaultPort}`),
    valueName: '<host:port>',
  });

/** Options every long-running Skein process takes. */
export const commonOptions = (adminPort: number) => ({
  adminHostPort: adminHostPortOption(adminPort),
  logLevel: option({
    flag: 'log-level',
    description: `minimal log level (${LOG_LEVELS.join(', ')})`,
    parse: parseEnum(LOG_LEVELS),
    defaultValue: 'info' as (typeof LOG_LEVELS)[number],
    valueName: '<level>',
  }),
});
