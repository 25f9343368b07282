import { parseDurationMs } from '@skein/runtime';
import { traceIdFromHex, type TraceId } from '@skein/model';

/** A request parameter that cannot be used; the message names the parameter and what is wrong (HTTP 400). */
export class BadParameterError extends Error {
  override readonly name = 'BadParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** `unable to parse param 'limit': …`, the wording Jaeger uses for a malformed parameter. */
export function unparsable(parameter: string, problem: string): BadParameterError {
  return new BadParameterError(parameter, `unable to parse param '${parameter}': ${problem}`);
}

/**
 * The query string of a request, read like Go's `r.Form`: a parameter's value is its first occurrence, repeated
 * parameters (`traceID`, `tag`) keep every value. Parsing ourselves keeps odd keys (`__proto__`) inert.
 */
export class QueryParams {
  private readonly params: URLSearchParams;

  constructor(rawUrl: string) {
    const at = rawUrl.indexOf('?');
    this.params = new URLSearchParams(at === -1 ? '' : rawUrl.slice(at + 1));
  }

  /** The first value, or undefined when absent or empty (Go's `FormValue` does not tell them apart either). */
  first(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  /** The first non-empty value of the first name that has one (canonical name, then its aliases). */
  firstOf(names: readonly string[]): { name: string; value: string } | undefined {
    for (const name of names) {
      const value = this.first(name);
      if (value !== undefined) return { name, value };
    }
    return undefined;
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }
}

/** Largest time or duration in µs that still computes exactly (≈ year 2255 as a timestamp). */
const MAX_MICROS = Number.MAX_SAFE_INTEGER;

/** A whole, non-negative number in [0, max]. */
export function parseWholeNumber(parameter: string, raw: string, max: number, unit: string): number {
  if (!/^\d{1,19}$/.test(raw)) {
    throw unparsable(parameter, `${describe(raw)} is not a whole non-negative number of ${unit}`);
  }
  const value = Number(raw);
  if (value > max) throw unparsable(parameter, `${describe(raw)} is too large (at most ${max} ${unit})`);
  return value;
}

/** Microseconds since the epoch (Jaeger's `start`/`end`). */
export function parseMicrosParam(parameter: string, raw: string): number {
  return parseWholeNumber(parameter, raw, MAX_MICROS, 'microseconds since the Unix epoch');
}

/** Milliseconds (since the epoch or as a duration), returned as µs. */
export function parseMillisParamAsMicros(parameter: string, raw: string, what: string): number {
  return parseWholeNumber(parameter, raw, Math.floor(MAX_MICROS / 1000), what) * 1000;
}

/**
 * A Go duration string (`100ms`, `1.5s`, `1h30m`) as µs, rounded `up` (for lower bounds) or down so that integer
 * µs durations compare exactly as Jaeger compares nanoseconds.
 */
export function parseGoDurationParam(parameter: string, raw: string, round: 'up' | 'down'): number {
  if (raw.trim().startsWith('-')) throw unparsable(parameter, `${describe(raw)} is negative; durations must be positive`);
  let millis: number;
  try {
    millis = parseDurationMs(raw.replace(/^\+/, ''));
  } catch {
    throw unparsable(parameter, `${describe(raw)} is not a duration (units ns, us, µs, ms, s, m, h; e.g. "100ms", "1.5s")`);
  }
  const micros = round === 'up' ? Math.ceil(millis * 1000 - 1e-6) : Math.floor(millis * 1000 + 1e-6);
  if (!Number.isSafeInteger(micros)) throw unparsable(parameter, `${describe(raw)} is too long a duration`);
  return micros;
}

const LOOKBACK_DAYS_WEEKS = /^(\d{1,6})([dw])$/;

/**
 * The Jaeger UI's `lookback` (`1h`, `2d`, `1w`, `custom`) as µs; undefined for `custom` (the UI then sends
 * `start`/`end`). Days and weeks on top of Go's units, since the UI's choices include them.
 */
export function parseLookbackParam(parameter: string, raw: string): number | undefined {
  if (raw === 'custom') return undefined;
  const daysOrWeeks = LOOKBACK_DAYS_WEEKS.exec(raw);
  if (daysOrWeeks) return Number(daysOrWeeks[1]) * (daysOrWeeks[2] === 'd' ? 86_400 : 604_800) * 1_000_000;
  try {
    return parseGoDurationParam(parameter, raw, 'down');
  } catch {
    throw unparsable(parameter, `${describe(raw)} is not a lookback (e.g. "1h", "2d", "1w", or "custom" with start/end)`);
  }
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's `strconv.ParseBool` forms. */
export function parseBoolParam(parameter: string, raw: string): boolean {
  if (GO_TRUE.has(raw)) return true;
  if (GO_FALSE.has(raw)) return false;
  throw unparsable(parameter, `${describe(raw)} is not a boolean (true or false)`);
}

/** A trace id of 1–32 hex digits. */
export function parseTraceIdParam(parameter: string, raw: string): TraceId {
  try {
    return traceIdFromHex(raw, parameter);
  } catch (error) {
    const reason = (error as Error).message.replace(/^[^:]*: /, '').replace(/ \(got .*\)$/s, '');
    throw unparsable(parameter, `${describe(raw)} is not a trace id: ${reason}`);
  }
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp with optional fraction (Go's `time.RFC3339Nano`) as µs since the epoch. */
export function parseRfc3339Param(parameter: string, raw: string): number {
  const match = RFC3339.exec(raw);
  const millis = match ? Date.parse(`${match[1]}T${match[2]}${match[4]!.toUpperCase()}`) : NaN;
  if (!match || Number.isNaN(millis)) {
    throw new BadParameterError(parameter, `malformed parameter ${parameter}: ${describe(raw)} is not an RFC 3339 time (e.g. "2024-05-01T12:00:00Z")`);
  }
  const fractionMicros = match[3] === undefined ? 0 : Math.floor(Number(`0.${match[3]}`) * 1e6 + 1e-6);
  return millis * 1000 + fractionMicros;
}

/** Input echoed in an error message: quoted, escaped and cut short so it can neither flood nor forge anything. */
export function describe(raw: string): string {
  return raw.length <= 64 ? JSON.stringify(raw) : `${JSON.stringify(raw.slice(0, 64))}… (${raw.length} chars)`;
}
