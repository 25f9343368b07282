import { jaegerThriftBinary } from '@skein/codecs';
import type { FastifyInstance } from 'fastify';
import { mediaTypeOf } from './content-type.js';
import { describeRejections } from './failures.js';
import type { ReceiverTools } from './http-receiver.js';

const THRIFT_CONTENT_TYPES = new Set(['application/x-thrift', 'application/vnd.apache.thrift.binary']);

/**
 * Jaeger `POST /api/traces` (port 14268): a Thrift-binary `jaeger.Batch`, as jaeger-client's HTTP sender posts it.
 * 202 Accepted once written; 415 for other content types (Jaeger answers 400 there; 415 is the precise status);
 * 400 naming the problem for undecodable payloads, and when every span of the batch was refused.
 */
export function registerJaegerHttpRoutes(app: FastifyInstance, tools: ReceiverTools): void {
  app.post('/api/traces', async (request, reply) => {
    const mediaType = mediaTypeOf(request.headers['content-type']);
    if (!THRIFT_CONTENT_TYPES.has(mediaType)) {
      const failure = tools.recordRefusal(request, {
        status: 415,
        reason: 'unsupported-content-type',
        message: `Content-Type "${mediaType || '(none)'}" is not supported on /api/traces (use application/x-thrift or application/vnd.apache.thrift.binary)`,
        clientFault: true,
      });
      return tools.applyFailure(reply, failure).type('text/plain; charset=utf-8').send(`${failure.message}\n`);
    }
    try {
      const result = await tools.ingestBody(request, jaegerThriftBinary);
      if (result.accepted === 0 && result.rejected.length > 0) {
        return reply.code(400).type('text/plain; charset=utf-8').send(`${describeRejections(result.rejected)}\n`);
      }
      return reply.code(202).send();
    } catch (error) {
      const failure = tools.recordFailure(request, error);
      return tools.applyFailure(reply, failure).type('text/plain; charset=utf-8').send(`${failure.message}\n`);
    }
  });
}
