import { parseJson } from '@skein/model';
import type { TraceQuery } from '@skein/storage';
import {
  BadParameterError,
  parseBoolParam,
  parseGoDurationParam,
  parseRfc3339Param,
  parseWholeNumber,
  type QueryParams,
} from './params.js';
import { MAX_SEARCH_LIMIT, MAX_SEARCH_TAGS } from './v1-search-params.js';

/** api_v3's default `searchDepth` (number of traces). */
export const DEFAULT_SEARCH_DEPTH = 100;

/** Each api_v3 parameter by its canonical (proto3 JSON, camelCase) name, then the older snake_case aliases. */
export const V3_PARAM = {
  startTime: ['startTime', 'start_time'],
  endTime: ['endTime', 'end_time'],
  rawTraces: ['rawTraces', 'raw_traces'],
  serviceName: ['query.serviceName', 'query.service_name'],
  operationName: ['query.operationName', 'query.operation_name'],
  startTimeMin: ['query.startTimeMin', 'query.start_time_min'],
  startTimeMax: ['query.startTimeMax', 'query.start_time_max'],
  searchDepth: ['query.searchDepth', 'query.search_depth', 'query.num_traces'],
  durationMin: ['query.durationMin', 'query.duration_min'],
  durationMax: ['query.durationMax', 'query.duration_max'],
  queryRawTraces: ['query.rawTraces', 'query.raw_traces'],
  attributes: ['query.attributes'],
  filter: ['query.filter'],
  spanKind: ['spanKind', 'span_kind'],
} as const;

/** api_v3 errors say `malformed parameter <name>: <problem>`. */
function malformed(parameter: string, problem: string): BadParameterError {
  return new BadParameterError(parameter, `malformed parameter ${parameter}: ${problem}`);
}

/** Re-labels an error from the shared parsers in api_v3's wording. */
export function v3<T>(parameter: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof BadParameterError)) throw error;
    throw malformed(parameter, error.message.replace(/^(unable to parse param '[^']*'|malformed parameter \S+): /, ''));
  }
}

export interface V3GetTraceRequest {
  startTime?: number;
  endTime?: number;
  raw: boolean;
}

export function parseV3GetTrace(params: QueryParams): V3GetTraceRequest {
  const request: V3GetTraceRequest = { raw: false };
  const start = params.firstOf(V3_PARAM.startTime);
  if (start) request.startTime = parseRfc3339Param(start.name, start.value);
  const end = params.firstOf(V3_PARAM.endTime);
  if (end) request.endTime = parseRfc3339Param(end.name, end.value);
  const raw = params.firstOf(V3_PARAM.rawTraces);
  if (raw) request.raw = v3(raw.name, () => parseBoolParam(raw.name, raw.value));
  return request;
}

export interface V3FindTracesRequest {
  query: TraceQuery;
  raw: boolean;
}

/**
 * api_v3's FindTraces parameters: `query.startTimeMin` and `query.startTimeMax` (RFC 3339) are required and must be
 * in order; `query.serviceName` is required by every Skein store; durations are Go durations; `query.attributes` is a
 * JSON object of string values. `query.filter` (expression filters) is not supported yet and is refused.
 */
export function parseV3FindTraces(params: QueryParams): V3FindTracesRequest {
  const filter = params.firstOf(V3_PARAM.filter);
  if (filter) throw malformed(filter.name, 'filter expressions are not supported by Skein; use query.attributes');
  const min = params.firstOf(V3_PARAM.startTimeMin);
  const max = params.firstOf(V3_PARAM.startTimeMax);
  if (!min || !max) {
    throw new BadParameterError(V3_PARAM.startTimeMin[0], `${V3_PARAM.startTimeMin[0]} and ${V3_PARAM.startTimeMax[0]} are required`);
  }
  const startTimeMin = parseRfc3339Param(min.name, min.value);
  const startTimeMax = parseRfc3339Param(max.name, max.value);
  if (startTimeMin >= startTimeMax) {
    throw new BadParameterError(min.name, `${V3_PARAM.startTimeMin[0]} must be before ${V3_PARAM.startTimeMax[0]}`);
  }
  const service = params.firstOf(V3_PARAM.serviceName);
  if (!service) throw new BadParameterError(V3_PARAM.serviceName[0], `${V3_PARAM.serviceName[0]} is required`);

  const query: TraceQuery = { serviceName: service.value, startTimeMin, startTimeMax, limit: DEFAULT_SEARCH_DEPTH };
  const operation = params.firstOf(V3_PARAM.operationName);
  if (operation) query.operationName = operation.value;
  const depth = params.firstOf(V3_PARAM.searchDepth);
  if (depth) {
    const limit = v3(depth.name, () => parseWholeNumber(depth.name, depth.value, MAX_SEARCH_LIMIT, 'traces'));
    if (limit === 0) throw malformed(depth.name, 'must be at least 1');
    query.limit = limit;
  }
  const durationMin = params.firstOf(V3_PARAM.durationMin);
  if (durationMin) query.durationMin = v3(durationMin.name, () => parseGoDurationParam(durationMin.name, durationMin.value, 'up'));
  const durationMax = params.firstOf(V3_PARAM.durationMax);
  if (durationMax) query.durationMax = v3(durationMax.name, () => parseGoDurationParam(durationMax.name, durationMax.value, 'down'));
  if (query.durationMin !== undefined && query.durationMax !== undefined && query.durationMin > query.durationMax) {
    throw new BadParameterError(durationMax!.name, `${durationMax!.name} must not be below ${durationMin!.name}`);
  }
  const attributes = params.firstOf(V3_PARAM.attributes);
  if (attributes) {
    const tags = parseAttributes(attributes.name, attributes.value);
    if (Object.keys(tags).length > 0) query.tags = tags;
  }
  const raw = params.firstOf(V3_PARAM.queryRawTraces);
  return { query, raw: raw ? v3(raw.name, () => parseBoolParam(raw.name, raw.value)) : false };
}

function parseAttributes(parameter: string, text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = parseJson(text, { maxDepth: 1, maxLength: 64 * 1024 });
  } catch (error) {
    throw malformed(parameter, (error as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed(parameter, 'expected a JSON object of string values');
  }
  const tags = Object.create(null) as Record<string, string>;
  const entries = Object.entries(parsed);
  if (entries.length > MAX_SEARCH_TAGS) throw malformed(parameter, `more than ${MAX_SEARCH_TAGS} attributes`);
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw malformed(parameter, `the value of ${JSON.stringify(key.slice(0, 64))} must be a string`);
    tags[key] = value;
  }
  return tags;
}
