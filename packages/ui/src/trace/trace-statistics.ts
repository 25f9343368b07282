import { childLists } from './child-lists';
import type { TraceTree } from './trace-tree';

/**
 * Each span's self time: its duration less the time its children cover (their union, cut to the span), so parallel
 * children are not subtracted twice and children outliving the span do not make it negative.
 */
export function selfTimes(tree: Pick<TraceTree, 'count' | 'parents' | 'starts' | 'durations'>): Float64Array {
  const { count, parents, starts, durations } = tree;
  const { start: childStart, children } = childLists(count, parents);

  const self = new Float64Array(count);
  for (let span = 0; span < count; span++) {
    const from = starts[span]!;
    const to = from + durations[span]!;
    const list = children.subarray(childStart[span]!, childStart[span + 1]!);
    if (list.length > 1) list.sort((a, b) => starts[a]! - starts[b]!);
    let covered = 0;
    let reach = from;
    for (const child of list) {
      const childFrom = Math.max(starts[child]!, reach);
      const childTo = Math.min(starts[child]! + durations[child]!, to);
      if (childTo > childFrom) {
        covered += childTo - childFrom;
        reach = childTo;
      }
    }
    self[span] = Math.max(0, durations[span]! - covered);
  }
  return self;
}

/** One row of the statistics: a service (operation undefined) or one of its operations. Times in µs. */
export interface StatisticsRow {
  service: string;
  operation: string | undefined;
  count: number;
  total: number;
  min: number;
  max: number;
  selfTotal: number;
  selfMin: number;
  selfMax: number;
  /** Self time as a share of the trace's duration, in %. */
  selfPercentOfTrace: number;
}

/** Per service and, under each, per operation: counts, durations and self times. */
export function traceStatistics(tree: Pick<TraceTree, 'count' | 'parents' | 'starts' | 'durations' | 'services' | 'operations' | 'serviceIndexes' | 'operationIndexes' | 'duration'>): StatisticsRow[] {
  const self = selfTimes(tree);
  const rows = new Map<string, StatisticsRow>();
  const add = (key: string, service: string, operation: string | undefined, span: number): void => {
    let row = rows.get(key);
    if (!row) {
      row = { service, operation, count: 0, total: 0, min: Infinity, max: -Infinity, selfTotal: 0, selfMin: Infinity, selfMax: -Infinity, selfPercentOfTrace: 0 };
      rows.set(key, row);
    }
    const duration = tree.durations[span]!;
    row.count++;
    row.total += duration;
    row.min = Math.min(row.min, duration);
    row.max = Math.max(row.max, duration);
    row.selfTotal += self[span]!;
    row.selfMin = Math.min(row.selfMin, self[span]!);
    row.selfMax = Math.max(row.selfMax, self[span]!);
  };
  for (let span = 0; span < tree.count; span++) {
    const service = tree.services[tree.serviceIndexes[span]!]!;
    const operation = tree.operations[tree.operationIndexes[span]!]!;
    add(`s\u0000${service}`, service, undefined, span);
    add(`o\u0000${service}\u0000${operation}`, service, operation, span);
  }
  const duration = Math.max(1, tree.duration);
  for (const row of rows.values()) row.selfPercentOfTrace = (row.selfTotal / duration) * 100;
  return [...rows.values()];
}

export type StatisticsColumn = 'name' | 'count' | 'total' | 'avg' | 'min' | 'max' | 'selfTotal' | 'selfAvg' | 'selfPercentOfTrace';

function valueOf(row: StatisticsRow, column: Exclude<StatisticsColumn, 'name'>): number {
  if (column === 'avg') return row.total / row.count;
  if (column === 'selfAvg') return row.selfTotal / row.count;
  return row[column];
}

/**
 * Services sorted by `column`, each followed by its operations sorted the same way (names ascending, numbers
 * descending first unless `ascending` says otherwise).
 */
export function sortStatistics(rows: readonly StatisticsRow[], column: StatisticsColumn, ascending: boolean): StatisticsRow[] {
  const compare = (a: StatisticsRow, b: StatisticsRow): number => {
    const order =
      column === 'name'
        ? (a.operation ?? a.service).localeCompare(b.operation ?? b.service)
        : valueOf(a, column) - valueOf(b, column);
    return ascending ? order : -order;
  };
  const services = rows.filter((row) => row.operation === undefined).sort(compare);
  return services.flatMap((service) => [service, ...rows.filter((row) => row.operation !== undefined && row.service === service.service).sort(compare)]);
}
