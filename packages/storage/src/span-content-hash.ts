import { createHash } from 'node:crypto';
import type { Span, Tag } from '@skein/model';

/**
 * A stable hash of everything in a span, for idempotent storage keys (trace id + span id + this hash).
 * Internal stand-in until `@skein/model` exports `spanContentHash`.
 */
export function spanContentHash(span: Span): string {
  return createHash('sha256').update(canonicalSpanText(span)).digest('hex').slice(0, 32);
}

/** A deterministic text holding every field of the span, with the tag types that JSON cannot express spelled out. */
function canonicalSpanText(span: Span): string {
  return JSON.stringify([
    span.traceId,
    span.spanId,
    span.operationName,
    span.references.map((ref) => [ref.refType, ref.traceId, ref.spanId]),
    span.flags,
    span.startTime,
    span.duration,
    span.tags.map(canonicalTag),
    span.logs.map((log) => [log.timestamp, log.fields.map(canonicalTag)]),
    span.process.serviceName,
    span.process.tags.map(canonicalTag),
    span.warnings,
  ]);
}

function canonicalTag(tag: Tag): [string, string, string | number | boolean] {
  switch (tag.type) {
    case 'int64':
      return [tag.key, tag.type, tag.value.toString()];
    case 'binary':
      return [tag.key, tag.type, Buffer.from(tag.value).toString('base64')];
    case 'float64':
      return [tag.key, tag.type, canonicalFloat(tag.value)];
    default:
      return [tag.key, tag.type, tag.value];
  }
}

/** JSON turns NaN and ±Infinity into null and -0 into 0; spell those out so they hash apart. */
function canonicalFloat(value: number): number | string {
  if (Object.is(value, -0)) return '-0';
  return Number.isFinite(value) ? value : String(value);
}
