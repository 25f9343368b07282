import { status as Status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { encodeSpansResponseChunk } from '@skein/codecs';
import { traceIdFromBytes, type TraceId } from '@skein/model';
import type { TraceQuery } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import { serverStream, unary, type HandlerContext } from './handlers.js';
import { GrpcRequestError, invalidArgument } from './proto-values.js';
import { encodeInChunks } from './span-chunks.js';
import { dependenciesFor, NOT_FOUND_MESSAGE, NO_ARCHIVE_MESSAGE, operationsFor, traceFor, traceQueryFrom, type QueryParametersCommon, type TimeRange } from './shared.js';

interface GetTraceRequest extends TimeRange {
  traceId: Buffer;
  rawTraces: boolean;
}

interface TraceQueryParameters extends QueryParametersCommon {
  tags: Record<string, string>;
}

function traceIdOf(bytes: Buffer): TraceId {
  if (bytes.length !== 16) throw invalidArgument(`trace_id must be 16 bytes, got ${bytes.length}`);
  return traceIdFromBytes(bytes, 'trace_id');
}

/** jaeger.api_v2 `TraceQueryParameters` as a store query (`search_depth` 0: Jaeger's default of 100). */
function traceQueryOf(query: TraceQueryParameters | null): TraceQuery {
  return traceQueryFrom(query, query?.tags, false);
}

/** `jaeger.api_v2.QueryService`: spans in Jaeger's protobuf model, streamed in chunks. */
export function apiV2Implementation(service: QueryService, context: HandlerContext): UntypedServiceImplementation {
  return {
    GetTrace: serverStream('GetTrace', context, async function* (request: GetTraceRequest) {
      const trace = await traceFor(service, traceIdOf(request.traceId), request);
      yield* encodeInChunks(trace.spans, encodeSpansResponseChunk);
    }),

    ArchiveTrace: unary('ArchiveTrace', context, async (request: { traceId: Buffer }) => {
      const outcome = await service.archiveTrace(traceIdOf(request.traceId));
      if (outcome === 'not-found') throw new GrpcRequestError(Status.NOT_FOUND, NOT_FOUND_MESSAGE);
      if (outcome === 'no-archive') throw new GrpcRequestError(Status.UNIMPLEMENTED, NO_ARCHIVE_MESSAGE);
      return {};
    }),

    FindTraces: serverStream('FindTraces', context, async function* (request: { query: TraceQueryParameters | null }) {
      const traces = await service.findTraces(traceQueryOf(request.query), { raw: request.query?.rawTraces ?? false });
      for (const trace of traces) yield* encodeInChunks(trace.spans, encodeSpansResponseChunk);
    }),

    GetServices: unary('GetServices', context, async () => ({ services: await service.getServices() })),

    GetOperations: unary('GetOperations', context, async (request: { service: string; spanKind: string }) => {
      const operations = await operationsFor(service, request);
      return { operationNames: [...new Set(operations.map((op) => op.name))], operations };
    }),

    GetDependencies: unary('GetDependencies', context, async (request: TimeRange) => {
      const links = await dependenciesFor(service, request);
      return { dependencies: links.map((link) => ({ parent: link.parent, child: link.child, callCount: String(link.callCount), source: '' })) };
    }),
  };
}
