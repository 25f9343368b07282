import type { AddressInfo } from 'node:net';
import { fastify, type FastifyInstance } from 'fastify';
import type { HostPort, Logger } from '@skein/runtime';
import type { Receiver } from '../receivers/receiver.js';
import { registerSamplingRoutes } from './sampling-routes.js';
import type { StrategySource } from './strategy-store.js';

export interface SamplingHttpServerOptions {
  /** `--http-server.host-port`, Jaeger's default `:5778`. */
  hostPort: HostPort;
  store: StrategySource;
  logger: Logger;
}

/**
 * The agent-style sampling server on 5778: `GET /sampling?service=` (proto-JSON) and the legacy `GET /?service=`
 * (numeric `strategyType`), which is where `jaeger-client` and Jaeger SDKs look by default. Started and stopped
 * like a receiver.
 */
export function createSamplingHttpServer(options: SamplingHttpServerOptions): Receiver {
  let app: FastifyInstance | undefined;
  let bound: { host: string; port: number } | undefined;
  return {
    name: 'sampling-http',
    async start() {
      const server = fastify({ logger: false });
      registerSamplingRoutes(server, options.store, { basePath: '', legacyRootEndpoint: true });
      try {
        await server.listen({ host: options.hostPort.host, port: options.hostPort.port });
      } catch (error) {
        await server.close();
        throw new Error(`sampling HTTP server cannot listen on ${options.hostPort.host}:${options.hostPort.port}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const address = server.server.address() as AddressInfo;
      bound = { host: address.address, port: address.port };
      app = server;
      options.logger.info({ address: `${bound.host}:${bound.port}` }, 'sampling HTTP server listening');
    },
    async stop() {
      const server = app;
      app = undefined;
      bound = undefined;
      await server?.close();
    },
    address: () => bound,
  };
}
