import { option, parseBoolean, parseOptionalHostPort, parseDurationMs, parseHostPort, parseInteger, readTlsMaterial, tlsServerOptions, type TlsMaterial } from '@skein/runtime';
import { loadQueryAuth, type QueryAuth } from './auth.js';
import { normalizeBasePath } from './server.js';

/** A Go duration as whole µs (flags take Go durations, the model counts µs). */
function parseDurationMicros(raw: string): number {
  const micros = Math.round(parseDurationMs(raw) * 1000);
  if (!Number.isSafeInteger(micros)) throw new Error(`"${raw}" is too long a duration`);
  return micros;
}

const httpTls = tlsServerOptions('query.http', 'the query HTTP server (API and UI)');
const grpcTls = tlsServerOptions('query.grpc', 'the query gRPC server');
const path = (flag: string, description: string) => option({ flag, description, parse: (raw: string) => raw.trim(), defaultValue: '', valueName: '<file>' });

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
    description: 'host:port of the query gRPC server (jaeger.api_v2 and jaeger.api_v3 QueryService, with reflection); empty or "off" disables it',
    parse: parseOptionalHostPort,
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
  uiTraceCacheSize: option({
    flag: 'query.ui-trace-cache-size',
    description: 'memory, in MiB, kept of the traces the web UI opened (a 1,000,000-span trace is kept encoded, ~300 MiB), so spans open and find runs without reading the trace again; 0 keeps none',
    parse: parseInteger(0, 1_048_576),
    defaultValue: 1024,
    valueName: '<MiB>',
  }),
  httpTlsEnabled: httpTls.enabled,
  httpTlsCert: httpTls.cert,
  httpTlsKey: httpTls.key,
  httpTlsClientCa: httpTls.clientCa,
  grpcTlsEnabled: grpcTls.enabled,
  grpcTlsCert: grpcTls.cert,
  grpcTlsKey: grpcTls.key,
  grpcTlsClientCa: grpcTls.clientCa,
  bearerTokenPropagation: option({
    flag: 'query.bearer-token-propagation',
    description: "send each caller's Authorization header on to Elasticsearch/OpenSearch, which then authorises the user",
    parse: parseBoolean,
    defaultValue: false,
  }),
  authBearerTokensFile: path('query.auth.bearer-tokens-file', 'file of accepted bearer tokens, one per line: every API call, UI page and gRPC call must carry one'),
  authBasicUsersFile: path('query.auth.basic-users-file', 'file of user:password lines accepted with HTTP basic auth (browsers prompt for them)'),
};

/** The security settings of `queryOptions`, read and checked at start (TLS files, auth files). */
export interface QuerySecurity {
  httpTls?: TlsMaterial;
  grpcTls?: TlsMaterial;
  auth?: QueryAuth;
  bearerTokenPropagation: boolean;
}

export function querySecurityFrom(values: {
  httpTlsEnabled: boolean; httpTlsCert: string; httpTlsKey: string; httpTlsClientCa: string;
  grpcTlsEnabled: boolean; grpcTlsCert: string; grpcTlsKey: string; grpcTlsClientCa: string;
  bearerTokenPropagation: boolean; authBearerTokensFile: string; authBasicUsersFile: string;
}): QuerySecurity {
  const httpTls = readTlsMaterial({ enabled: values.httpTlsEnabled, cert: values.httpTlsCert, key: values.httpTlsKey, clientCa: values.httpTlsClientCa }, 'query.http');
  const grpcTls = readTlsMaterial({ enabled: values.grpcTlsEnabled, cert: values.grpcTlsCert, key: values.grpcTlsKey, clientCa: values.grpcTlsClientCa }, 'query.grpc');
  const auth = loadQueryAuth(values.authBearerTokensFile, values.authBasicUsersFile);
  return {
    ...(httpTls ? { httpTls } : {}),
    ...(grpcTls ? { grpcTls } : {}),
    ...(auth ? { auth } : {}),
    bearerTokenPropagation: values.bearerTokenPropagation,
  };
}
