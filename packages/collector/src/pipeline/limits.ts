import type { Span, Tag } from '@skein/model';
import { OK, reject, type FixSink, type StepOutcome } from './reasons.js';
import { estimateSpanBytes } from '@skein/model';

export interface SpanLimits {
  /** Most tags kept per span (and per process, per log); the rest are dropped with a span warning. */
  maxTags: number;
  /** Longest string or binary tag value kept, in characters / bytes; longer ones are cut with a span warning. */
  maxTagValueLength: number;
  /** Largest span accepted after truncation (approximate bytes); larger spans are refused, not cut. */
  maxSpanBytes: number;
}

/**
 * Cuts oversized tag lists and values instead of refusing the span: a long SQL statement should not cost the
 * whole span. Each cut leaves a warning on the span naming what was cut, so the UI shows it.
 */
export function applyTagLimits(span: Span, limits: SpanLimits, fix: FixSink): void {
  const warnings: string[] = [];
  limitList(span.tags, 'tags', limits, warnings);
  limitList(span.process.tags, 'process.tags', limits, warnings);
  span.logs.forEach((log, i) => limitList(log.fields, `logs[${i}].fields`, limits, warnings));
  if (warnings.length === 0) return;
  span.warnings.push(...warnings);
  for (const warning of warnings) fix(warning.startsWith('dropped') ? 'too-many-tags' : 'tag-value-truncated');
}

function limitList(tags: Tag[], field: string, limits: SpanLimits, warnings: string[]): void {
  if (tags.length > limits.maxTags) {
    warnings.push(`dropped ${tags.length - limits.maxTags} of ${tags.length} ${field} (limit ${limits.maxTags})`);
    tags.length = limits.maxTags;
  }
  for (const tag of tags) {
    if (tag.type === 'string' && tag.value.length > limits.maxTagValueLength) {
      warnings.push(`truncated ${field} "${tag.key}" from ${tag.value.length} to ${limits.maxTagValueLength} characters`);
      tag.value = cutString(tag.value, limits.maxTagValueLength);
    } else if (tag.type === 'binary' && tag.value.byteLength > limits.maxTagValueLength) {
      warnings.push(`truncated ${field} "${tag.key}" from ${tag.value.byteLength} to ${limits.maxTagValueLength} bytes`);
      tag.value = tag.value.slice(0, limits.maxTagValueLength);
    }
  }
}

/** Cuts at `length` without splitting a surrogate pair (which would make the value invalid UTF-8). */
function cutString(value: string, length: number): string {
  const last = value.charCodeAt(length - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? length - 1 : length;
  return value.slice(0, end);
}

/** Refuses spans that are still too large after tag limits (e.g. thousands of logs). Returns the size too. */
export function checkSpanSize(span: Span, limits: SpanLimits): { outcome: StepOutcome; bytes: number } {
  const bytes = estimateSpanBytes(span);
  return { outcome: sizeOutcome(bytes, limits), bytes };
}

/** The verdict on a span of `bytes` (approximate size, see estimateSpanBytes). */
export function sizeOutcome(bytes: number, limits: SpanLimits): StepOutcome {
  return bytes > limits.maxSpanBytes ? reject('span-too-large', `span is about ${bytes} bytes, over the ${limits.maxSpanBytes}-byte limit`) : OK;
}
