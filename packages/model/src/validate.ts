/**
 * Structural invariants of a {@link Span}: what every decoder must produce and every store may rely on. This is
 * a check, not a repair; the collector pipeline sanitizes (fills empty service names, truncates, …) before it.
 */
import { ModelError } from './errors.js';
import { isSpanId, isTraceId } from './ids.js';
import type { Span } from './span.js';
import { isInt64 } from './tags.js';

/** One broken invariant: where (`references[1].spanId`) and why. */
export interface SpanProblem {
  field: string;
  reason: string;
}

/**
 * Every problem found in `span`, or an empty list. Written to cope with any runtime value (decoders may hand
 * over half-built objects), so it never throws.
 */
export function validateSpan(span: Span): SpanProblem[] {
  const problems: SpanProblem[] = [];
  const report = (field: string, reason: string): void => {
    problems.push({ field, reason });
  };
  if (!isRecord(span)) {
    report('span', 'not an object');
    return problems;
  }
  if (!isTraceId(span.traceId)) report('traceId', 'must be 32 lowercase hex digits, not all zeros');
  if (!isSpanId(span.spanId)) report('spanId', 'must be 16 lowercase hex digits, not all zeros');
  if (typeof span.operationName !== 'string') report('operationName', 'must be a string');

  if (!Array.isArray(span.references)) report('references', 'must be an array');
  else {
    span.references.forEach((ref, i) => {
      const field = `references[${i}]`;
      if (!isRecord(ref)) return report(field, 'not an object');
      if (ref.refType !== 'CHILD_OF' && ref.refType !== 'FOLLOWS_FROM') {
        report(`${field}.refType`, 'must be CHILD_OF or FOLLOWS_FROM');
      }
      if (!isTraceId(ref.traceId)) report(`${field}.traceId`, 'must be 32 lowercase hex digits, not all zeros');
      if (!isSpanId(ref.spanId)) report(`${field}.spanId`, 'must be 16 lowercase hex digits, not all zeros');
    });
  }

  if (!Number.isInteger(span.flags) || span.flags < 0 || span.flags > 0xffff_ffff) {
    report('flags', 'must be an integer in [0, 2^32)');
  }
  checkMicros(span.startTime, 'startTime', report);
  checkMicros(span.duration, 'duration', report);
  checkTags(span.tags, 'tags', report);

  if (!Array.isArray(span.logs)) report('logs', 'must be an array');
  else {
    span.logs.forEach((log, i) => {
      if (!isRecord(log)) return report(`logs[${i}]`, 'not an object');
      checkMicros(log.timestamp, `logs[${i}].timestamp`, report);
      checkTags(log.fields, `logs[${i}].fields`, report);
    });
  }

  if (!isRecord(span.process)) report('process', 'must be an object');
  else {
    if (typeof span.process.serviceName !== 'string') report('process.serviceName', 'must be a string');
    checkTags(span.process.tags, 'process.tags', report);
  }

  if (!Array.isArray(span.warnings)) report('warnings', 'must be an array');
  else {
    span.warnings.forEach((warning, i) => {
      if (typeof warning !== 'string') report(`warnings[${i}]`, 'must be a string');
    });
  }
  return problems;
}

/** Throws a {@link ModelError} for the first problem {@link validateSpan} finds (naming how many there are). */
export function assertValidSpan(span: Span): void {
  const problems = validateSpan(span);
  const first = problems[0];
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  throw new ModelError(first.field, first.reason + more);
}

type Report = (field: string, reason: string) => void;

function checkMicros(value: unknown, field: string, report: Report): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    report(field, 'must be a non-negative integer number of microseconds');
  }
}

function checkTags(tags: unknown, field: string, report: Report): void {
  if (!Array.isArray(tags)) return report(field, 'must be an array');
  tags.forEach((tag: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(tag)) return report(at, 'not an object');
    if (typeof tag.key !== 'string') report(`${at}.key`, 'must be a string');
    const reason = valueProblem(tag.type, tag.value);
    if (reason !== undefined) report(reason.startsWith('type') ? `${at}.type` : `${at}.value`, reason);
  });
}

function valueProblem(type: unknown, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string tag needs a string value';
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'a bool tag needs a boolean value';
    case 'int64':
      return isInt64(value) ? undefined : 'an int64 tag needs a bigint in [-2^63, 2^63)';
    case 'float64':
      return typeof value === 'number' ? undefined : 'a float64 tag needs a number value';
    case 'binary':
      return value instanceof Uint8Array ? undefined : 'a binary tag needs a Uint8Array value';
    default:
      return 'type must be one of string, bool, int64, float64, binary';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> & Partial<Span> {
  return typeof value === 'object' && value !== null;
}
