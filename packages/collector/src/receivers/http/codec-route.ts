import type { SpanCodec } from '@skein/codecs';
import type { FastifyInstance } from 'fastify';
import { mediaTypeOf } from './content-type.js';
import { describeRejections } from './failures.js';
import type { ReceiverTools } from './http-receiver.js';

/**
 * `POST path` for receivers that pick the codec by Content-Type and answer in plain text (Jaeger's 14268, Zipkin's
 * 9411): 415 for a media type not in `codecs` (the key `''` serves requests without one), 202 once written, 400
 * naming the problem for an undecodable payload or a batch whose every span was refused.
 */
export function registerCodecRoute(app: FastifyInstance, tools: ReceiverTools, path: string, codecs: Readonly<Record<string, SpanCodec>>): void {
  const accepted = Object.keys(codecs).filter(Boolean).join(' or ');
  app.post(path, async (request, reply) => {
    const mediaType = mediaTypeOf(request.headers['content-type']);
    const codec = codecs[mediaType];
    if (!codec) {
      const failure = tools.recordRefusal(request, {
        status: 415,
        reason: 'unsupported-content-type',
        message: `Content-Type "${mediaType || '(none)'}" is not supported on ${path} (use ${accepted})`,
        clientFault: true,
      });
      return tools.applyFailure(reply, failure).type('text/plain; charset=utf-8').send(`${failure.message}\n`);
    }
    try {
      const result = await tools.ingestBody(request, codec);
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
