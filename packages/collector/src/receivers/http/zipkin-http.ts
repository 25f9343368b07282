import { zipkinV1Json, zipkinV1Thrift, zipkinV2Json, zipkinV2Proto, type SpanCodec } from '@skein/codecs';
import type { FastifyInstance } from 'fastify';
import { mediaTypeOf } from './content-type.js';
import { describeRejections } from './failures.js';
import type { ReceiverTools } from './http-receiver.js';

/** Which codec reads a media type on each Zipkin endpoint; a missing Content-Type means JSON, as Zipkin assumes. */
const ROUTES: Record<string, Record<string, SpanCodec>> = {
  '/api/v1/spans': { '': zipkinV1Json, 'application/json': zipkinV1Json, 'application/x-thrift': zipkinV1Thrift },
  '/api/v2/spans': { '': zipkinV2Json, 'application/json': zipkinV2Json, 'application/x-protobuf': zipkinV2Proto, 'application/protobuf': zipkinV2Proto },
};

/** Zipkin `POST /api/v1/spans` (JSON, Thrift) and `POST /api/v2/spans` (JSON, proto3) on port 9411; 202 Accepted. */
export function registerZipkinRoutes(app: FastifyInstance, tools: ReceiverTools): void {
  for (const [path, codecs] of Object.entries(ROUTES)) {
    app.post(path, async (request, reply) => {
      const mediaType = mediaTypeOf(request.headers['content-type']);
      const codec = codecs[mediaType];
      if (!codec) {
        const failure = tools.recordRefusal(request, {
          status: 415,
          reason: 'unsupported-content-type',
          message: `Content-Type "${mediaType}" is not supported on ${path} (use ${Object.keys(codecs).filter(Boolean).join(' or ')})`,
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
}
