import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { samplingStrategyToJson, samplingStrategyToLegacyJson } from './sampling-json.js';
import type { StrategySource } from './strategy-store.js';

export interface SamplingRoutesOptions {
  /** Prefix of the routes: `/api` on the collector's 14268 (`/api/sampling`), empty on the agent-style 5778. */
  basePath?: string;
  /** Also answer `GET {basePath}/?service=` in the legacy Thrift-JSON form with numeric `strategyType` (5778 only). */
  legacyRootEndpoint?: boolean;
  /** Called for every answered or refused request; for metrics. */
  onRequest?: (outcome: 'ok' | 'bad-request' | 'unavailable', endpoint: 'sampling' | 'legacy') => void;
}

export const SERVICE_PARAMETER_MESSAGE = "'service' parameter must be provided once, e.g. ?service=frontend";

// Any Fastify instance will do, whatever its server type, logger or type provider.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastify = FastifyInstance<any, any, any, any, any>;

/** The one `service` query parameter, or undefined when it is missing or repeated (Jaeger answers 400 then). */
function serviceOf(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.service;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Adds Jaeger's client-configuration endpoints to a Fastify app: `GET {basePath}/sampling?service=` (proto-JSON)
 * and, with `legacyRootEndpoint`, `GET {basePath}/?service=`. A missing or repeated `service` is a 400.
 */
export function registerSamplingRoutes(app: AnyFastify, store: StrategySource, options: SamplingRoutesOptions = {}): void {
  const basePath = options.basePath ?? '/api';
  const serve = (endpoint: 'sampling' | 'legacy', render: typeof samplingStrategyToJson) => async (request: FastifyRequest, reply: FastifyReply) => {
    const service = serviceOf(request);
    if (service === undefined) {
      options.onRequest?.('bad-request', endpoint);
      return reply.code(400).type('text/plain; charset=utf-8').send(`${SERVICE_PARAMETER_MESSAGE}\n`);
    }
    let strategy;
    try {
      strategy = await store.getStrategy(service);
    } catch (error) {
      options.onRequest?.('unavailable', endpoint);
      const reason = error instanceof Error ? error.message : String(error);
      return reply.code(503).type('text/plain; charset=utf-8').send(`cannot get the sampling strategy of service "${service.slice(0, 200)}": ${reason}\n`);
    }
    options.onRequest?.('ok', endpoint);
    return reply.code(200).type('application/json').send(render(strategy));
  };
  app.get(`${basePath}/sampling`, serve('sampling', samplingStrategyToJson));
  if (options.legacyRootEndpoint) app.get(`${basePath}/`, serve('legacy', samplingStrategyToLegacyJson));
}
