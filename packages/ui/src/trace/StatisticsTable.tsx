import { useMemo, useState } from 'react';
import { formatDuration } from '../format/duration';
import { sortStatistics, traceStatistics, type StatisticsColumn } from './trace-statistics';
import type { TraceTree } from './trace-tree';

const COLUMNS: ReadonlyArray<[column: StatisticsColumn, label: string]> = [
  ['name', 'Service / operation'],
  ['count', 'Spans'],
  ['total', 'Total'],
  ['avg', 'Average'],
  ['min', 'Min'],
  ['max', 'Max'],
  ['selfTotal', 'Self total'],
  ['selfAvg', 'Self average'],
  ['selfPercentOfTrace', 'Self, % of trace'],
];

/** The trace's spans counted per service and operation: durations and self times, sortable by any column. */
export function StatisticsTable({ tree }: { tree: TraceTree }) {
  const statistics = useMemo(() => traceStatistics(tree), [tree]);
  const [sort, setSort] = useState<{ column: StatisticsColumn; ascending: boolean }>({ column: 'selfTotal', ascending: false });
  const rows = useMemo(() => sortStatistics(statistics, sort.column, sort.ascending), [statistics, sort]);
  return (
    <div className="trace-statistics">
      <table className="data" aria-label="Trace statistics">
        <thead>
          <tr>
            {COLUMNS.map(([column, label]) => (
              <th key={column} className={column === 'name' ? undefined : 'num'} aria-sort={sort.column === column ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="link-button" onClick={() => setSort({ column, ascending: sort.column === column ? !sort.ascending : column === 'name' })}>
                  {label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.service}\u0000${row.operation ?? ''}`} className={row.operation === undefined ? 'service-row' : 'operation-row'}>
              <th scope="row">{row.operation === undefined ? row.service : row.operation}</th>
              <td className="num">{row.count}</td>
              <td className="num">{formatDuration(row.total)}</td>
              <td className="num">{formatDuration(row.total / row.count)}</td>
              <td className="num">{formatDuration(row.min)}</td>
              <td className="num">{formatDuration(row.max)}</td>
              <td className="num">{formatDuration(row.selfTotal)}</td>
              <td className="num">{formatDuration(row.selfTotal / row.count)}</td>
              <td className="num">{row.selfPercentOfTrace.toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
