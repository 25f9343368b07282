import { Server, status as Status, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { clientFaultStatuses, type HostPort, type Logger } from '@skein/runtime';
import type { Receiver } from '../receiver.js';
import { healthServiceDefinition } from './service-definitions.js';
import type { HealthStatus } from './health-proto.js';
import { serverCredentials, type GrpcTlsOptions } from './tls.js';

export interface GrpcServiceBinding {
  /** Fully qualified service name, for the health service (e.g. `jaeger.api_v2.CollectorService`). */
  serviceName: string;
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServerSettings {
  name: string;
  hostPort: HostPort;
  /** Largest request accepted, in bytes; larger ones get RESOURCE_EXHAUSTED from grpc-js. */
  maxMessageSize: number;
  tls: GrpcTlsOptions;
  /** Flag prefix used in TLS error messages, e.g. `--collector.grpc.tls`. */
  tlsFlagPrefix: string;
  /** How long `stop()` lets in-flight calls finish before cutting connections. */
  shutdownTimeoutMs: number;
  logger: Logger;
  services: GrpcServiceBinding[];
}

function bindAddress({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * One grpc-js server on one port with our hand-written service definitions, plus `grpc.health.v1.Health/Check`
 * (SERVING for the empty name and each served service; NOT_SERVING once stopping).
 */
export class GrpcReceiverServer implements Receiver {
  readonly name: string;
  private server: Server | undefined;
  private bound: { host: string; port: number } | undefined;
  private stopping = false;

  constructor(private readonly settings: GrpcServerSettings) {
    this.name = settings.name;
  }

  async start(): Promise<void> {
    if (this.server) throw new Error(`${this.name}: already started`);
    const { hostPort, logger } = this.settings;
    const credentials = serverCredentials(this.settings.tls, this.settings.tlsFlagPrefix);
    const server = new Server({ 'grpc.max_receive_message_length': this.settings.maxMessageSize, interceptors: [clientFaultStatuses] });
    for (const binding of this.settings.services) server.addService(binding.definition, binding.implementation);
    server.addService(healthServiceDefinition, { Check: this.healthCheck() });
    const address = bindAddress(hostPort);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, credentials, (error, boundPort) => {
        if (error) reject(new Error(`${this.name}: cannot listen on ${address}: ${error.message}`, { cause: error }));
        else resolve(boundPort);
      });
    });
    this.server = server;
    this.stopping = false;
    this.bound = { host: hostPort.host, port };
    logger.info({ receiver: this.name, address: `${hostPort.host}:${port}`, tls: this.settings.tls.enabled, maxMessageSize: this.settings.maxMessageSize }, 'gRPC receiver listening');
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.stopping = true;
    this.server = undefined;
    this.bound = undefined;
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(() => {
        this.settings.logger.warn({ receiver: this.name, timeoutMs: this.settings.shutdownTimeoutMs }, 'gRPC calls still running at the shutdown deadline; closing connections');
        server.forceShutdown();
        resolve();
      }, this.settings.shutdownTimeoutMs);
      deadline.unref();
      server.tryShutdown(() => {
        clearTimeout(deadline);
        resolve();
      });
    });
  }

  address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  private healthCheck() {
    const known = new Set(['', ...this.settings.services.map((s) => s.serviceName)]);
    return (call: { request: { ok: boolean; value?: { service: string } } }, callback: (error: { code: Status; details: string } | null, status?: HealthStatus) => void): void => {
      const request = call.request;
      if (!request.ok || !request.value) {
        callback({ code: Status.INVALID_ARGUMENT, details: 'grpc.health.v1.HealthCheckRequest: cannot decode the request' });
        return;
      }
      if (!known.has(request.value.service)) {
        callback({ code: Status.NOT_FOUND, details: `unknown service "${request.value.service.slice(0, 100)}"` });
        return;
      }
      callback(null, this.stopping ? 'NOT_SERVING' : 'SERVING');
    };
  }
}
