import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DecodeError, decodeOtlpJson } from '@skein/codecs';
import { stringifyJson, toJaegerUiTrace, type Span } from '@skein/model';
import { observeRequest } from './request-metrics.js';
import type { RouteContext } from './route-helpers.js';
import { v1Data, v1Failure, type V1Error } from './v1-envelope.js';

/** Largest OTLP JSON document `POST /api/transform` takes. */
export const MAX_TRANSFORM_BYTES = 64 * 1024 * 1024;

/**
 * `POST /api/transform`: an OTLP JSON export request in, Jaeger UI JSON out (`{data: [trace…]}`), so a UI can show an
 * OTLP file without storing it. Spans the decoder refuses are listed in `errors`; an unreadable document is a 400.
 * Registered in its own encapsulated scope so that its raw-body parser applies to this route only.
 */
export function registerTransformRoute(context: RouteContext): void {
  const { app, basePath, metrics } = context;
  void app.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_TRANSFORM_BYTES }, (_request, body, done) => done(null, body));
    scope.route({
      method: 'POST',
      url: `${basePath}/api/transform`,
      bodyLimit: MAX_TRANSFORM_BYTES,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        const { status, body } = transform(request.body);
        observeRequest(metrics, '/api/transform', status, (performance.now() - started) / 1000);
        return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
      },
    });
  });
}

function transform(payload: unknown): { status: number; body: string } {
  if (!(payload instanceof Uint8Array) || payload.length === 0) {
    return { status: 400, body: stringifyJson(v1Failure(400, 'the request body must be an OTLP JSON export request')) };
  }
  let decoded;
  try {
    decoded = decodeOtlpJson(payload);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { status: 400, body: stringifyJson(v1Failure(400, `cannot read the OTLP JSON document: ${error.message}`)) };
  }
  const byTrace = new Map<string, Span[]>();
  for (const span of decoded.spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  const traces = [...byTrace].map(([traceId, spans]) => toJaegerUiTrace({ traceId, spans }, { unsafeInt64: 'string' }));
  const errors: V1Error[] = decoded.rejected.map((rejected) => ({ msg: `span refused: ${rejected.reason}` }));
  return { status: 200, body: stringifyJson(v1Data(traces, 0, errors)) };
}
