import { SPAN_FILTER_CHOICES, SPAN_FILTER_OPERATORS, type SpanFilterCondition } from '@skein/query-api';
import { SPAN_FLAG } from '../api/types';
import { parseDuration } from '../format/duration';
import type { TraceTree } from './trace-tree';

/** One condition row of the filter bar, as the query service's `/filter` takes it (`where`); `op` is free while edited. */
export type FilterCondition = Omit<SpanFilterCondition, 'op'> & { op: string };

export type QuickFilter = 'errors' | 'critical' | 'slowest';
export const QUICK_FILTERS: ReadonlyArray<[QuickFilter, string]> = [
  ['errors', 'Errors'],
  ['critical', 'Critical path'],
  ['slowest', 'Slowest 5 %'],
];

export const FIELD_LABELS: Record<FilterCondition['field'], string> = {
  service: 'Service',
  operation: 'Operation',
  duration: 'Duration',
  status: 'Status',
  kind: 'Span kind',
  tag: 'Span attribute',
  process: 'Resource attribute',
  log: 'Event field',
};

export const OPERATORS: Record<FilterCondition['field'], readonly string[]> = SPAN_FILTER_OPERATORS;

export const CHOICES: Partial<Record<FilterCondition['field'], readonly string[]>> = SPAN_FILTER_CHOICES;

export interface SpanFilterState {
  conditions: FilterCondition[];
  quick: QuickFilter[];
  matchesOnly: boolean;
}

export const keyed = (field: FilterCondition['field']): boolean => field === 'tag' || field === 'process' || field === 'log';
const valueless = (op: string): boolean => op === 'exists' || op === '!exists';

/** A condition the server can run: a key where one is needed, a value unless the operator takes none. */
export function isComplete(condition: FilterCondition): boolean {
  if (keyed(condition.field) && !condition.key?.trim()) return false;
  return valueless(condition.op) || (condition.value ?? '').trim() !== '';
}

/** What is wrong with a complete condition the server would refuse (a bad regex or duration), else undefined. */
export function conditionProblem(condition: FilterCondition): string | undefined {
  if (!isComplete(condition) || valueless(condition.op)) return undefined;
  const value = condition.value ?? '';
  if (condition.op === '=~' || condition.op === '!~') {
    try {
      new RegExp(value, 'u');
    } catch (error) {
      return `${JSON.stringify(value)} is not a regular expression: ${(error as Error).message}`;
    }
  }
  if (condition.field === 'duration') {
    try {
      parseDuration(value);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

/** The `where` parameter for the complete, valid conditions, or undefined when there are none. */
export function whereOf(conditions: readonly FilterCondition[]): string | undefined {
  const complete = conditions.filter((condition) => isComplete(condition) && conditionProblem(condition) === undefined).map(({ field, key, op, value }) => ({
    field,
    op,
    ...(keyed(field) ? { key: key!.trim() } : {}),
    ...(valueless(op) ? {} : { value: field === 'duration' || CHOICES[field] ? value!.trim() : value! }),
  }));
  return complete.length === 0 ? undefined : JSON.stringify(complete);
}

/** The filter from the page's URL (`filter`, `quick`, `matchesOnly`); whatever does not parse is left out. */
export function readFilterState(params: URLSearchParams): SpanFilterState {
  let conditions: FilterCondition[] = [];
  try {
    const parsed: unknown = JSON.parse(params.get('filter') ?? '[]');
    if (Array.isArray(parsed)) {
      conditions = parsed.filter(
        (item): item is FilterCondition => item !== null && typeof item === 'object' && typeof item.field === 'string' && Object.hasOwn(OPERATORS, item.field) && typeof item.op === 'string',
      );
    }
  } catch {
    // A hand-edited URL: start without conditions.
  }
  const quick = (params.get('quick') ?? '').split(',').filter((name): name is QuickFilter => QUICK_FILTERS.some(([known]) => known === name));
  return { conditions, quick, matchesOnly: params.get('matchesOnly') === '1' };
}

/** Writes the filter into `params` (removing what is empty). */
export function writeFilterState(params: URLSearchParams, state: SpanFilterState): void {
  const where = whereOf(state.conditions);
  if (where) params.set('filter', where);
  else params.delete('filter');
  if (state.quick.length > 0) params.set('quick', state.quick.join(','));
  else params.delete('quick');
  if (state.matchesOnly && (where || state.quick.length > 0)) params.set('matchesOnly', '1');
  else params.delete('matchesOnly');
}

/** Spans at or above the 95th percentile of the trace's span durations (nearest rank). */
export function slowestSpans(tree: Pick<TraceTree, 'count' | 'durations'>, share = 0.05): Uint8Array {
  const marked = new Uint8Array(tree.count);
  if (tree.count === 0) return marked;
  const sorted = Float64Array.from(tree.durations.subarray(0, tree.count)).sort();
  const threshold = sorted[Math.min(tree.count - 1, Math.ceil((1 - share) * tree.count) - 1)]!;
  for (let i = 0; i < tree.count; i++) if (tree.durations[i]! >= threshold) marked[i] = 1;
  return marked;
}

/**
 * The matching spans, in row order: those the server matched (every span when `serverMatches` is undefined) that
 * also pass every quick filter.
 */
export function combineMatches(
  tree: Pick<TraceTree, 'count' | 'flags' | 'durations' | 'order'>,
  serverMatches: ReadonlySet<number> | undefined,
  quick: readonly QuickFilter[],
  onCriticalPath: (span: number) => boolean,
): number[] {
  const slowest = quick.includes('slowest') ? slowestSpans(tree) : undefined;
  const out: number[] = [];
  for (let row = 0; row < tree.count; row++) {
    const span = tree.order[row]!;
    if (serverMatches && !serverMatches.has(span)) continue;
    if (quick.includes('errors') && !(tree.flags[span]! & SPAN_FLAG.error)) continue;
    if (quick.includes('critical') && !onCriticalPath(span)) continue;
    if (slowest && !slowest[span]) continue;
    out.push(span);
  }
  return out;
}

/** Rows of the matching spans and their ancestors (so each match keeps its place in the tree), in preorder. */
export function rowsWithAncestors(tree: Pick<TraceTree, 'count' | 'order' | 'parents'>, matches: readonly number[]): Int32Array {
  const keep = new Uint8Array(tree.count);
  for (const span of matches) {
    for (let s = span; s >= 0 && !keep[s]; s = tree.parents[s]!) keep[s] = 1;
  }
  const rows: number[] = [];
  for (let row = 0; row < tree.count; row++) if (keep[tree.order[row]!]) rows.push(tree.order[row]!);
  return Int32Array.from(rows);
}
