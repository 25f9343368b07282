import { segment, type SearchTransport } from '../client/transport.js';
import { IndexNames, parseBucket, type IndexFamily } from '../index-names.js';
import { aliasMembers, creationDates, writeIndicesOf } from './rollover.js';

export interface IndexCleanerOptions {
  /** Keep this many days: indices of days before `today − (numDays − 1)` go (Jaeger's cut-off: tomorrow's midnight − N days). */
  numDays: number;
  /** As given by the user (`prod`), without the trailing `-`. */
  indexPrefix: string;
  indexDateSeparator?: string;
  /** Rollover-numbered indices (`jaeger-span-000003`), judged by creation date; never a current write index. */
  rollover?: boolean;
  /** List what would be deleted without deleting. */
  dryRun?: boolean;
  now?: () => number;
}

export interface IndexCleanerResult {
  cutoffMs: number;
  deletedIndices: string[];
  /** Trace-location documents removed for the same period. */
  deletedTraceLocations: number;
}

const DAY_MS = 86_400_000;
const FAMILIES: IndexFamily[] = ['span', 'service', 'dependencies'];
/** Names per DELETE request, so URLs stay short however many indices expire at once (jaeger#2208). */
const DELETE_BATCH = 20;
const ROLLOVER_SUFFIX = /^\d{6}$/;

/**
 * `es-index-cleaner`: deletes Jaeger indices older than `numDays` days, because the cluster has no TTL. Daily and
 * hourly indices are judged by the date in their name (so a back-filled day goes with its day), rollover indices
 * by their creation date. Also removes the matching trace-location documents.
 */
export async function cleanIndices(transport: SearchTransport, options: IndexCleanerOptions): Promise<IndexCleanerResult> {
  if (!Number.isInteger(options.numDays) || options.numDays < 0) {
    throw new RangeError(`numDays must be a whole number of days ≥ 0, got ${options.numDays}`);
  }
  const now = (options.now ?? Date.now)();
  const tomorrow = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  const cutoffMs = tomorrow - options.numDays * DAY_MS;
  const separator = options.indexDateSeparator ?? '-';
  const names = new IndexNames({
    indexPrefix: options.indexPrefix,
    indexDateSeparator: separator,
    useAliases: false,
    spanRolloverFrequency: 'day',
    serviceRolloverFrequency: 'day',
  });

  const expired: string[] = [];
  for (const family of FAMILIES) {
    const created = await creationDates(transport, names.pattern(family));
    const base = `${names.base(family)}-`;
    const writeIndices = options.rollover ? writeIndicesOf(await aliasMembers(transport, names.writeAlias(family))) : new Set<string>();
    for (const [index, createdAt] of created) {
      const suffix = index.slice(base.length);
      if (options.rollover) {
        if (ROLLOVER_SUFFIX.test(suffix) && createdAt < cutoffMs && !writeIndices.has(index)) expired.push(index);
      } else {
        const bucket = parseBucket(suffix, separator);
        if (bucket !== undefined && bucket < cutoffMs) expired.push(index);
      }
    }
  }
  // RED metrics indices are daily in both modes.
  const metricsBase = `${names.spanMetricsBase()}-`;
  for (const index of (await creationDates(transport, `${metricsBase}*`)).keys()) {
    const bucket = parseBucket(index.slice(metricsBase.length), separator);
    if (bucket !== undefined && bucket < cutoffMs) expired.push(index);
  }
  expired.sort();
  let deletedTraceLocations = 0;
  if (!options.dryRun) {
    for (let i = 0; i < expired.length; i += DELETE_BATCH) {
      const batch = expired.slice(i, i + DELETE_BATCH);
      await transport.request({ method: 'DELETE', path: `/${batch.map(segment).join(',')}`, querystring: { ignore_unavailable: true } });
    }
    const removed = await transport.request<{ deleted?: number }>({
      method: 'POST',
      path: `/${segment(names.traceLocationIndex())}/_delete_by_query`,
      querystring: { ignore_unavailable: true, allow_no_indices: true, conflicts: 'proceed' },
      body: JSON.stringify({ query: { range: { bucket: { lt: cutoffMs } } } }),
      ignoreStatuses: [404],
    });
    deletedTraceLocations = removed.statusCode === 404 ? 0 : (removed.body.deleted ?? 0);
  }
  return { cutoffMs, deletedIndices: expired, deletedTraceLocations };
}
