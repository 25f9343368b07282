import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { HealthRegistry } from './health.js';
import type { Logger } from './logger.js';
import type { HostPort } from './parsers.js';

export interface AdminServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: HostPort;
  close(): Promise<void>;
}

/**
 * The admin port every Skein process serves (Jaeger's 14269 and friends): `/metrics` for Prometheus, `/healthz`
 * (alive), `/readyz` (dependencies answer), and `/` in Jaeger's health-check shape for existing probes.
 */
export async function startAdminServer(options: {
  hostPort: HostPort;
  /** A registry, or anything that renders one (a primary process adding up its workers' metrics). */
  metrics: Pick<Registry, 'contentType' | 'metrics'>;
  health: Pick<HealthRegistry, 'readiness'>;
  logger: Logger;
}): Promise<AdminServer> {
  const { metrics, health, logger } = options;
  const upSince = new Date().toISOString();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    switch (path) {
      case '/metrics':
        return send(res, 200, metrics.contentType, await metrics.metrics());
      case '/healthz':
        return sendJson(res, 200, { status: 'alive', upSince });
      case '/readyz': {
        const { ready, checks } = await health.readiness();
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
      }
      case '/': {
        const { ready } = await health.readiness();
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'Server available' : 'Server not available', upSince });
      }
      default:
        return send(res, 404, 'text/plain', `no such admin endpoint: ${path}\n`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'admin endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`admin server cannot listen on ${options.hostPort.host}:${options.hostPort.port}: ${error.message}`, { cause: error })));
    server.listen(options.hostPort.port, options.hostPort.host, resolve);
  });
  const bound = server.address() as AddressInfo;
  logger.info({ address: `${bound.address}:${bound.port}` }, 'admin server listening');
  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', `${JSON.stringify(body)}\n`);
}
