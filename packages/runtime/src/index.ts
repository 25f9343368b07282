export { option, envNameOf, type Option } from './option.js';
export { loadConfig, ConfigError, type OptionValues } from './config.js';
export { parseInteger, parseBoolean, parseEnum, parseList, parseHostPort, parseDurationMs, type HostPort } from './parsers.js';
export { createLogger, spanLogFields, RateLimitedLog, LOG_LEVELS, type Logger } from './logger.js';
export { createMetricsRegistry, METRIC_PREFIX, Counter, Gauge, Histogram, Registry } from './metrics.js';
export { HealthRegistry, type CheckResult } from './health.js';
export { startAdminServer, type AdminServer } from './admin-server.js';
export { GracefulShutdown } from './shutdown.js';
export { commonOptions, adminHostPortOption } from './common-options.js';
