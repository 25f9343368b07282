import type { Tag } from '@skein/model';
import { mapSpans, type TraceAdjuster } from './adjuster.js';
import { ipv4FromUint32 } from './clock-skew.js';
import { sortedByKey } from './sort-tags-and-logs.js';

const IP_TAG_KEYS = new Set(['ip', 'peer.ipv4']);

/**
 * Old Jaeger clients report `ip` and `peer.ipv4` as an IPv4 address packed into a number; Jaeger's `IPTagAdjuster`
 * rewrites them as dotted strings (`167772161` → `10.0.0.1`), in span and process tags, and keeps process tags sorted.
 */
export const ipTagsToStrings: TraceAdjuster = (trace) =>
  mapSpans(trace, (span) => {
    const tags = convertIpTags(span.tags);
    const processTags = convertIpTags(span.process.tags);
    if (tags === span.tags && processTags === span.process.tags) return span;
    return { ...span, tags, process: { ...span.process, tags: sortedByKey(processTags) } };
  });

function convertIpTags(tags: Tag[]): Tag[] {
  if (!tags.some(isNumericIpTag)) return tags;
  return tags.map((tag): Tag => {
    if (!isNumericIpTag(tag)) return tag;
    const packed = tag.type === 'int64' ? Number(BigInt.asUintN(32, tag.value)) : Math.trunc(tag.value as number) >>> 0;
    return { key: tag.key, type: 'string', value: ipv4FromUint32(packed) };
  });
}

function isNumericIpTag(tag: Tag): boolean {
  return IP_TAG_KEYS.has(tag.key) && (tag.type === 'int64' || (tag.type === 'float64' && Number.isFinite(tag.value)));
}
