import { isInt64, isSpanId, isTraceId, type Span } from '@skein/model';

/**
 * True when `span` meets every invariant `@skein/model`'s `validateSpan` checks. Same rules, but it stops at the
 * first problem and allocates nothing (validateSpan builds a field path string per tag even when all is well),
 * so the pipeline asks validateSpan only for the spans this refuses, to name their problems.
 * structure-check.test.ts holds the two to the same answers.
 */
export function isStructurallyValid(span: Span): boolean {
  if (typeof span !== 'object' || span === null) return false;
  if (!isTraceId(span.traceId) || !isSpanId(span.spanId) || typeof span.operationName !== 'string') return false;
  const { references, logs, process, warnings } = span;
  if (!Array.isArray(references)) return false;
  for (const ref of references) {
    if (typeof ref !== 'object' || ref === null) return false;
    if (ref.refType !== 'CHILD_OF' && ref.refType !== 'FOLLOWS_FROM') return false;
    if (!isTraceId(ref.traceId) || !isSpanId(ref.spanId)) return false;
  }
  if (!Number.isInteger(span.flags) || span.flags < 0 || span.flags > 0xffff_ffff) return false;
  if (!isMicros(span.startTime) || !isMicros(span.duration) || !areValidTags(span.tags)) return false;
  if (!Array.isArray(logs)) return false;
  for (const log of logs) {
    if (typeof log !== 'object' || log === null || !isMicros(log.timestamp) || !areValidTags(log.fields)) return false;
  }
  if (typeof process !== 'object' || process === null || typeof process.serviceName !== 'string' || !areValidTags(process.tags)) return false;
  if (!Array.isArray(warnings)) return false;
  for (const warning of warnings) if (typeof warning !== 'string') return false;
  return true;
}

function isMicros(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function areValidTags(tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  for (const tag of tags as unknown[]) {
    if (typeof tag !== 'object' || tag === null) return false;
    const { key, type, value } = tag as { key: unknown; type: unknown; value: unknown };
    if (typeof key !== 'string') return false;
    switch (type) {
      case 'string':
        if (typeof value !== 'string') return false;
        break;
      case 'bool':
        if (typeof value !== 'boolean') return false;
        break;
      case 'int64':
        if (!isInt64(value)) return false;
        break;
      case 'float64':
        if (typeof value !== 'number') return false;
        break;
      case 'binary':
        if (!(value instanceof Uint8Array)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
