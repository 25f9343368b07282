import { parseJson, type TraceId } from '@skein/model';
import type { TraceQuery } from '@skein/storage';
import {
  BadParameterError,
  describe,
  parseBoolParam,
  parseGoDurationParam,
  parseLookbackParam,
  parseMicrosParam,
  parseTraceIdParam,
  parseWholeNumber,
  unparsable,
  type QueryParams,
} from './params.js';

/** Jaeger's limit when a search names none. */
export const DEFAULT_SEARCH_LIMIT = 100;
/** The largest `limit` accepted: bigger searches are a denial of service on the store, not a search. */
export const MAX_SEARCH_LIMIT = 10_000;
/** How far back a search looks when neither `start` nor `lookback` says (Jaeger: two days). */
export const DEFAULT_SEARCH_LOOKBACK_MICROS = 2 * 86_400 * 1_000_000;
/** At most this many tag conditions per search. */
export const MAX_SEARCH_TAGS = 100;

/** A `GET /api/traces` request: either a list of trace ids or a search. */
export type TraceSearchRequest =
  | { kind: 'ids'; traceIds: TraceId[]; startTime?: number; endTime?: number; raw: boolean }
  | { kind: 'search'; query: TraceQuery; raw: boolean };

/**
 * Reads Jaeger's search parameters: `service`, `operation`, `tag=k:v` (repeatable), `tags={json}` (repeatable),
 * `start`/`end` (µs), `lookback` (used when `start` is absent), `minDuration`/`maxDuration` (Go durations), `limit`,
 * `traceID` (repeatable; then the rest is only a time hint), `raw`.
 * @throws BadParameterError naming the first parameter that is wrong.
 */
export function parseTraceSearch(params: QueryParams, nowMicros: number): TraceSearchRequest {
  const raw = optional(params, 'raw', (name, value) => parseBoolParam(name, value)) ?? false;
  const start = optional(params, 'start', parseMicrosParam);
  const end = optional(params, 'end', parseMicrosParam);
  const lookback = optional(params, 'lookback', parseLookbackParam);

  const traceIds = params.all('traceID').map((value) => parseTraceIdParam('traceID', value));
  if (traceIds.length > 0) {
    return { kind: 'ids', traceIds, raw, ...(start === undefined ? {} : { startTime: start }), ...(end === undefined ? {} : { endTime: end }) };
  }

  const serviceName = params.first('service');
  if (serviceName === undefined) throw new BadParameterError('service', "parameter 'service' is required");
  const tags = parseTags(params.all('tag'), params.all('tags'));
  const limitValue = optional(params, 'limit', (name, value) => parseWholeNumber(name, value, MAX_SEARCH_LIMIT, 'traces'));
  const durationMin = optional(params, 'minDuration', (name, value) => parseGoDurationParam(name, value, 'up'));
  const durationMax = optional(params, 'maxDuration', (name, value) => parseGoDurationParam(name, value, 'down'));
  if (durationMin && durationMax && durationMax < durationMin) {
    throw new BadParameterError('maxDuration', `'maxDuration' (${params.first('maxDuration')}) should be greater than 'minDuration' (${params.first('minDuration')})`);
  }

  const startTimeMax = end ?? nowMicros;
  const startTimeMin = start ?? Math.max(0, startTimeMax - (lookback ?? DEFAULT_SEARCH_LOOKBACK_MICROS));
  if (startTimeMin > startTimeMax) {
    throw new BadParameterError('start', `'start' (${startTimeMin}) must not be after 'end' (${startTimeMax})`);
  }

  const query: TraceQuery = {
    serviceName,
    startTimeMin,
    startTimeMax,
    limit: limitValue === undefined || limitValue === 0 ? DEFAULT_SEARCH_LIMIT : limitValue,
  };
  const operationName = params.first('operation');
  if (operationName !== undefined) query.operationName = operationName;
  if (Object.keys(tags).length > 0) query.tags = tags;
  if (durationMin) query.durationMin = durationMin;
  if (durationMax) query.durationMax = durationMax;
  return { kind: 'search', query, raw };
}

function optional<T>(params: QueryParams, name: string, parse: (name: string, value: string) => T): T | undefined {
  const value = params.first(name);
  return value === undefined ? undefined : parse(name, value);
}

/**
 * `tag=key:value` (the value may contain colons) and `tags={"key":"value",…}`, merged; later JSON wins as in Jaeger.
 * The result has no prototype, so a `__proto__` key is just a tag key.
 */
export function parseTags(simpleTags: readonly string[], jsonTags: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  const add = (parameter: string, key: string, value: string): void => {
    if (!(key in tags)) count += 1;
    if (count > MAX_SEARCH_TAGS) throw unparsable(parameter, `more than ${MAX_SEARCH_TAGS} tag conditions`);
    tags[key] = value;
  };
  for (const tag of simpleTags) {
    const colon = tag.indexOf(':');
    if (colon === -1) {
      throw new BadParameterError('tag', `malformed 'tag' parameter, expecting key:value, received: ${describe(tag)}`);
    }
    add('tag', tag.slice(0, colon), tag.slice(colon + 1));
  }
  for (const text of jsonTags) {
    let parsed: unknown;
    try {
      parsed = parseJson(text, { maxDepth: 1, maxLength: 64 * 1024 });
    } catch (error) {
      throw new BadParameterError('tags', `malformed 'tags' parameter, cannot parse JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BadParameterError('tags', "malformed 'tags' parameter: expected a JSON object of string values, e.g. {\"error\":\"true\"}");
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') {
        throw new BadParameterError('tags', `malformed 'tags' parameter: the value of ${describe(key)} must be a string, got ${value === null ? 'null' : typeof value}`);
      }
      add('tags', key, value);
    }
  }
  return tags;
}
