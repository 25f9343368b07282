import { option, parseDurationMs, parseHostPort, parseInteger } from '@skein/runtime';
import { normalizeBasePath } from './server.js';

/** A Go duration as whole µs (flags take Go durations, the model counts µs). */
function parseDurationMicros(raw: string): number {
  const micros = Math.round(parseDurationMs(raw) * 1000);
  if (!Number.isSafeInteger(micros)) throw new Error(`"${raw}" is too long a duration`);
  return micros;
}

/** Options of `skein query`, named as Jaeger names them (environment variables follow: `QUERY_BASE_PATH`, …). */
export const queryOptions = {
  httpHostPort: option({
    flag: 'query.http-server.host-port',
    description: 'host:port of the query HTTP server (Jaeger API, api_v3, UI)',
    parse: parseHostPort,
    defaultValue: parseHostPort(':16686'),
    valueName: '<host:port>',
  }),
  grpcHostPort: option({
    flag: 'query.grpc-server.host-port',
    description: 'host:port of the query gRPC server (jaeger.api_v2 and jaeger.api_v3 QueryService, with reflection)',
    parse: parseHostPort,
    defaultValue: parseHostPort(':16685'),
    valueName: '<host:port>',
  }),
  basePath: option({
    flag: 'query.base-path',
    description: 'path prefix of every query route, e.g. /jaeger (behind a reverse proxy)',
    parse: normalizeBasePath,
    defaultValue: '',
    valueName: '<path>',
  }),
  staticFiles: option({
    flag: 'query.static-files',
    description: "directory of the built web UI; empty: the ui package's build when installed",
    parse: (raw: string) => raw.trim(),
    defaultValue: '',
    valueName: '<dir>',
  }),
  uiConfig: option({
    flag: 'query.ui-config',
    description: "JSON file of Jaeger UI configuration (menu, linkPatterns, dependencies, search, tracking, …) given to the served UI",
    parse: (raw: string) => raw.trim(),
    defaultValue: '',
    valueName: '<file>',
  }),
  maxClockSkewAdjustment: option({
    flag: 'query.max-clock-skew-adjustment',
    description: 'largest clock-skew correction applied to a span (Go duration); 0 = none (skewed spans are only flagged)',
    parse: parseDurationMicros,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  maxTraceSize: option({
    flag: 'query.max-trace-size',
    description: 'spans per trace returned, the rest cut off with a warning; 0 = unlimited',
    parse: parseInteger(0, 10_000_000),
    defaultValue: 0,
    valueName: '<spans>',
  }),
};
