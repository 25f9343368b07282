import { tagValueAsString, type Span, type Tag } from '@skein/model';
import type { ValidTraceQuery } from './trace-query.js';

/** The span kind Jaeger lists operations under: the `span.kind` string tag, `''` when there is none. */
export function spanKindOf(span: Span): string {
  for (const tag of span.tags) {
    if (tag.key === 'span.kind' && tag.type === 'string') return tag.value;
  }
  return '';
}

/** Every tag a search can match: span tags, process tags and log fields, in that order. */
export function* searchableTags(span: Span): Generator<Tag> {
  yield* span.tags;
  yield* span.process.tags;
  for (const log of span.logs) yield* log.fields;
}

/** Whether one span meets every span-level criterion of a validated query (see `TraceQuery`). */
export function spanMatchesQuery(span: Span, query: ValidTraceQuery): boolean {
  if (span.process.serviceName !== query.serviceName) return false;
  if (query.operationName !== undefined && span.operationName !== query.operationName) return false;
  if (query.startTimeMin !== undefined && span.startTime < query.startTimeMin) return false;
  if (query.startTimeMax !== undefined && span.startTime > query.startTimeMax) return false;
  if (query.durationMin !== undefined && span.duration < query.durationMin) return false;
  if (query.durationMax !== undefined && span.duration > query.durationMax) return false;
  return spanHasAllTags(span, query.tags);
}

/** Whether the span carries every key = value pair somewhere among its searchable tags. */
export function spanHasAllTags(span: Span, pairs: ValidTraceQuery['tags']): boolean {
  for (const [key, value] of pairs) {
    let found = false;
    for (const tag of searchableTags(span)) {
      if (tag.key === key && tagValueAsString(tag) === value) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
