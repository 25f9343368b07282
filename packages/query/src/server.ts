import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { HostPort, Logger, Registry } from '@skein/runtime';
import type { DependencyReader, SpanReader } from '@skein/storage';
import { startQueryGrpcServer, type RunningQueryGrpcServer } from './grpc/query-grpc-server.js';
import { registerArchiveRoute } from './http/archive-route.js';
import { queryMetrics } from './http/request-metrics.js';
import type { RouteContext } from './http/route-helpers.js';
import { registerFallbackRoutes } from './http/fallback-routes.js';
import { registerStaticUi } from './http/static-ui.js';
import { registerTransformRoute } from './http/transform-route.js';
import { registerUiRoutes } from './http/ui-routes.js';
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
}

export interface QueryRouteDeps {
  reader: SpanReader;
  dependencyReader: DependencyReader;
  /** Archive storage when the backend has one (`capabilities.archive`). */
  archive?: ArchiveStorage | undefined;
  logger: Logger;
  /** The process's metrics registry; the query metrics are added to it (once, however often routes are mounted). */
  metrics: Registry;
  options?: QueryServiceOptions & { basePath?: string; staticFilesDir?: string; uiConfig?: UiConfig };
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
  const prefetchTrace = registerUiRoutes(context, service);
  registerTransformRoute(context);
  registerArchiveRoute(context, service);
  registerFallbackRoutes(context);
  // A trace page's skeleton request comes ~0.5 s after its HTML (script, worker); start the storage read now.
  registerStaticUi(context, options.staticFilesDir, {
    facts: { config: options.uiConfig, capabilities: { archiveStorage: service.hasArchive, metricsStorage: false }, version: SKEIN_VERSION },
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
  options: QueryServerOptions;
  logger: Logger;
  metrics: Registry;
  nowMicros?: () => number;
}): Promise<RunningQueryService> {
  const app = Fastify(QUERY_FASTIFY_OPTIONS);
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
      grpc = await startQueryGrpcServer(service, { hostPort: deps.options.grpcHostPort, logger: deps.logger });
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  const bound = app.server.address() as AddressInfo;
  deps.logger.info(
    { address: `${bound.address}:${bound.port}`, basePath: deps.options.basePath ?? '', ui: deps.options.staticFilesDir ?? null },
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
