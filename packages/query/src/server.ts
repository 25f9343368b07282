import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { httpsServerOptions, withPropagatedAuthorization, type HostPort, type Logger, type Registry } from '@skein/runtime';
import { stringifyJson } from '@skein/model';
import { v1Failure } from './http/v1-envelope.js';
import type { QuerySecurity } from './options.js';
import type { DependencyReader, SpanMetricsReader, SpanReader, TraceLogReader } from '@skein/storage';
import { startQueryGrpcServer, type RunningQueryGrpcServer } from './grpc/query-grpc-server.js';
import { registerArchiveRoute } from './http/archive-route.js';
import { queryMetrics } from './http/request-metrics.js';
import type { RouteContext } from './http/route-helpers.js';
import { registerFallbackRoutes } from './http/fallback-routes.js';
import { registerMetricsRoutes } from './http/metrics-routes.js';
import { registerStaticUi } from './http/static-ui.js';
import { registerTransformRoute } from './http/transform-route.js';
import { DEFAULT_UI_TRACE_CACHE, registerUiRoutes } from './http/ui-routes.js';
import { registerV1Routes } from './http/v1-routes.js';
import { registerV3Routes } from './http/v3-routes.js';
import { QueryService, type ArchiveStorage, type QueryServiceOptions } from './query-service.js';
import type { UiConfig } from './ui-config.js';

/** What the served UI is told about this build (Jaeger's `JAEGER_VERSION` shape). */
const SKEIN_VERSION = { gitCommit: '', gitVersion: 'skein-0.1.0', buildDate: '' };

export interface QueryServerOptions extends QueryServiceOptions {
  /** Where to listen (`--query.http-server.host-port`, default `:16686`). */
  hostPort: HostPort;
  /** Where the gRPC query API listens (`--query.grpc-server.host-port`, default `:16685`); omitted: no gRPC server. */
  grpcHostPort?: HostPort | undefined;
  /** Prefix of every route, `''` or `/jaeger` (`--query.base-path`); see `normalizeBasePath`. */
  basePath?: string;
  /** Directory of the built UI (`--query.static-files`); undefined serves a placeholder page. */
  staticFilesDir?: string;
  /** Jaeger UI configuration (`--query.ui-config`, read with `loadUiConfig`), injected into the served page. */
  uiConfig?: UiConfig;
  /** TLS of both servers, the built-in auth check and bearer-token propagation (`querySecurityFrom`). */
  security?: QuerySecurity | undefined;
  /** Memory kept of the traces the UI opened, bytes (`--query.ui-trace-cache-size`); default 1 GiB. */
  uiTraceCacheBytes?: number;
}

export interface QueryRouteDeps {
  reader: SpanReader;
  dependencyReader: DependencyReader;
  /** Archive storage when the backend has one (`capabilities.archive`). */
  archive?: ArchiveStorage | undefined;
  /** RED metrics per service and operation when the store keeps them (`capabilities.spanMetrics`). */
  spanMetrics?: SpanMetricsReader | undefined;
  /** Log lines of a trace from the logs cluster (`--query.logs.*`), shown beside the trace. */
  traceLogs?: TraceLogReader | undefined;
  logger: Logger;
  /** The process's metrics registry; the query metrics are added to it (once, however often routes are mounted). */
  metrics: Registry;
  options?: QueryServiceOptions & { basePath?: string; staticFilesDir?: string; uiConfig?: UiConfig; security?: QuerySecurity | undefined; uiTraceCacheBytes?: number };
  /** Clock in µs since the epoch, for defaults like "the last two days"; for tests. */
  nowMicros?: () => number;
}

/**
 * Fastify settings the query routes rely on: long path parameters (so an over-long trace id gets a 400 naming it
 * rather than a bare 404) and tolerance for a trailing slash. An app that mounts the routes should use them.
 */
export const QUERY_FASTIFY_OPTIONS: FastifyServerOptions = {
  logger: false,
  routerOptions: { maxParamLength: 4096, ignoreTrailingSlash: true },
  forceCloseConnections: true,
  return503OnClosing: true,
};

/**
 * Mounts the whole query service on `app`: Jaeger's `/api`, api_v3 under `/api/v3`, and the UI (or its placeholder)
 * on every other GET path, all under the base path. Route errors are handled inside the routes, so nothing here
 * depends on `app`'s error handler. Returns the service so the caller can reuse the read path.
 */
