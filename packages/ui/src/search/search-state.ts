import { parseDuration, toGoDuration } from '../format/duration';
import { formatLogfmt, parseLogfmt } from './logfmt';

export const LOOKBACKS: ReadonlyArray<{ value: string; label: string; micros: number }> = [
  { value: '5m', label: 'Last 5 minutes', micros: 5 * 60e6 },
  { value: '15m', label: 'Last 15 minutes', micros: 15 * 60e6 },
  { value: '30m', label: 'Last 30 minutes', micros: 30 * 60e6 },
  { value: '1h', label: 'Last hour', micros: 3_600e6 },
  { value: '2h', label: 'Last 2 hours', micros: 7_200e6 },
  { value: '3h', label: 'Last 3 hours', micros: 10_800e6 },
  { value: '6h', label: 'Last 6 hours', micros: 21_600e6 },
  { value: '12h', label: 'Last 12 hours', micros: 43_200e6 },
  { value: '24h', label: 'Last 24 hours', micros: 86_400e6 },
  { value: '2d', label: 'Last 2 days', micros: 172_800e6 },
  { value: '7d', label: 'Last 7 days', micros: 604_800e6 },
];

export const SORTS = ['recent', 'longest', 'shortest', 'most-spans', 'most-errors'] as const;
export type SortOrder = (typeof SORTS)[number];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1500;

/** Everything the search page shows, read from and written to its URL (Jaeger's parameter names). */
export interface SearchState {
  service: string;
  operation: string;
  /** Tag filter in logfmt as typed. */
  tags: string;
  /** A `LOOKBACKS` value, or `custom` (then `start`/`end`, µs). */
  lookback: string;
  start?: number;
  end?: number;
  minDuration: string;
  maxDuration: string;
  limit: number;
  sort: SortOrder;
  /** Trace ids looked up directly (`traceID`, repeated). */
  traceIDs: string[];
}

export function readSearchState(params: URLSearchParams): SearchState {
  const limit = Number(params.get('limit'));
  const sort = params.get('sort') as SortOrder | null;
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const state: SearchState = {
    service: params.get('service') ?? '',
    operation: params.get('operation') ?? '',
    tags: readTags(params.get('tags') ?? ''),
    lookback: params.get('lookback') ?? '1h',
    minDuration: params.get('minDuration') ?? '',
    maxDuration: params.get('maxDuration') ?? '',
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT,
    sort: sort !== null && (SORTS as readonly string[]).includes(sort) ? sort : 'recent',
    traceIDs: params.getAll('traceID').flatMap(splitTraceIds),
  };
  if (params.get('start') && Number.isFinite(start)) state.start = start;
  if (params.get('end') && Number.isFinite(end)) state.end = end;
  if (state.lookback !== 'custom' && !LOOKBACKS.some((option) => option.value === state.lookback)) state.lookback = '1h';
  return state;
}

/** Jaeger puts tags in the URL as a JSON object; older links and people type logfmt. Either reads back as logfmt. */
function readTags(raw: string): string {
  if (!raw.trim().startsWith('{')) return raw;
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return formatLogfmt(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
  } catch {
    return raw;
  }
}

export function splitTraceIds(text: string): string[] {
  return text.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean);
}

export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.traceIDs.length > 0) {
    for (const id of state.traceIDs) params.append('traceID', id);
    return params;
  }
  if (state.service) params.set('service', state.service);
  if (state.operation) params.set('operation', state.operation);
  if (state.tags.trim()) {
    try {
      params.set('tags', JSON.stringify(Object.fromEntries(parseLogfmt(state.tags))));
    } catch {
      params.set('tags', state.tags);
    }
  }
  params.set('lookback', state.lookback);
  if (state.lookback === 'custom') {
    if (state.start !== undefined) params.set('start', String(state.start));
    if (state.end !== undefined) params.set('end', String(state.end));
  }
  if (state.minDuration) params.set('minDuration', state.minDuration);
  if (state.maxDuration) params.set('maxDuration', state.maxDuration);
  params.set('limit', String(state.limit));
  if (state.sort !== 'recent') params.set('sort', state.sort);
  return params;
}

/** The time range searched, µs: the lookback back from `nowMicros`, or the custom range. */
export function searchRange(state: SearchState, nowMicros: number): { start: number; end: number } {
  if (state.lookback === 'custom') {
    const end = state.end ?? nowMicros;
    return { start: state.start ?? end - 3_600e6, end };
  }
  const lookback = LOOKBACKS.find((option) => option.value === state.lookback) ?? LOOKBACKS[3]!;
  return { start: nowMicros - lookback.micros, end: nowMicros };
}

/**
 * The `/api/v3/trace-summaries` query for a search, or an Error saying which field to fix (a service is required,
 * durations and tags must parse, the range must be in order).
 */
export function summariesQuery(state: SearchState, nowMicros: number): string {
  if (!state.service) throw new Error('Choose a service to search');
  const { start, end } = searchRange(state, nowMicros);
  if (!(start < end)) throw new Error('The start of the time range must be before its end');
  const params = new URLSearchParams();
  params.set('query.serviceName', state.service);
  if (state.operation) params.set('query.operationName', state.operation);
  params.set('query.startTimeMin', new Date(Math.floor(start / 1000)).toISOString());
  params.set('query.startTimeMax', new Date(Math.ceil(end / 1000)).toISOString());
  const min = state.minDuration.trim() ? parseField('Min duration', state.minDuration) : undefined;
  const max = state.maxDuration.trim() ? parseField('Max duration', state.maxDuration) : undefined;
  if (min !== undefined && max !== undefined && min > max) throw new Error('Min duration is above max duration');
  if (min !== undefined) params.set('query.durationMin', toGoDuration(min));
  if (max !== undefined) params.set('query.durationMax', toGoDuration(max));
  if (state.tags.trim()) {
    let tags: Array<[string, string]>;
    try {
      tags = parseLogfmt(state.tags);
    } catch (error) {
      throw new Error(`Tags: ${(error as Error).message}`);
    }
    params.set('query.attributes', JSON.stringify(Object.fromEntries(tags)));
  }
  params.set('query.searchDepth', String(state.limit));
  return `api/v3/trace-summaries?${params.toString()}`;
}

function parseField(label: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new Error(`${label}: ${(error as Error).message}`);
  }
}
