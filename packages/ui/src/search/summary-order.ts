import type { TraceSummary } from '../api/types';
import type { SortOrder } from './search-state';

export const SORT_LABELS: Record<SortOrder, string> = {
  recent: 'Most recent',
  longest: 'Longest first',
  shortest: 'Shortest first',
  'most-spans': 'Most spans',
  'most-errors': 'Most errors',
};

/** Start and duration of a summary in µs (the API gives nanoseconds as decimal strings). */
export function summaryTimes(summary: TraceSummary): { start: number; duration: number } {
  const start = Number(BigInt(summary.minStartTimeUnixNano) / 1000n);
  const end = Number(BigInt(summary.maxEndTimeUnixNano) / 1000n);
  return { start, duration: Math.max(0, end - start) };
}

/** A sorted copy; ties keep the most recent first so the order is stable between renders. */
export function sortSummaries(summaries: readonly TraceSummary[], order: SortOrder): TraceSummary[] {
  const keyed = summaries.map((summary) => ({ summary, ...summaryTimes(summary) }));
  const byRecent = (a: (typeof keyed)[number], b: (typeof keyed)[number]): number => b.start - a.start;
  const compare: Record<SortOrder, (a: (typeof keyed)[number], b: (typeof keyed)[number]) => number> = {
    recent: byRecent,
    longest: (a, b) => b.duration - a.duration || byRecent(a, b),
    shortest: (a, b) => a.duration - b.duration || byRecent(a, b),
    'most-spans': (a, b) => b.summary.spanCount - a.summary.spanCount || byRecent(a, b),
    'most-errors': (a, b) => b.summary.errorSpanCount - a.summary.errorSpanCount || byRecent(a, b),
  };
  return keyed.sort(compare[order]).map((entry) => entry.summary);
}
