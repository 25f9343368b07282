import { InvalidTraceQueryError } from './errors.js';

/** Jaeger's default number of traces when a search names no limit. */
export const DEFAULT_TRACE_LIMIT = 100;

/**
 * A trace search, with Jaeger's semantics. A trace qualifies when at least ONE of its spans meets every span-level
 * criterion at once: its process's service is `serviceName`, its operation is `operationName`, it has every tag
 * in `tags`, it starts within `[startTimeMin, startTimeMax]` and lasts within `[durationMin, durationMax]`.
 * All bounds are inclusive; an omitted bound does not constrain. Times and durations are microseconds.
 *
 * `tags` is an AND of key = value pairs. A pair matches a tag with that key in the span's tags, its process tags or
 * any of its log fields whose value, rendered as a string the way Jaeger renders it (`tagValueAsString`), equals
 * the given value.
 *
 * `limit` is the number of most recent qualifying traces to return, ranked by the latest start time among the
 * trace's matching spans (`DEFAULT_TRACE_LIMIT` when omitted).
 */
export interface TraceQuery {
  serviceName: string;
  operationName?: string;
  tags?: Readonly<Record<string, string>>;
  startTimeMin?: number;
  startTimeMax?: number;
  durationMin?: number;
  durationMax?: number;
  limit?: number;
}

/** A query that passed `validateTraceQuery`: the limit is resolved and tags are a list of pairs. */
export interface ValidTraceQuery {
  serviceName: string;
  operationName: string | undefined;
  tags: ReadonlyArray<readonly [key: string, value: string]>;
  startTimeMin: number | undefined;
  startTimeMax: number | undefined;
  durationMin: number | undefined;
  durationMax: number | undefined;
  limit: number;
}

/**
 * Checks a query the way Jaeger's stores do and resolves its defaults. Rules: a service name is required (Jaeger's
 * query API requires one for every search); `startTimeMin` ≤ `startTimeMax` and `durationMin` ≤ `durationMax` when
 * both are given; times and durations are finite integers; `limit` is a positive integer; tag values are strings.
 * An empty operation name means "any operation", as in Jaeger.
 * @throws InvalidTraceQueryError naming the broken rule.
 */
export function validateTraceQuery(query: TraceQuery): ValidTraceQuery {
  if (typeof query.serviceName !== 'string' || query.serviceName === '') {
    throw new InvalidTraceQueryError('service-name-required', 'a service name is required');
  }
  const startTimeMin = optionalInteger(query.startTimeMin, 'startTimeMin');
  const startTimeMax = optionalInteger(query.startTimeMax, 'startTimeMax');
  const durationMin = optionalInteger(query.durationMin, 'durationMin');
  const durationMax = optionalInteger(query.durationMax, 'durationMax');
  if (startTimeMin !== undefined && startTimeMax !== undefined && startTimeMin > startTimeMax) {
    throw new InvalidTraceQueryError(
      'start-time-min-after-max',
      `startTimeMin ${startTimeMin} is after startTimeMax ${startTimeMax}`,
    );
  }
  if (durationMin !== undefined && durationMax !== undefined && durationMin > durationMax) {
    throw new InvalidTraceQueryError(
      'duration-min-above-max',
      `durationMin ${durationMin} is above durationMax ${durationMax}`,
    );
  }
  const limit = query.limit ?? DEFAULT_TRACE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new InvalidTraceQueryError('invalid-limit', `limit must be a positive integer, got ${String(query.limit)}`);
  }
  const tags: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(query.tags ?? {})) {
    if (typeof value !== 'string') {
      throw new InvalidTraceQueryError('invalid-tags', `the value of tag "${key}" must be a string`);
    }
    tags.push([key, value]);
  }
  return {
    serviceName: query.serviceName,
    operationName: query.operationName === '' ? undefined : query.operationName,
    tags,
    startTimeMin,
    startTimeMax,
    durationMin,
    durationMax,
    limit,
  };
}

function optionalInteger(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) {
    throw new InvalidTraceQueryError('invalid-number', `${field} must be an integer number of microseconds, got ${value}`);
  }
  return value;
}
