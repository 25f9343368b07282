import type { Span, Tag } from '@skein/model';
import type { FixSink } from './reasons.js';

/** Jaeger's replacement names, so spans look the same in Skein as in Jaeger. */
export const EMPTY_SERVICE_NAME = 'empty-service-name';
export const NULL_PROCESS_SERVICE_NAME = 'null-process-and-service-name';
export const EMPTY_SPAN_NAME = 'empty-span-name';

/** An empty or missing service name becomes `empty-service-name`; a missing process `null-process-and-service-name`. */
export function sanitizeServiceName(span: Span, fix: FixSink): void {
  if (typeof span.process !== 'object' || span.process === null) {
    span.process = { serviceName: NULL_PROCESS_SERVICE_NAME, tags: [] };
    fix('null-process');
    return;
  }
  if (!Array.isArray(span.process.tags)) span.process.tags = [];
  if (typeof span.process.serviceName !== 'string' || span.process.serviceName.trim() === '') {
    span.process.serviceName = EMPTY_SERVICE_NAME;
    fix('empty-service-name');
  }
}

/** An empty operation name becomes `empty-span-name` (Jaeger v2's name for it). */
export function sanitizeOperationName(span: Span, fix: FixSink): void {
  if (typeof span.operationName !== 'string' || span.operationName === '') {
    span.operationName = EMPTY_SPAN_NAME;
    fix('empty-span-name');
  }
}

/**
 * A negative duration becomes 0 with a span warning. (Jaeger sets 1 ns and adds a tag; our unit is the microsecond
 * and the model allows 0, so 0 plus a visible warning says the same without inventing a value.)
 */
export function sanitizeNegativeDuration(span: Span, fix: FixSink): void {
  if (typeof span.duration === 'number' && span.duration < 0) {
    span.warnings.push(`negative duration ${span.duration}µs was set to 0`);
    span.duration = 0;
    fix('negative-duration');
  }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Returns `text` with every sequence that cannot be written as UTF-8 replaced by U+FFFD, or the same string when
 * it is fine. Decoders already turn invalid UTF-8 *bytes* into U+FFFD; what reaches here are lone surrogates from
 * JSON `\uD800` escapes, which would make stores and Kafka encoders write garbage.
 */
export function repairUtf8(text: string): string {
  // Fast path: almost every string has no surrogate at all.
  if (!ANY_SURROGATE.test(text)) return text;
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Repairs operation name, service name, tag keys and string values of the span, its process and logs. */
export function sanitizeUtf8(span: Span, fix: FixSink): void {
  let repaired = false;
  const repair = (text: string): string => {
    const fixed = repairUtf8(text);
    if (fixed !== text) repaired = true;
    return fixed;
  };
  span.operationName = repair(span.operationName);
  span.process.serviceName = repair(span.process.serviceName);
  repairTags(span.tags, repair);
  repairTags(span.process.tags, repair);
  for (const log of span.logs) repairTags(log.fields, repair);
  if (repaired) {
    span.warnings.push('invalid UTF-8 replaced with U+FFFD');
    fix('invalid-utf8');
  }
}

function repairTags(tags: Tag[], repair: (text: string) => string): void {
  for (const tag of tags) {
    tag.key = repair(tag.key);
    if (tag.type === 'string') tag.value = repair(tag.value);
  }
}
