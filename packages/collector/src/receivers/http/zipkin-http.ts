import { zipkinV1Json, zipkinV1Thrift, zipkinV2Json, zipkinV2Proto, type SpanCodec } from '@skein/codecs';
import type { FastifyInstance } from 'fastify';
import { registerCodecRoute } from './codec-route.js';
import type { ReceiverTools } from './http-receiver.js';

/** Which codec reads a media type on each Zipkin endpoint; a missing Content-Type means JSON, as Zipkin assumes. */
const ROUTES: Record<string, Record<string, SpanCodec>> = {
  '/api/v1/spans': { '': zipkinV1Json, 'application/json': zipkinV1Json, 'application/x-thrift': zipkinV1Thrift },
  '/api/v2/spans': { '': zipkinV2Json, 'application/json': zipkinV2Json, 'application/x-protobuf': zipkinV2Proto, 'application/protobuf': zipkinV2Proto },
};

/** Zipkin `POST /api/v1/spans` (JSON, Thrift) and `POST /api/v2/spans` (JSON, proto3) on port 9411; 202 Accepted. */
export function registerZipkinRoutes(app: FastifyInstance, tools: ReceiverTools): void {
  for (const [path, codecs] of Object.entries(ROUTES)) registerCodecRoute(app, tools, path, codecs);
}
