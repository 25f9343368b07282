import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringifyJson } from '@skein/model';
import { observeRequest } from './request-metrics.js';
import type { RouteContext } from './route-helpers.js';
import { v1Failure } from './v1-envelope.js';

const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** Endpoints the current Jaeger UI may call that Skein does not implement: a clear 501, never the UI's HTML. */
const NOT_IMPLEMENTED: Record<string, string> = {
  '/api/quality-metrics': 'trace quality metrics are not implemented by Skein; keep the quality page off in the UI configuration',
  '/analytics/v1/dependencies': 'the deep dependency graph is not implemented by Skein; use /api/dependencies',
};

/**
 * Everything under `/api` and `/analytics` that no route answers gets Jaeger's JSON envelope, for every method:
 * 404 for unknown paths, 405 for a known GET path asked with another method, 501 for what Skein does not implement.
 * Without this, an unknown POST would get Fastify's own body and `/analytics/*` the UI's `index.html`.
 */
export function registerFallbackRoutes(context: RouteContext): void {
  const { app, basePath, metrics, getPatterns } = context;
  const send = (reply: FastifyReply, pattern: string, status: number, message: string): FastifyReply => {
    observeRequest(metrics, pattern, status, 0);
    return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(stringifyJson(v1Failure(status, message)));
  };
  const answer = (pattern: string, status: number, message: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    send(reply, pattern, status, message);
  for (const [path, message] of Object.entries(NOT_IMPLEMENTED)) {
    app.route({ method: 'GET', url: `${basePath}${path}`, handler: answer(path, 501, message) });
  }
  app.route({ method: 'GET', url: `${basePath}/analytics/*`, handler: answer('/analytics/*', 404, 'no such API endpoint') });
  app.route({
    method: [...OTHER_METHODS],
    url: `${basePath}/api/*`,
    handler: async (request, reply) => {
      const path = request.url.split('?')[0]!.slice(basePath.length);
      const known = getPatterns.some((pattern) => !pattern.endsWith('*') && new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}$`).test(path));
      if (!known) return send(reply, '/api/*', 404, 'no such API endpoint');
      reply.header('allow', 'GET, HEAD');
      return send(reply, '/api/*', 405, `${request.method} is not allowed on ${path.slice(0, 128)}; use GET`);
    },
  });
  app.route({ method: [...OTHER_METHODS], url: `${basePath}/analytics/*`, handler: answer('/analytics/*', 404, 'no such API endpoint') });
  for (const root of ['/api', '/analytics']) {
    app.route({ method: ['GET', ...OTHER_METHODS], url: `${basePath}${root}`, handler: answer(root, 404, 'no such API endpoint') });
  }
}
