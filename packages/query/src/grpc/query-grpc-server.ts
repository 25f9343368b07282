import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { clientFaultStatuses, type HostPort, type Logger, type TlsMaterial } from '@skein/runtime';
import type { QueryAuth } from '../auth.js';
import type { QueryService } from '../query-service.js';
import { apiV2Implementation } from './api-v2-service.js';
import { apiV3Implementation } from './api-v3-service.js';
import { serviceDefinition } from './handlers.js';
import { API_V2_SERVICE, API_V3_SERVICE, queryPackageDefinition, reflectionPackageDefinition } from './proto-definitions.js';

export interface QueryGrpcServerOptions {
  hostPort: HostPort;
  /** `--query.grpc.tls.*`: TLS, and mTLS when a client CA is given. */
  tls?: TlsMaterial | undefined;
  auth?: QueryAuth | undefined;
  propagateAuthorization?: boolean;
  /** How long `stop()` lets running calls finish before cutting connections. */
  shutdownTimeoutMs?: number;
  logger: Logger;
}

export interface RunningQueryGrpcServer {
  readonly address: HostPort;
  stop(): Promise<void>;
}

/** Largest request accepted: queries are small, so this only bounds hostile input. */
const MAX_REQUEST_BYTES = 1024 * 1024;
/** Spans are sent in messages of about 1 MiB (see span-chunks.ts); this is the hard ceiling. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Jaeger's query gRPC port (16685): `jaeger.api_v2.QueryService` and `jaeger.api_v3.QueryService` over the same read
 * path as the HTTP API, plus server reflection (v1 and v1alpha) so grpcurl and UIs can list and call them.
 */
export async function startQueryGrpcServer(service: QueryService, options: QueryGrpcServerOptions): Promise<RunningQueryGrpcServer> {
  const { logger } = options;
  const context = { logger, auth: options.auth, propagateAuthorization: options.propagateAuthorization ?? false };
  const definitions = queryPackageDefinition();
  const server = new Server({
    'grpc.max_receive_message_length': MAX_REQUEST_BYTES,
    'grpc.max_send_message_length': MAX_RESPONSE_BYTES,
    interceptors: [clientFaultStatuses],
  });
  server.addService(
    serviceDefinition(definitions[API_V2_SERVICE] as ServiceDefinition, ['GetTrace', 'FindTraces']),
    apiV2Implementation(service, context),
  );
  server.addService(
    serviceDefinition(definitions[API_V3_SERVICE] as ServiceDefinition, ['GetTrace', 'FindTraces']),
    apiV3Implementation(service, context),
  );
  new ReflectionService(reflectionPackageDefinition()).addToServer(server);

  const { host, port } = options.hostPort;
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentialsOf(options.tls), (error, bound) => {
      if (error) reject(new Error(`query gRPC server cannot listen on ${address}: ${error.message}`, { cause: error }));
      else resolve(bound);
    });
  });
  logger.info({ address: `${host}:${boundPort}`, services: [API_V2_SERVICE, API_V3_SERVICE], tls: Boolean(options.tls), mtls: Boolean(options.tls?.clientCa), auth: Boolean(options.auth) }, 'query gRPC server listening');

  let stopping: Promise<void> | undefined;
  return {
    address: { host, port: boundPort },
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, options.shutdownTimeoutMs ?? 5_000);
        deadline.unref();
        server.tryShutdown(() => {
          clearTimeout(deadline);
          resolve();
        });
      })),
  };
}

function credentialsOf(tls: TlsMaterial | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(tls.clientCa ?? null, [{ cert_chain: tls.cert, private_key: tls.key }], tls.clientCa !== undefined);
}
