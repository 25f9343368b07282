import { encodeOtlpExportResponse, otlpJson, otlpProto, ProtoWriter, WireType, type SpanCodec } from '@skein/codecs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { mediaTypeOf } from './content-type.js';
import { describeRejections, type HttpFailure } from './failures.js';
import type { ReceiverTools } from './http-receiver.js';

type OtlpEncoding = 'proto' | 'json';

const CODECS: Record<OtlpEncoding, SpanCodec> = { proto: otlpProto, json: otlpJson };
const CONTENT_TYPES: Record<OtlpEncoding, string> = { proto: 'application/x-protobuf', json: 'application/json' };

function encodingOf(mediaType: string): OtlpEncoding | undefined {
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'proto';
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

/** gRPC status codes used in OTLP/HTTP error bodies (`google.rpc.Status.code`). */
function grpcCodeOf(status: number): number {
  switch (status) {
    case 400:
    case 413:
    case 415:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 429:
      return 8; // RESOURCE_EXHAUSTED
    case 503:
      return 14; // UNAVAILABLE
    default:
      return 13; // INTERNAL
  }
}

/** `google.rpc.Status{code, message}` in the request's encoding, as OTLP/HTTP asks for error responses. */
function sendStatus(reply: FastifyReply, encoding: OtlpEncoding, failure: HttpFailure): FastifyReply {
  const code = grpcCodeOf(failure.status);
  if (encoding === 'json') {
    return reply.type(CONTENT_TYPES.json).send(JSON.stringify({ code, message: failure.message }));
  }
  const body = new ProtoWriter(64 + failure.message.length * 3).tag(1, WireType.VARINT).int32(code).stringField(2, failure.message).finish();
  return reply.type(CONTENT_TYPES.proto).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

function sendExportResponse(reply: FastifyReply, encoding: OtlpEncoding, rejectedSpans: number, message: string): FastifyReply {
  reply.code(200).type(CONTENT_TYPES[encoding]);
  if (encoding === 'json') {
    const body = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage: message } } : {};
    return reply.send(JSON.stringify(body));
  }
  const body = encodeOtlpExportResponse(rejectedSpans, message);
  return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * OTLP/HTTP `POST /v1/traces` (port 4318): protobuf or JSON, optionally gzip. Answers per the OTLP/HTTP spec: 200
 * with `partial_success` naming refused spans, 400/413/415 for a bad request, 429/503 with Retry-After; error
 * bodies are `google.rpc.Status` in the request's encoding.
 */
export function registerOtlpHttpRoutes(app: FastifyInstance, tools: ReceiverTools): void {
  app.post('/v1/traces', async (request, reply) => {
    const mediaType = mediaTypeOf(request.headers['content-type']);
    const encoding = encodingOf(mediaType);
    if (!encoding) {
      const failure = tools.recordRefusal(request, {
        status: 415,
        reason: 'unsupported-content-type',
        message: `Content-Type "${mediaType || '(none)'}" is not supported on /v1/traces (use application/x-protobuf or application/json)`,
        clientFault: true,
      });
      return sendStatus(tools.applyFailure(reply, failure), 'json', failure);
    }
    try {
      const result = await tools.ingestBody(request, CODECS[encoding]);
      return sendExportResponse(reply, encoding, result.rejected.length, result.rejected.length > 0 ? describeRejections(result.rejected) : '');
    } catch (error) {
      const failure = tools.recordFailure(request, error);
      return sendStatus(tools.applyFailure(reply, failure), encoding, failure);
    }
  });
}
