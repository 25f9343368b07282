import type { Log, Span, Tag } from '@skein/model';
import { mapSpans, type TraceAdjuster } from './adjuster.js';

/**
 * Jaeger's `SortTagsAndLogFields`: span and process tags sorted by key; in each log an `event` string field first,
 * the other fields sorted by key. Skein also orders the logs themselves by timestamp. Sorting is stable, so equal
 * keys keep their stored order (Go's sort is not stable; any order is valid there). A span that is already in order
 * is returned as it is: on a 100,000-span trace most are, and copying them all cost more than the sorting.
 */
export const sortTagsAndLogs: TraceAdjuster = (trace) => mapSpans(trace, sortSpan);

function sortSpan(span: Span): Span {
  const tags = sortedByKey(span.tags);
  const processTags = sortedByKey(span.process.tags);
  const logs = sortedLogs(span.logs);
  if (tags === span.tags && processTags === span.process.tags && logs === span.logs) return span;
  return { ...span, tags, process: processTags === span.process.tags ? span.process : { ...span.process, tags: processTags }, logs };
}

/** `tags` sorted by key: the same array when it already is, else a sorted copy (never sorted in place). */
export function sortedByKey(tags: readonly Tag[]): Tag[] {
  for (let i = 1; i < tags.length; i++) {
    if (compareKeys(tags[i - 1]!, tags[i]!) > 0) return tags.slice().sort(compareKeys);
  }
  return tags as Tag[];
}

function compareKeys(a: Tag, b: Tag): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function sortedLogs(logs: Log[]): Log[] {
  let changed = false;
  let ordered = true;
  const sorted = logs.map((log, i) => {
    const fields = sortLogFields(log);
    if (fields !== log) changed = true;
    if (i > 0 && logs[i - 1]!.timestamp > log.timestamp) ordered = false;
    return fields;
  });
  if (!ordered) return sorted.sort((a, b) => a.timestamp - b.timestamp);
  return changed ? sorted : logs;
}

function sortLogFields(log: Log): Log {
  const eventIndex = log.fields.findIndex((field) => field.key === 'event' && field.type === 'string');
  if (eventIndex === -1) {
    const fields = sortedByKey(log.fields);
    return fields === log.fields ? log : { ...log, fields };
  }
  const rest = log.fields.filter((_, i) => i !== eventIndex);
  const sortedRest = sortedByKey(rest);
  if (eventIndex === 0 && sortedRest === rest) return log;
  return { ...log, fields: [log.fields[eventIndex]!, ...sortedRest] };
}
