import { useMemo, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { SPAN_FLAG } from '../api/types';
import { serviceColor } from '../app/theme';
import { VirtualList } from '../app/VirtualList';
import { formatDuration } from '../format/duration';
import type { CriticalPath } from './critical-path';
import type { ViewRange } from './Minimap';
import type { TraceTree } from './trace-tree';

export const ROW_HEIGHT = 26;
const INDENT = 14;

export interface TimelineProps {
  tree: TraceTree;
  rows: Int32Array;
  collapsed: Uint8Array;
  selected: number;
  matches: ReadonlySet<number>;
  /** When given, the path's pieces are drawn over the bars and spans off it are dimmed. */
  path?: CriticalPath | undefined;
  view: ViewRange;
  scrollRef: RefObject<HTMLDivElement | null>;
  onSelect: (span: number) => void;
  onToggle: (span: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/** The duration label: after the bar, else before it, else (a bar across the whole view) inside its right end. */
function labelPlacement(left: number, right: number): { className: string; style: CSSProperties } {
  if (right < 80) return { className: 'span-bar-label after', style: { left: `${Math.max(0, right)}%` } };
  if (left > 20) return { className: 'span-bar-label before', style: { right: `${100 - left}%` } };
  return { className: 'span-bar-label inside', style: {} };
}

function formatShare(share: number, total: number): string {
  const percent = total > 0 ? (share / total) * 100 : 0;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

/** The span tree against time: a row per shown span, only the rows in view rendered. */
export function Timeline(props: TimelineProps) {
  const { tree, rows, view } = props;
  const viewStart = view.from * tree.duration;
  const viewSpan = Math.max(1, (view.to - view.from) * tree.duration);
  const colors = useMemo(() => tree.services.map(serviceColor), [tree]);
  const percent = (offset: number): number => ((offset - viewStart) / viewSpan) * 100;

  const renderRow = (index: number, style: CSSProperties): ReactNode => {
    const span = rows[index]!;
    const depth = tree.depths[span]!;
    const children = tree.childCounts[span]!;
    const flags = tree.flags[span]!;
    const service = tree.services[tree.serviceIndexes[span]!]!;
    const operation = tree.operations[tree.operationIndexes[span]!]!;
    const start = tree.starts[span]!;
    const duration = tree.durations[span]!;
    const left = percent(start);
    const right = percent(start + duration);
    const clippedLeft = Math.max(0, left);
    const width = Math.max(0, Math.min(100, right) - clippedLeft);
    const isCollapsed = props.collapsed[span] === 1;
    const ticks: ReactNode[] = [];
    for (let e = tree.eventStarts[span]!; e < tree.eventStarts[span + 1]!; e++) {
      const at = percent(tree.eventOffsets[e]!);
      if (at >= 0 && at <= 100) ticks.push(<span key={e} className="event-tick" style={{ left: `${at}%` }} />);
    }
    const share = props.path?.share[span] ?? 0;
    const label = share > 0 ? `${formatDuration(duration)} · ${formatShare(share, props.path!.total)} of the path` : formatDuration(duration);
    const pieces: ReactNode[] = [];
    for (const [from, to] of props.path?.segments.get(span) ?? []) {
      const pieceLeft = Math.max(0, percent(from));
      const pieceWidth = Math.min(100, percent(to)) - pieceLeft;
      if (pieceWidth > 0) pieces.push(<span key={from} className="critical-segment" style={{ left: `${pieceLeft}%`, width: `${pieceWidth}%` }} />);
    }
    return (
      <div
        className={`span-row${props.matches.has(span) ? ' match' : ''}${props.path && share === 0 ? ' off-path' : ''}`}
        style={style}
        role="treeitem"
        aria-level={depth + 1}
        aria-expanded={children > 0 ? !isCollapsed : undefined}
        aria-selected={props.selected === span}
        data-span-index={span}
        data-critical={props.path ? share > 0 : undefined}
        onClick={() => props.onSelect(span)}
      >
        <div className="span-name" style={{ paddingLeft: 4 + depth * INDENT }}>
          {children > 0 ? (
            <button
              type="button"
              className="toggle"
              tabIndex={-1}
              aria-label={isCollapsed ? 'Expand' : 'Collapse'}
              onClick={(event) => {
                event.stopPropagation();
                props.onToggle(span);
              }}
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="leaf" />
          )}
          <span className="swatch" style={{ background: colors[tree.serviceIndexes[span]!] }} aria-hidden="true" />
          {flags & SPAN_FLAG.error ? (
            <span className="error-mark" title="error">
              !<span className="visually-hidden">error</span>
            </span>
          ) : null}
          {flags & (SPAN_FLAG.warnings | SPAN_FLAG.orphan) ? (
            <span className="warning-mark" title={flags & SPAN_FLAG.orphan ? 'its parent span is not in the trace' : 'has warnings: open the span to read them'}>
              ⚠<span className="visually-hidden">{flags & SPAN_FLAG.orphan ? 'parent missing' : 'warnings'}</span>
            </span>
          ) : null}
          <span className="service">{service}</span>
          <span className="operation">{operation}</span>
          {isCollapsed && <span className="child-count">+{tree.subtreeSizes[span]! - 1}</span>}
        </div>
        <div className="span-bar-cell">
          {width > 0 && (
            <span
              className={`span-bar${flags & SPAN_FLAG.error ? ' error' : ''}`}
              style={{ left: `${clippedLeft}%`, width: `${width}%`, background: colors[tree.serviceIndexes[span]!] }}
            />
          )}
          {pieces}
          {ticks}
          <span {...labelPlacement(left, right)}>{label}</span>
        </div>
      </div>
    );
  };

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => (
    <span key={fraction} className="tick" style={{ left: `${fraction * 100}%`, transform: fraction === 0 ? 'none' : fraction === 1 ? 'translateX(-100%)' : undefined }}>
      {formatDuration(viewStart + fraction * viewSpan)}
    </span>
  ));
  return (
    <div className="timeline">
      <div className="timeline-head" aria-hidden="true">
        <span style={{ paddingLeft: 8 }}>Service and operation</span>
        <div className="ticks">{ticks}</div>
      </div>
      <VirtualList
        className="timeline-scroll"
        role="tree"
        label="Spans of the trace"
        scrollRef={props.scrollRef}
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        renderRow={renderRow}
        onKeyDown={props.onKeyDown}
        tabIndex={0}
        overscan={4}
      />
    </div>
  );
}
