import { BadParameterError, parseBoolParam, parseWholeNumber, unparsable, type QueryParams } from '../http/params.js';
import type { RedQuery } from './red-metrics.js';

/** Jaeger's defaults for `/api/metrics/*`. */
const DEFAULT_LOOKBACK_MS = 3_600_000;
const DEFAULT_STEP_MS = 5_000;
const DEFAULT_RATE_PER_MS = 600_000;
const DEFAULT_SPAN_KINDS = ['server'];
export const MIN_STEP_MS = 1_000;
/** Points per series, Prometheus's own ceiling for a range query. */
const MAX_POINTS = 11_000;
/** The longest lookback and rate window: a month. */
const MAX_WINDOW_MS = 31 * 86_400_000;
const SPAN_KINDS = new Set(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);

/**
 * Reads `service` (repeatable, required), `groupByOperation`, `spanKind` (repeatable, default `server`), `endTs`
 * (ms since the epoch, default now), `lookback`, `step` and `ratePer` (ms), as Jaeger's query service does.
 */
export function parseRedQuery(params: QueryParams, nowMs: number): RedQuery {
  const services = params.all('service').filter((service) => service !== '');
  if (services.length === 0) throw new BadParameterError('service', "unable to parse param 'service': please provide at least one service name");
  if (services.length > 100) throw unparsable('service', `${services.length} services asked; at most 100`);
  const groupBy = params.first('groupByOperation');
  const spanKinds = params.all('spanKind').filter((kind) => kind !== '');
  for (const kind of spanKinds) {
    if (!SPAN_KINDS.has(kind)) throw unparsable('spanKind', `unsupported span kind: '${kind.slice(0, 64)}' (one of ${[...SPAN_KINDS].join(', ')})`);
  }
  const endRaw = params.first('endTs');
  const query: RedQuery = {
    services: [...new Set(services)],
    groupByOperation: groupBy === undefined ? false : parseBoolParam('groupByOperation', groupBy),
    spanKinds: spanKinds.length > 0 ? [...new Set(spanKinds)] : DEFAULT_SPAN_KINDS,
    endMs: endRaw === undefined ? nowMs : parseWholeNumber('endTs', endRaw, 8_640_000_000_000, 'milliseconds since the Unix epoch'),
    lookbackMs: duration(params, 'lookback', DEFAULT_LOOKBACK_MS),
    stepMs: duration(params, 'step', DEFAULT_STEP_MS),
    ratePerMs: duration(params, 'ratePer', DEFAULT_RATE_PER_MS),
  };
  if (query.stepMs < MIN_STEP_MS) throw unparsable('step', `${query.stepMs} ms is below the smallest step, ${MIN_STEP_MS} ms`);
  if (query.lookbackMs / query.stepMs > MAX_POINTS) {
    throw unparsable('step', `lookback ${query.lookbackMs} ms at step ${query.stepMs} ms gives more than ${MAX_POINTS} points; use a larger step`);
  }
  return query;
}

/** `quantile` of `/api/metrics/latencies`: a number in (0, 1]. */
export function parseQuantile(params: QueryParams): number {
  const raw = params.first('quantile');
  if (raw === undefined) throw new BadParameterError('quantile', "unable to parse param 'quantile': a quantile in (0, 1] is required, e.g. 0.95");
  const value = /^\d*\.?\d+(e-?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!(value > 0 && value <= 1)) throw unparsable('quantile', `'${raw.slice(0, 64)}' is not a quantile in (0, 1]`);
  return value;
}

function duration(params: QueryParams, name: string, fallback: number): number {
  const raw = params.first(name);
  if (raw === undefined) return fallback;
  const value = parseWholeNumber(name, raw, MAX_WINDOW_MS, 'milliseconds');
  if (value === 0) throw unparsable(name, 'must be at least 1 ms');
  return value;
}
