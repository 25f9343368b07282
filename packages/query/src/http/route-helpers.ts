import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@skein/runtime';
import { InvalidTraceQueryError } from '@skein/storage';
import { BadParameterError, QueryParams } from './params.js';
import { observeRequest, type QueryMetrics } from './request-metrics.js';

export interface RouteContext {
  app: FastifyInstance;
  /** '' or a path starting with '/' and not ending with one. */
  basePath: string;
  logger: Logger;
  metrics: QueryMetrics;
  /** Every GET pattern registered through `getRoute`, so that other methods on them can answer 405. */
  getPatterns: string[];
}

/** What a handler answers with: a status and a body already serialised (or a value to serialise as JSON). */
export interface Answer {
  status: number;
  body: string;
  contentType?: string;
}

export type ApiFailureRenderer = (status: number, message: string) => string;

/**
 * Registers a GET route under the base path. The handler's errors become answers here, not in an app-wide error
 * handler, so that these routes behave the same when mounted into another app (the all-in-one): bad parameters and
 * rejected queries 400, anything else 500 (logged). Latency and errors are recorded per route pattern.
 */
export function getRoute(
  context: RouteContext,
  pattern: string,
  renderFailure: ApiFailureRenderer,
  handler: (request: FastifyRequest, params: QueryParams) => Promise<Answer>,
): void {
  const { app, basePath, logger, metrics } = context;
  context.getPatterns.push(pattern);
  app.route({
    method: 'GET',
    url: `${basePath}${pattern}`,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const started = performance.now();
      let answer: Answer;
      try {
        answer = await handler(request, new QueryParams(request.url));
      } catch (error) {
        if (error instanceof BadParameterError || error instanceof InvalidTraceQueryError) {
          answer = { status: 400, body: renderFailure(400, error.message) };
        } else {
          logger.error({ err: error, endpoint: pattern }, 'query API request failed');
          const message = error instanceof Error ? error.message : String(error);
          answer = { status: 500, body: renderFailure(500, message) };
        }
      }
      observeRequest(metrics, pattern, answer.status, (performance.now() - started) / 1000);
      return reply
        .code(answer.status)
        .header('content-type', answer.contentType ?? 'application/json; charset=utf-8')
        .send(answer.body);
    },
  });
}
