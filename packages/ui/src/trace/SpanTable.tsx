import { useMemo, useState } from 'react';
import { SPAN_FLAG } from '../api/types';
import { VirtualList } from '../app/VirtualList';
import { formatDuration } from '../format/duration';
import { spanTableRows, type SpanTableColumn } from './span-table';
import { selfTimes } from './trace-statistics';
import type { TraceTree } from './trace-tree';

const ROW_HEIGHT = 28;
const COLUMNS: ReadonlyArray<[column: SpanTableColumn, label: string, numeric: boolean]> = [
  ['service', 'Service', false],
  ['operation', 'Operation', false],
  ['start', 'Starts at', true],
  ['duration', 'Duration', true],
  ['self', 'Self time', true],
  ['error', 'Error', false],
];

/** Every span as a row: filter by service or operation, sort by any column; a row opens the span in the timeline. */
export function SpanTable({ tree, onOpen }: { tree: TraceTree; onOpen: (span: number) => void }) {
  const self = useMemo(() => selfTimes(tree), [tree]);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: SpanTableColumn; ascending: boolean }>({ column: 'start', ascending: true });
  const rows = useMemo(() => spanTableRows(tree, self, filter, sort.column, sort.ascending), [tree, self, filter, sort]);
  const cells = (span: number): string[] => [
    tree.services[tree.serviceIndexes[span]!]!,
    tree.operations[tree.operationIndexes[span]!]!,
    formatDuration(tree.starts[span]!),
    formatDuration(tree.durations[span]!),
    formatDuration(self[span]!),
    tree.flags[span]! & SPAN_FLAG.error ? 'error' : '',
  ];
  return (
    <div className="span-table">
      <div className="span-table-filter">
        <label>
          Filter <input type="search" value={filter} placeholder="service or operation" onChange={(event) => setFilter(event.target.value)} />
        </label>
        <span className="span-table-count" role="status">
          {rows.length === tree.count ? `${tree.count} spans` : `${rows.length} of ${tree.count} spans`}
        </span>
      </div>
      <div role="table" aria-label="Spans of the trace" aria-rowcount={rows.length + 1} className="span-table-grid">
        <div role="rowgroup">
          <div role="row" className="span-table-row head">
            {COLUMNS.map(([column, label, numeric]) => (
              <div key={column} role="columnheader" className={numeric ? 'num' : undefined} aria-sort={sort.column === column ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="link-button" onClick={() => setSort({ column, ascending: sort.column === column ? !sort.ascending : !numeric })}>
                  {label}
                </button>
              </div>
            ))}
          </div>
        </div>
        <VirtualList
          className="span-table-body"
          role="rowgroup"
          count={rows.length}
          rowHeight={ROW_HEIGHT}
          renderRow={(index, style) => {
            const span = rows[index]!;
            return (
              <div role="row" aria-rowindex={index + 2} className="span-table-row" style={style} data-span-index={span} onClick={() => onOpen(span)}>
                {cells(span).map((text, column) => (
                  <div key={column} role="cell" className={COLUMNS[column]![2] ? 'num' : undefined}>
                    {text}
                  </div>
                ))}
              </div>
            );
          }}
        />
      </div>
    </div>
  );
}
