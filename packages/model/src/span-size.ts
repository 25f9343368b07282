import type { Span, Tag } from './span.js';

/**
 * Fixed costs charged per span, tag, log and reference for object headers and numbers when sizing a span; rough
 * figures, not measurements. Exported so a decoder that never builds the span can count it the same way.
 */
export const SPAN_SIZE_COSTS = { span: 160, tag: 24, log: 16, reference: 48, scalarValue: 8 } as const;

/**
 * Approximate size of a span in bytes (string lengths plus fixed overheads). Cheap enough to run on every span;
 * the collector's queue byte bound and span size limit only need the order of magnitude.
 */
export function estimateSpanBytes(span: Span): number {
  let bytes = SPAN_SIZE_COSTS.span + span.operationName.length + span.process.serviceName.length;
  bytes += span.references.length * SPAN_SIZE_COSTS.reference;
  bytes += estimateTagBytes(span.tags) + estimateTagBytes(span.process.tags);
  for (const log of span.logs) bytes += SPAN_SIZE_COSTS.log + estimateTagBytes(log.fields);
  for (const warning of span.warnings) bytes += warning.length;
  return bytes;
}

/** The tags' share of {@link estimateSpanBytes}. */
export function estimateTagBytes(tags: readonly Tag[]): number {
  let bytes = 0;
  for (const tag of tags) {
    bytes += SPAN_SIZE_COSTS.tag + tag.key.length;
    if (tag.type === 'string') bytes += tag.value.length;
    else if (tag.type === 'binary') bytes += tag.value.byteLength;
    else bytes += SPAN_SIZE_COSTS.scalarValue;
  }
  return bytes;
}
