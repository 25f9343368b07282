import { validateSpan, type Span } from '@skein/model';
import { isStructurallyValid } from './structure-check.js';
import { OK, reject, type RejectReason, type StepOutcome } from './reasons.js';

export interface TimeWindow {
  /** Earliest acceptable start time, µs since the epoch. Earlier means unset or the wrong unit. */
  minStartMicros: number;
  /** How far past "now" a start time may be (clock skew allowance), µs. */
  maxFutureMicros: number;
  /** Longest acceptable duration, µs. */
  maxDurationMicros: number;
}

/**
 * 2000-01-01: anything before is a missing timestamp (0) or seconds/milliseconds sent as microseconds (a
 * millisecond timestamp read as microseconds lands in January 1970).
 */
export const DEFAULT_MIN_START_MICROS = Date.UTC(2000, 0, 1) * 1000;

/** The model's structural invariants (`validateSpan`): canonical non-zero ids, integer times, typed tags. */
export function validateStructure(span: Span): StepOutcome {
  if (isStructurallyValid(span)) return OK;
  const problems = validateSpan(span);
  const first = problems[0];
  if (first === undefined) return OK;
  const detail = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
  return reject(reasonForField(first.field), detail);
}

function reasonForField(field: string): RejectReason {
  if (field === 'traceId') return 'invalid-trace-id';
  if (field === 'spanId') return 'invalid-span-id';
  if (field.startsWith('references')) return 'invalid-reference';
  return 'invalid-span';
}

/** Start time inside a sane window and a bounded duration. `nowMicros` is passed in so the check stays pure. */
export function validateTimes(span: Span, window: TimeWindow, nowMicros: number): StepOutcome {
  if (span.startTime < window.minStartMicros) {
    return reject('start-time-too-old', `startTime ${span.startTime}µs is before ${new Date(window.minStartMicros / 1000).toISOString()} (unset, or not in microseconds)`);
  }
  const latest = nowMicros + window.maxFutureMicros;
  if (span.startTime > latest) {
    return reject('start-time-in-future', `startTime ${new Date(span.startTime / 1000).toISOString()} is more than ${window.maxFutureMicros / 1e6}s in the future`);
  }
  if (span.duration > window.maxDurationMicros) {
    return reject('duration-too-long', `duration ${span.duration}µs is over the ${window.maxDurationMicros}µs limit`);
  }
  return OK;
}
