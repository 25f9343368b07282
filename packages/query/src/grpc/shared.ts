import { NO_ARCHIVE_STORAGE } from '../http/archive-route.js';
import { TRACE_NOT_FOUND } from '../http/v1-envelope.js';
import { MAX_SEARCH_LIMIT } from '../http/v1-search-params.js';
import { DEFAULT_SEARCH_DEPTH } from '../http/v3-params.js';
import { status as Status } from '@grpc/grpc-js';
import type { Trace, TraceId } from '@skein/model';
import type { DependencyLink, TraceQuery } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import { DEFAULT_DEPENDENCIES_LOOKBACK_MICROS } from '../http/v1-routes.js';
import { durationMicros, GrpcRequestError, invalidArgument, timestampMicros, type SecondsNanos } from './proto-values.js';

export const NOT_FOUND_MESSAGE = TRACE_NOT_FOUND;
export const NO_ARCHIVE_MESSAGE = NO_ARCHIVE_STORAGE;

/** The time window of GetTrace hints and GetDependencies in both APIs. */
export interface TimeRange {
  startTime: SecondsNanos | null;
  endTime: SecondsNanos | null;
}

/** The fields both APIs' `TraceQueryParameters` share (api_v2 names its tag map `tags`, api_v3 `attributes`). */
export interface QueryParametersCommon {
  serviceName: string;
  operationName: string;
  startTimeMin: SecondsNanos | null;
  startTimeMax: SecondsNanos | null;
  durationMin: SecondsNanos | null;
  durationMax: SecondsNanos | null;
  searchDepth: number;
  rawTraces: boolean;
}

/**
 * A store query from either API's parameters; `requireWindow` adds api_v3's rules (both start-time bounds, in
 * order, and a service name).
 */
export function traceQueryFrom(
  query: QueryParametersCommon | null,
  tags: Record<string, string> | undefined,
  requireWindow: boolean,
): TraceQuery {
  if (!query) throw invalidArgument('query is required');
  const startTimeMin = timestampMicros(query.startTimeMin, 'query.start_time_min');
  const startTimeMax = timestampMicros(query.startTimeMax, 'query.start_time_max');
  if (requireWindow) {
    if (startTimeMin === undefined || startTimeMax === undefined) {
      throw invalidArgument('query.start_time_min and query.start_time_max are required');
    }
    if (startTimeMin >= startTimeMax) throw invalidArgument('query.start_time_min must be before query.start_time_max');
    if (!query.serviceName) throw invalidArgument('query.service_name is required');
  }
  const durationMin = durationMicros(query.durationMin, 'query.duration_min');
  const durationMax = durationMicros(query.durationMax, 'query.duration_max');
  return {
    serviceName: query.serviceName,
    ...(query.operationName ? { operationName: query.operationName } : {}),
    ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
    ...(startTimeMin !== undefined ? { startTimeMin } : {}),
    ...(startTimeMax !== undefined ? { startTimeMax } : {}),
    ...(durationMin !== undefined ? { durationMin } : {}),
    ...(durationMax !== undefined ? { durationMax } : {}),
    limit: queryLimit(query.searchDepth),
  };
}

/** `search_depth` as a trace limit: 0 is Jaeger's default of 100. */
export function queryLimit(searchDepth: number): number {
  if (searchDepth < 0) throw invalidArgument(`search_depth must not be negative, got ${searchDepth}`);
  if (searchDepth > MAX_SEARCH_LIMIT) throw invalidArgument(`search_depth must be at most ${MAX_SEARCH_LIMIT}, got ${searchDepth}`);
  return searchDepth === 0 ? DEFAULT_SEARCH_DEPTH : searchDepth;
}

/** GetTrace of both APIs: the optional time hint, raw or adjusted; NOT_FOUND when no span is stored. */
export async function traceFor(
  service: QueryService,
  traceId: TraceId,
  request: TimeRange & { rawTraces: boolean },
): Promise<Trace> {
  const startTime = timestampMicros(request.startTime, 'start_time');
  const endTime = timestampMicros(request.endTime, 'end_time');
  const trace = await service.getTrace(traceId, {
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
    raw: request.rawTraces,
  });
  if (trace === null) throw new GrpcRequestError(Status.NOT_FOUND, NOT_FOUND_MESSAGE);
  return trace;
}

/** GetDependencies of both APIs: `[start_time, end_time]`, by default the day before now. */
export function dependenciesFor(
  service: QueryService,
  request: TimeRange,
): Promise<DependencyLink[]> {
  const end = timestampMicros(request.endTime, 'end_time') ?? Date.now() * 1000;
  const start = timestampMicros(request.startTime, 'start_time') ?? end - DEFAULT_DEPENDENCIES_LOOKBACK_MICROS;
  if (start > end) throw invalidArgument('start_time must not be after end_time');
  return service.getDependencies(end, end - start);
}

/** GetOperations of both APIs; a service name is required. */
export async function operationsFor(service: QueryService, request: { service: string; spanKind: string }) {
  if (!request.service) throw invalidArgument('service is required');
  const operations = await service.getOperations(request.service, request.spanKind || undefined);
  return operations.map((op) => ({ name: op.name, spanKind: op.spanKind }));
}
