import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringifyJson } from '@skein/model';
import type { QueryService } from '../query-service.js';
import { BadParameterError, parseTraceIdParam } from './params.js';
import { observeRequest } from './request-metrics.js';
import type { RouteContext } from './route-helpers.js';
import { TRACE_NOT_FOUND, v1Data, v1Failure } from './v1-envelope.js';

/** What an archive request may carry; Jaeger's UI sends none, so anything is read and dropped. */
const MAX_ARCHIVE_BODY_BYTES = 64 * 1024;

/** Jaeger's words when no archive storage is configured. */
export const NO_ARCHIVE_STORAGE = 'archive span storage was not configured';

/**
 * `POST /api/archive/{traceID}`: copies the whole stored trace (raw spans, as stored) to archive storage and answers
 * Jaeger's empty envelope. 404 when the trace is not stored, 501 when there is no archive storage.
 */
export function registerArchiveRoute(context: RouteContext, service: QueryService): void {
  const { app, basePath, metrics, logger } = context;
  const pattern = '/api/archive/:traceID';
  void app.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ARCHIVE_BODY_BYTES }, (_request, _body, done) => done(null, undefined));
    scope.route({
      method: 'POST',
      url: `${basePath}${pattern}`,
      bodyLimit: MAX_ARCHIVE_BODY_BYTES,
      handler: async (request: FastifyRequest<{ Params: { traceID: string } }>, reply: FastifyReply) => {
        const started = performance.now();
        let status = 200;
        let body = stringifyJson(v1Data([]));
        try {
          const traceId = parseTraceIdParam('traceID', request.params.traceID);
          const outcome = await service.archiveTrace(traceId);
          if (outcome === 'not-found') [status, body] = [404, stringifyJson(v1Failure(404, TRACE_NOT_FOUND))];
          else if (outcome === 'no-archive') [status, body] = [501, stringifyJson(v1Failure(501, NO_ARCHIVE_STORAGE))];
        } catch (error) {
          if (error instanceof BadParameterError) {
            [status, body] = [400, stringifyJson(v1Failure(400, error.message))];
          } else {
            logger.error({ err: error, endpoint: pattern }, 'archiving a trace failed');
            [status, body] = [500, stringifyJson(v1Failure(500, error instanceof Error ? error.message : String(error)))];
          }
        }
        observeRequest(metrics, pattern, status, (performance.now() - started) / 1000);
        return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
      },
    });
  });
}
