import { jaegerThriftBinary, jaegerThriftCompact } from '@skein/codecs';
import type { FastifyInstance } from 'fastify';
import { registerCodecRoute } from './codec-route.js';
import type { ReceiverTools } from './http-receiver.js';

/**
 * Jaeger `POST /api/traces` (port 14268): a Thrift `jaeger.Batch`, as jaeger-client's HTTP sender posts it, or a
 * `Collector.submitBatches` call as Thrift's HTTP transport posts it (the OpenCensus Python exporter; Jaeger itself
 * refuses that framing); binary protocol, or compact with `application/vnd.apache.thrift.compact`.
 * 202 Accepted once written; 415 for other content types (Jaeger answers 400 there; 415 is the precise status);
 * 400 naming the problem for undecodable payloads, and when every span of the batch was refused.
 */
export function registerJaegerHttpRoutes(app: FastifyInstance, tools: ReceiverTools): void {
  registerCodecRoute(app, tools, '/api/traces', {
    'application/x-thrift': jaegerThriftBinary,
    'application/vnd.apache.thrift.binary': jaegerThriftBinary,
    'application/vnd.apache.thrift.compact': jaegerThriftCompact,
  });
}
