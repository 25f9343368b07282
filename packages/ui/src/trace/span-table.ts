import { SPAN_FLAG } from '../api/types';
import type { TraceTree } from './trace-tree';

export type SpanTableColumn = 'service' | 'operation' | 'start' | 'duration' | 'self' | 'error';

type TableTree = Pick<TraceTree, 'count' | 'services' | 'operations' | 'serviceIndexes' | 'operationIndexes' | 'starts' | 'durations' | 'flags'>;

/**
 * The spans the table lists: those whose service or operation contains `filter` (any case), sorted by `column`
 * (ties by start, then span order).
 */
export function spanTableRows(tree: TableTree, self: Float64Array, filter: string, column: SpanTableColumn, ascending: boolean): Int32Array {
  const needle = filter.trim().toLowerCase();
  const serviceMatches = tree.services.map((name) => needle === '' || name.toLowerCase().includes(needle));
  const operationMatches = tree.operations.map((name) => needle === '' || name.toLowerCase().includes(needle));
  const rows: number[] = [];
  for (let span = 0; span < tree.count; span++) {
    if (serviceMatches[tree.serviceIndexes[span]!] || operationMatches[tree.operationIndexes[span]!]) rows.push(span);
  }
  const key = (span: number): number | string => {
    switch (column) {
      case 'service':
        return tree.services[tree.serviceIndexes[span]!]!;
      case 'operation':
        return tree.operations[tree.operationIndexes[span]!]!;
      case 'start':
        return tree.starts[span]!;
      case 'duration':
        return tree.durations[span]!;
      case 'self':
        return self[span]!;
      case 'error':
        return tree.flags[span]! & SPAN_FLAG.error;
    }
  };
  const direction = ascending ? 1 : -1;
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return order * direction || tree.starts[a]! - tree.starts[b]! || a - b;
  });
  return Int32Array.from(rows);
}
