import { useMemo, useState } from 'react';
import { serviceColor } from '../app/theme';
import { VirtualList } from '../app/VirtualList';
import { formatDuration } from '../format/duration';
import { changeOf, visibleDiffRows, type DiffNode } from './operation-tree-diff';

const ROW_HEIGHT = 28;
const INDENT = 16;
const MAX_HEIGHT = 560;

/** A side's count or time, or a dash where that side has no such spans. */
const side = (count: number, text: string): string => (count === 0 ? '–' : text);

const CHANGE_LABELS: Record<ReturnType<typeof changeOf>, string> = {
  'only-a': 'A only',
  'only-b': 'B only',
  slower: 'slower',
  faster: 'faster',
  more: 'more spans',
  fewer: 'fewer spans',
  same: 'same',
  both: 'same',
};

function percentChange(node: DiffNode): string {
  if (node.durationA === 0) return '';
  const change = (node.durationB - node.durationA) / node.durationA;
  return ` ${change > 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(0)} %`;
}

/**
 * The two traces' operation trees drawn as one: a row per place in the merged tree, its left edge and badge coloured
 * by what changed (only in A, only in B, slower, faster, more or fewer spans), with both sides' span counts and
 * times. A row with children folds.
 */
export function OperationDiffTree({ nodes }: { nodes: readonly DiffNode[] }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const rows = useMemo(() => visibleDiffRows(nodes, collapsed), [nodes, collapsed]);
  const toggle = (node: number): void =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (!next.delete(node)) next.add(node);
      return next;
    });
  const counts = { both: 0, 'only-a': 0, 'only-b': 0 };
  for (const node of nodes) counts[node.presence]++;
  return (
    <section className="diff-tree-section" aria-label="Operation trees compared">
      <div className="diff-legend">
        <strong>{nodes.length} operations</strong>: {counts.both} in both, <span className="diff-key diff-only-a">{counts['only-a']} only in A</span>,{' '}
        <span className="diff-key diff-only-b">{counts['only-b']} only in B</span>; <span className="diff-key diff-slower">slower</span> and{' '}
        <span className="diff-key diff-faster">faster</span> mean B's total time differs from A's by more than 10 %.
      </div>
      <div style={{ height: Math.min(MAX_HEIGHT, rows.length * ROW_HEIGHT + 2) }}>
        <VirtualList
          className="diff-tree"
          role="list"
          label="Merged operation tree"
          count={rows.length}
          rowHeight={ROW_HEIGHT}
          renderRow={(row, style) => {
            const index = rows[row]!;
            const node = nodes[index]!;
            const change = changeOf(node);
            const folded = collapsed.has(index);
            return (
              <div
                role="listitem"
                className={`diff-row diff-${change}`}
                style={style}
                data-operation={`${node.service} ${node.operation}`}
                data-change={change}
                data-depth={node.depth}
              >
                <span className="diff-name" style={{ paddingLeft: node.depth * INDENT }}>
                  {node.subtreeSize > 1 ? (
                    <button type="button" className="link-button diff-toggle" aria-expanded={!folded} onClick={() => toggle(index)} aria-label={`${folded ? 'Expand' : 'Collapse'} ${node.operation}`}>
                      {folded ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="diff-toggle" aria-hidden="true" />
                  )}
                  <span className="swatch" style={{ background: serviceColor(node.service) }} aria-hidden="true" />
                  <span className="diff-service">{node.service}</span> {node.operation}
                  {folded && <span className="diff-hidden"> (+{node.subtreeSize - 1})</span>}
                </span>
                <span className={`diff-badge diff-${change}`}>
                  {CHANGE_LABELS[change]}
                  {(change === 'slower' || change === 'faster') && percentChange(node)}
                </span>
                <span className="num">
                  {node.countA} → {node.countB}
                </span>
                <span className="num">
                  {side(node.countA, formatDuration(node.durationA))} → {side(node.countB, formatDuration(node.durationB))}
                </span>
              </div>
            );
          }}
        />
      </div>
    </section>
  );
}
