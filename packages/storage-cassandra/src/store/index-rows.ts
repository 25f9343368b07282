import { tagValueAsString, type Span, type Tag } from '@skein/model';

/** Which tags go into `tag_index` (Jaeger's `--cassandra.index.*` filters). */
export interface TagIndexFilter {
  tags: boolean;
  logs: boolean;
  processTags: boolean;
  /** Keys never indexed. */
  blacklist: ReadonlySet<string>;
  /** When not empty, only these keys are indexed. */
  whitelist: ReadonlySet<string>;
}

export const INDEX_ALL: TagIndexFilter = { tags: true, logs: true, processTags: true, blacklist: new Set(), whitelist: new Set() };

/** Jaeger skips keys and values this long or longer (a partition key that size is a hot spot and useless to search). */
export const MAX_INDEXED_LENGTH = 256;

/**
 * The (key, rendered value) pairs of a span that `tag_index` gets, once each: span tags, process tags and log fields
 * as the filter allows, without keys or values of 256 characters or more and without JSON objects (Jaeger's rules).
 * Returns how many were skipped for length or shape too.
 */
export function tagIndexEntries(span: Span, filter: TagIndexFilter): { entries: Array<[key: string, value: string]>; skipped: number } {
  const seen = new Set<string>();
  const entries: Array<[string, string]> = [];
  let skipped = 0;
  const add = (tags: readonly Tag[]): void => {
    for (const tag of tags) {
      if (filter.blacklist.has(tag.key) || (filter.whitelist.size > 0 && !filter.whitelist.has(tag.key))) continue;
      const value = tagValueAsString(tag);
      if (tag.key.length >= MAX_INDEXED_LENGTH || value.length >= MAX_INDEXED_LENGTH || looksLikeJsonObject(value)) {
        skipped++;
        continue;
      }
      const id = `${tag.key}\u0000${value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      entries.push([tag.key, value]);
    }
  };
  if (filter.tags) add(span.tags);
  if (filter.processTags) add(span.process.tags);
  if (filter.logs) for (const log of span.logs) add(log.fields);
  return { entries, skipped };
}

function looksLikeJsonObject(value: string): boolean {
  if (!value.startsWith('{')) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** Jaeger's `duration_index` bucket: the span's start rounded to the nearest hour (as Go's `time.Round`). */
export function durationBucket(startTimeMicros: number): Date {
  const hourMs = 3_600_000;
  return new Date(Math.round(startTimeMicros / 1000 / hourMs) * hourMs);
}

/** Jaeger's `service_name_index` bucket: the span hash (as unsigned) modulo 10. */
export function serviceBucket(spanHashHex: string): number {
  return Number(BigInt(`0x${spanHashHex}`) % 10n);
}

/** `tag_index_hourly`'s bucket: the hour the span started in. */
export function tagHour(startTimeMicros: number): Date {
  const hourMs = 3_600_000;
  return new Date(Math.floor(startTimeMicros / 1000 / hourMs) * hourMs);
}
