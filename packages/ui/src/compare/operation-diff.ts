import type { TraceTree } from '../trace/trace-tree';

export interface OperationRow {
  service: string;
  operation: string;
  countA: number;
  countB: number;
  /** Summed span durations, µs. */
  durationA: number;
  durationB: number;
  presence: 'both' | 'only-a' | 'only-b';
}

/**
 * Two traces side by side, per service and operation: how many spans each has and how long they took. Rows found in
 * one trace only come first, then the largest duration change.
 */
export function diffOperations(a: TraceTree, b: TraceTree): OperationRow[] {
  const rows = new Map<string, OperationRow>();
  const add = (tree: TraceTree, side: 'A' | 'B'): void => {
    for (let i = 0; i < tree.count; i++) {
      const service = tree.services[tree.serviceIndexes[i]!]!;
      const operation = tree.operations[tree.operationIndexes[i]!]!;
      const key = `${service}\u0000${operation}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { service, operation, countA: 0, countB: 0, durationA: 0, durationB: 0, presence: 'both' }));
      row[`count${side}`]++;
      row[`duration${side}`] += tree.durations[i]!;
    }
  };
  add(a, 'A');
  add(b, 'B');
  const rank = { 'only-a': 0, 'only-b': 0, both: 1 } as const;
  return [...rows.values()]
    .map((row) => ({ ...row, presence: row.countA === 0 ? 'only-b' : row.countB === 0 ? 'only-a' : 'both' }) as OperationRow)
    .sort(
      (x, y) =>
        rank[x.presence] - rank[y.presence] ||
        Math.abs(y.durationB - y.durationA) - Math.abs(x.durationB - x.durationA) ||
        (x.service + x.operation < y.service + y.operation ? -1 : 1),
    );
}
