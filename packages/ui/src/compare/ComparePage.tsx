import { useMemo, type ReactElement } from 'react';
import { Link } from '../app/Link';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { formatDuration } from '../format/duration';
import { storedTraceSource, uploadedTraceSource } from '../trace/trace-source';
import type { TraceTree } from '../trace/trace-tree';
import { uploadedTrace } from '../upload/upload-store';
import { diffOperations } from './operation-diff';
import { OperationDiffTree } from './OperationDiffTree';
import { diffOperationTrees } from './operation-tree-diff';

async function loadTree(traceId: string): Promise<TraceTree> {
  const uploaded = uploadedTrace(traceId);
  const source = uploaded ? uploadedTraceSource(uploaded) : storedTraceSource(traceId);
  return (await source.loadTree()).tree;
}

function Card({ side, tree }: { side: 'A' | 'B'; tree: TraceTree }) {
  const root = tree.order[0]!;
  return (
    <div className="compare-card">
      <h2>
        {side}: <Link to={`/trace/${tree.traceID}`}>{tree.services[tree.serviceIndexes[root]!]}: {tree.operations[tree.operationIndexes[root]!]}</Link>
      </h2>
      <div className="mono">{tree.traceID}</div>
      <div>
        {formatDuration(tree.duration)} · {tree.count} spans · {tree.services.length} services
      </div>
    </div>
  );
}

/**
 * `/trace/{a}...{b}`: two traces side by side, their operation trees merged into one coloured by what changed, and per
 * operation (wherever it is called) what one has that the other has not.
 */
export function ComparePage({ a, b }: { a: string; b: string }) {
  const trees = useAsync(`${a}...${b}`, () => Promise.all([loadTree(a), loadTree(b)]));
  const rows = useMemo(() => (trees.status === 'done' ? diffOperations(trees.value[0], trees.value[1]) : []), [trees]);
  const merged = useMemo(() => (trees.status === 'done' ? diffOperationTrees(trees.value[0], trees.value[1]) : []), [trees]);
  if (trees.status === 'loading') return <Status kind="loading">Loading both traces…</Status>;
  if (trees.status === 'failed') return <Status kind="error">The traces could not be compared: {trees.error.message}</Status>;
  const [treeA, treeB] = trees.value;
  const delta = (x: number, y: number, format: (n: number) => string): ReactElement => {
    const d = y - x;
    return <span className={d > 0 ? 'delta-up' : d < 0 ? 'delta-down' : undefined}>{d > 0 ? '+' : d < 0 ? '−' : ''}{format(Math.abs(d))}</span>;
  };
  return (
    <div className="compare-page">
      <div className="compare-heads">
        <Card side="A" tree={treeA} />
        <Card side="B" tree={treeB} />
      </div>
      <OperationDiffTree nodes={merged} />
      <h2 className="compare-subhead">Per operation, wherever it is called</h2>
      <table className="data" aria-label="Operations compared">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Operation</th>
            <th scope="col">In</th>
            <th scope="col" className="num">Spans A</th>
            <th scope="col" className="num">Spans B</th>
            <th scope="col" className="num">Δ spans</th>
            <th scope="col" className="num">Time A</th>
            <th scope="col" className="num">Time B</th>
            <th scope="col" className="num">Δ time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.service}\u0000${row.operation}`} className={row.presence}>
              <td>{row.service}</td>
              <td>{row.operation}</td>
              <td>{row.presence === 'both' ? 'both' : row.presence === 'only-a' ? 'A only' : 'B only'}</td>
              <td className="num">{row.countA}</td>
              <td className="num">{row.countB}</td>
              <td className="num">{delta(row.countA, row.countB, String)}</td>
              <td className="num">{formatDuration(row.durationA)}</td>
              <td className="num">{formatDuration(row.durationB)}</td>
              <td className="num">{delta(row.durationA, row.durationB, formatDuration)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
