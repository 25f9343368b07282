import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { encodeOtlpProto } from '@skein/codecs';
import { traceIdFromHex, type TraceId } from '@skein/model';
import type { TraceQuery } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import { traceSummaryJson } from '../ui-api/trace-summary.js';
import { serverStream, unary, type HandlerContext } from './handlers.js';
import { invalidArgument } from './proto-values.js';
import { encodeInChunks } from './span-chunks.js';
import { dependenciesFor, operationsFor, traceFor, traceQueryFrom, type QueryParametersCommon, type TimeRange } from './shared.js';

interface GetTraceRequest extends TimeRange {
  traceId: string;
  rawTraces: boolean;
}

interface TraceQueryParameters extends QueryParametersCommon {
  attributes: Record<string, string>;
  /** Present (an object) when the client sent a structured filter. */
  filter: object | null;
}

function traceIdOf(hex: string): TraceId {
  try {
    return traceIdFromHex(hex, 'trace_id');
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
}

/** api_v3's `TraceQueryParameters`: as over HTTP, both start-time bounds and a service name are required. */
function traceQueryOf(query: TraceQueryParameters | null): TraceQuery {
  // Answering as if unfiltered would return more traces than were asked for.
  if (query?.filter) throw invalidArgument('query.filter: filter expressions are not supported by Skein; use query.attributes');
  return traceQueryFrom(query, query?.attributes, true);
}

/** `jaeger.api_v3.QueryService`: spans as OTLP `TracesData`, streamed in chunks of bounded size. */
export function apiV3Implementation(service: QueryService, context: HandlerContext): UntypedServiceImplementation {
  return {
    GetTrace: serverStream('GetTrace', context, async function* (request: GetTraceRequest) {
      const trace = await traceFor(service, traceIdOf(request.traceId), request);
      yield* encodeInChunks(trace.spans, encodeOtlpProto);
    }),

    FindTraces: serverStream('FindTraces', context, async function* (request: { query: TraceQueryParameters | null }) {
      const traces = await service.findTraces(traceQueryOf(request.query), { raw: request.query?.rawTraces ?? false });
      for (const trace of traces) yield* encodeInChunks(trace.spans, encodeOtlpProto);
    }),

    FindTraceSummaries: serverStream('FindTraceSummaries', context, async function* (request: { query: TraceQueryParameters | null }) {
      const summaries = await service.findTraceSummaries(traceQueryOf(request.query));
      yield { summaries: summaries.map(traceSummaryJson) };
    }),

    GetServices: unary('GetServices', context, async () => ({ services: await service.getServices() })),

    GetOperations: unary('GetOperations', context, async (request: { service: string; spanKind: string }) => ({
      operations: await operationsFor(service, request),
    })),

    GetDependencies: unary('GetDependencies', context, async (request: TimeRange) => {
      const links = await dependenciesFor(service, request);
      return { dependencies: links.map((link) => ({ parent: link.parent, child: link.child, callCount: String(link.callCount) })) };
    }),
  };
}
