import type { Log, Tag } from '@skein/model';
import { mapSpans, type TraceAdjuster } from './adjuster.js';

/**
 * Jaeger's `SortTagsAndLogFields`: span and process tags sorted by key; in each log an `event` string field first,
 * the other fields sorted by key. Skein also orders the logs themselves by timestamp. Sorting is stable, so equal
 * keys keep their stored order (Go's sort is not stable; any order is valid there).
 */
export const sortTagsAndLogs: TraceAdjuster = (trace) =>
  mapSpans(trace, (span) => ({
    ...span,
    tags: sortedByKey(span.tags),
    process: { ...span.process, tags: sortedByKey(span.process.tags) },
    logs: span.logs.map(sortLogFields).sort((a, b) => a.timestamp - b.timestamp),
  }));

export function sortedByKey(tags: readonly Tag[]): Tag[] {
  return tags.slice().sort(compareKeys);
}

function compareKeys(a: Tag, b: Tag): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function sortLogFields(log: Log): Log {
  const eventIndex = log.fields.findIndex((field) => field.key === 'event' && field.type === 'string');
  if (eventIndex === -1) return { ...log, fields: sortedByKey(log.fields) };
  const rest = log.fields.filter((_, i) => i !== eventIndex);
  return { ...log, fields: [log.fields[eventIndex]!, ...sortedByKey(rest)] };
}