export function registerQueryRoutes(app: FastifyInstance, deps: QueryRouteDeps): QueryService {
  const options = deps.options ?? {};
  guardRequests(app, options.security);
  const service = new QueryService(deps.reader, deps.dependencyReader, options, deps.archive);
  const context: RouteContext = {
    app,
    basePath: normalizeBasePath(options.basePath ?? ''),
    logger: deps.logger,
    metrics: queryMetrics(deps.metrics),
    getPatterns: [],
  };
  registerV1Routes(context, service, deps.nowMicros ?? (() => Date.now() * 1000));
  registerV3Routes(context, service);
  const prefetchTrace = registerUiRoutes(context, service, deps.traceLogs, {
    ...DEFAULT_UI_TRACE_CACHE,
    ...(options.uiTraceCacheBytes === undefined ? {} : { maxBytes: options.uiTraceCacheBytes }),
  });
  registerTransformRoute(context);
  registerArchiveRoute(context, service);
  registerMetricsRoutes(context, deps.spanMetrics, () => Math.floor((deps.nowMicros?.() ?? Date.now() * 1000) / 1000));
  registerFallbackRoutes(context);
  // A trace page's skeleton request comes ~0.5 s after its HTML (script, worker); start the storage read now.
  registerStaticUi(context, options.staticFilesDir, {
    facts: { config: options.uiConfig, capabilities: { archiveStorage: service.hasArchive, metricsStorage: deps.spanMetrics !== undefined, traceLogs: deps.traceLogs !== undefined }, version: SKEIN_VERSION },
    onPage: (page) => {
      const trace = /^trace\/([^/.]+)$/.exec(page);
      if (trace) prefetchTrace(trace[1]!);
    },
  });
  return service;
}

export interface RunningQueryService {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: HostPort;
  /** The gRPC server's bound address, when one was asked for. */
  readonly grpcAddress: HostPort | undefined;
  readonly app: FastifyInstance;
  /** Stops listening and closes open connections. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the query HTTP server on its own port (`skein query`); the all-in-one can do the same in its process. */
export async function startQueryService(deps: {
  reader: SpanReader;
  dependencyReader: DependencyReader;
  archive?: ArchiveStorage | undefined;
  spanMetrics?: SpanMetricsReader | undefined;
  traceLogs?: TraceLogReader | undefined;
  options: QueryServerOptions;
  logger: Logger;
  metrics: Registry;
  nowMicros?: () => number;
}): Promise<RunningQueryService> {
  const httpTls = deps.options.security?.httpTls;
  const app = Fastify({ ...QUERY_FASTIFY_OPTIONS, ...(httpTls ? { https: httpsServerOptions(httpTls) } : {}) });
  const service = registerQueryRoutes(app, { ...deps, options: deps.options });
  const { host, port } = deps.options.hostPort;
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw new Error(`query server cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
  }
  let grpc: RunningQueryGrpcServer | undefined;
  if (deps.options.grpcHostPort) {
    try {
      const security = deps.options.security;
      grpc = await startQueryGrpcServer(service, {
        hostPort: deps.options.grpcHostPort,
        logger: deps.logger,
        tls: security?.grpcTls,
        auth: security?.auth,
        propagateAuthorization: security?.bearerTokenPropagation ?? false,
      });
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  const bound = app.server.address() as AddressInfo;
  deps.logger.info(
    {
      address: `${bound.address}:${bound.port}`,
      basePath: deps.options.basePath ?? '',
      ui: deps.options.staticFilesDir ?? null,
      tls: Boolean(httpTls),
      mtls: Boolean(httpTls?.clientCa),
      auth: Boolean(deps.options.security?.auth),
    },
    'query server listening',
  );
  let stopping: Promise<void> | undefined;
  return {
    address: { host: bound.address, port: bound.port },
    grpcAddress: grpc?.address,
    app,
    stop: () => (stopping ??= Promise.all([app.close(), grpc?.stop()]).then(() => undefined)),
  };
}

/**
 * Every request (API, UI, archive) first passes the built-in auth check when one is configured (401 with a
 * challenge otherwise), then runs with its `Authorization` header remembered for the storage client when
 * `--query.bearer-token-propagation` is on.
 */
function guardRequests(app: FastifyInstance, security: QuerySecurity | undefined): void {
  const auth = security?.auth;
  const propagate = security?.bearerTokenPropagation ?? false;
  if (!auth && !propagate) return;
  app.addHook('onRequest', (request, reply, done) => {
    const authorization = request.headers.authorization;
    if (auth && !auth.accepts(authorization)) {
      void reply
        .code(401)
        .header('www-authenticate', auth.challenge)
        .header('content-type', 'application/json; charset=utf-8')
        .send(stringifyJson(v1Failure(401, 'authentication required: send a valid bearer token or basic-auth user')));
      return;
    }
    withPropagatedAuthorization(propagate ? authorization : undefined, done);
  });
}

/**
 * `--query.base-path` in the one form routes use: `''` for the root, else `/a/b` (leading slash, no trailing one).
 * @throws Error when it holds anything but letters, digits and `-._~/`, or a `.`/`..` segment.
 */
export function normalizeBasePath(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === '/') return '';
  if (!/^\/?[A-Za-z0-9\-._~/]+$/.test(trimmed)) {
    throw new Error(`"${raw}" is not a base path (e.g. "/jaeger"; letters, digits and -._~/ only)`);
  }
  const path = `/${trimmed.split('/').filter(Boolean).join('/')}`;
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`"${raw}" is not a base path: "." and ".." segments are not allowed`);
  }
  return path;
}
