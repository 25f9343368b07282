import type { Span, Tag } from '@skein/model';

/** Fixed cost we charge per span, tag and log for object headers and numbers; a rough figure, not a measurement. */
const SPAN_OVERHEAD = 160;
const TAG_OVERHEAD = 24;
const LOG_OVERHEAD = 16;

/**
 * Approximate encoded size of a span in bytes (string lengths plus fixed overheads). Cheap enough to run on every
 * span; used for the queue's byte bound and the span size limit, both of which only need the order of magnitude.
 */
export function estimateSpanBytes(span: Span): number {
  let bytes = SPAN_OVERHEAD + span.operationName.length + span.process.serviceName.length;
  bytes += span.references.length * 48;
  bytes += tagBytes(span.tags) + tagBytes(span.process.tags);
  for (const log of span.logs) bytes += LOG_OVERHEAD + tagBytes(log.fields);
  for (const warning of span.warnings) bytes += warning.length;
  return bytes;
}

function tagBytes(tags: readonly Tag[]): number {
  let bytes = 0;
  for (const tag of tags) {
    bytes += TAG_OVERHEAD + tag.key.length;
    if (tag.type === 'string') bytes += tag.value.length;
    else if (tag.type === 'binary') bytes += tag.value.byteLength;
    else bytes += 8;
  }
  return bytes;
}
