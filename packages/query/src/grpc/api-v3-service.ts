import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { encodeOtlpProto } from '@skein/codecs';
import { traceIdFromHex, type TraceId } from '@skein/model';
import type { Logger } from '@skein/runtime';
import type { TraceQuery, TraceSummary } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import { serverStream, unary } from './handlers.js';
import { durationMicros, invalidArgument, timestampMicros, type SecondsNanos } from './proto-values.js';
import { encodeInChunks } from './span-chunks.js';
import { dependenciesFor, operationsFor, queryLimit, traceFor } from './shared.js';

interface GetTraceRequest {
  traceId: string;
  startTime: SecondsNanos | null;
  endTime: SecondsNanos | null;
  rawTraces: boolean;
}

interface TraceQueryParameters {
  serviceName: string;
  operationName: string;
  attributes: Record<string, string>;
  startTimeMin: SecondsNanos | null;
  startTimeMax: SecondsNanos | null;
  durationMin: SecondsNanos | null;
  durationMax: SecondsNanos | null;
  searchDepth: number;
  rawTraces: boolean;
}

function traceIdOf(hex: string): TraceId {
  try {
    return traceIdFromHex(hex, 'trace_id');
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
}

/**
 * api_v3's `TraceQueryParameters` as a store query. As over HTTP, `start_time_min` and `start_time_max` are required
 * and ordered, and `service_name` is required.
 */
function traceQueryOf(query: TraceQueryParameters | null): TraceQuery {
  if (!query) throw invalidArgument('query is required');
  const startTimeMin = timestampMicros(query.startTimeMin, 'query.start_time_min');
  const startTimeMax = timestampMicros(query.startTimeMax, 'query.start_time_max');
  if (startTimeMin === undefined || startTimeMax === undefined) {
    throw invalidArgument('query.start_time_min and query.start_time_max are required');
  }
  if (startTimeMin >= startTimeMax) throw invalidArgument('query.start_time_min must be before query.start_time_max');
  if (!query.serviceName) throw invalidArgument('query.service_name is required');
  const durationMin = durationMicros(query.durationMin, 'query.duration_min');
  const durationMax = durationMicros(query.durationMax, 'query.duration_max');
  const tags = Object.keys(query.attributes).length > 0 ? query.attributes : undefined;
  return {
    serviceName: query.serviceName,
    ...(query.operationName ? { operationName: query.operationName } : {}),
    ...(tags ? { tags } : {}),
    startTimeMin,
    startTimeMax,
    ...(durationMin !== undefined ? { durationMin } : {}),
    ...(durationMax !== undefined ? { durationMax } : {}),
    limit: queryLimit(query.searchDepth),
  };
}

function summaryMessage(summary: TraceSummary) {
  return {
    traceId: summary.traceId,
    rootServiceName: summary.rootServiceName,
    rootOperationName: summary.rootOperationName,
    minStartTimeUnixNano: (BigInt(summary.minStartTime) * 1000n).toString(),
    maxEndTimeUnixNano: (BigInt(summary.maxEndTime) * 1000n).toString(),
    spanCount: summary.spanCount,
    errorSpanCount: summary.errorSpanCount,
    orphanSpanCount: summary.orphanSpanCount,
    services: summary.services,
  };
}

/** `jaeger.api_v3.QueryService`: spans as OTLP `TracesData`, streamed in chunks of bounded size. */
export function apiV3Implementation(service: QueryService, logger: Logger): UntypedServiceImplementation {
  return {
    GetTrace: serverStream('GetTrace', logger, async function* (request: GetTraceRequest) {
      const trace = await traceFor(service, traceIdOf(request.traceId), request);
      yield* encodeInChunks(trace.spans, encodeOtlpProto);
    }),

    FindTraces: serverStream('FindTraces', logger, async function* (request: { query: TraceQueryParameters | null }) {
      const traces = await service.findTraces(traceQueryOf(request.query), { raw: request.query?.rawTraces ?? false });
      for (const trace of traces) yield* encodeInChunks(trace.spans, encodeOtlpProto);
    }),

    FindTraceSummaries: serverStream('FindTraceSummaries', logger, async function* (request: { query: TraceQueryParameters | null }) {
      const summaries = await service.findTraceSummaries(traceQueryOf(request.query));
      yield { summaries: summaries.map(summaryMessage) };
    }),

    GetServices: unary('GetServices', logger, async () => ({ services: await service.getServices() })),

    GetOperations: unary('GetOperations', logger, async (request: { service: string; spanKind: string }) => ({
      operations: await operationsFor(service, request),
    })),

    GetDependencies: unary('GetDependencies', logger, async (request: { startTime: SecondsNanos | null; endTime: SecondsNanos | null }) => {
      const links = await dependenciesFor(service, request);
      return { dependencies: links.map((link) => ({ parent: link.parent, child: link.child, callCount: String(link.callCount) })) };
    }),
  };
}
