import { useMemo } from 'react';
import { serviceColor } from '../app/theme';
import { CallArrowMarker, CallEdge } from '../deps/CallEdge';
import { layoutGraph, type PlacedNode } from '../deps/layered-layout';
import { formatDuration } from '../format/duration';
import { traceGraph } from './trace-graph';
import { selfTimes } from './trace-statistics';
import type { TraceTree } from './trace-tree';

const NODE_W = 220;
const NODE_H = 44;
const SPACING = { layerGap: 290, nodeGap: 70, nodeWidth: NODE_W, nodeHeight: NODE_H };

const clip = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * The trace's operations as a graph, callers to the left: each node says how many spans the operation has and their
 * self time, each edge how many calls went that way. A click on a node opens its first span in the timeline.
 */
export function TraceGraph({ tree, onOpen }: { tree: TraceTree; onOpen: (span: number) => void }) {
  const graph = useMemo(() => traceGraph(tree, selfTimes(tree)), [tree]);
  const layout = useMemo(() => {
    const placed = layoutGraph(graph.edges, SPACING);
    // Operations in no call (a lone root) get a row of their own below.
    const known = new Set(placed.nodes.map((node) => node.id));
    const lone = [...graph.nodes.keys()].filter((id) => !known.has(id));
    const top = placed.nodes.length > 0 ? placed.height + NODE_H / 2 : NODE_H / 2 + 20;
    const extra: PlacedNode[] = lone.map((id, i) => ({ id, layer: 0, x: NODE_W / 2 + 20 + i * (NODE_W + 40), y: top }));
    return {
      nodes: [...placed.nodes, ...extra],
      edges: placed.edges,
      width: Math.max(placed.width, extra.length * (NODE_W + 40) + 40),
      height: extra.length > 0 ? top + NODE_H / 2 + 20 : placed.height,
    };
  }, [graph]);
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  const label = (id: string): string => id.replace('\u0000', ' ');
  return (
    <div className="deps-canvas trace-graph">
      <svg
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={`Operations of the trace: ${layout.edges.map((edge) => `${label(edge.from)} calls ${label(edge.to)} ${edge.callCount} times`).join('; ') || 'no calls'}`}
      >
        <defs>
          <CallArrowMarker id="trace-graph-arrow" />
        </defs>
        {layout.edges.map((edge) => (
          <CallEdge key={`${edge.from}->${edge.to}`} edge={edge} from={byId.get(edge.from)!} to={byId.get(edge.to)!} nodeWidth={NODE_W} marker="trace-graph-arrow" />
        ))}
        {layout.nodes.map((placed) => {
          const node = graph.nodes.get(placed.id)!;
          const selfCalls = graph.edges.find((edge) => edge.from === placed.id && edge.to === placed.id)?.callCount;
          const facts = `${node.count}× · self ${formatDuration(node.selfTotal)}${selfCalls ? ` · calls itself ${selfCalls}×` : ''}`;
          return (
            <g
              key={placed.id}
              className="deps-node"
              data-operation={label(placed.id)}
              transform={`translate(${placed.x - NODE_W / 2}, ${placed.y - NODE_H / 2})`}
              tabIndex={0}
              role="button"
              aria-description="opens its first span"
              onClick={() => onOpen(node.firstSpan)}
              onKeyDown={(event) => event.key === 'Enter' && onOpen(node.firstSpan)}
              style={{ cursor: 'pointer' }}
            >
              <rect width={NODE_W} height={NODE_H} rx={8} />
              <rect width={6} height={NODE_H} rx={3} style={{ fill: serviceColor(node.service), stroke: 'none' }} />
              <text x={14} y={18} style={{ fontWeight: 600 }}>{clip(node.operation, 26)}</text>
              <text x={14} y={35} className="trace-graph-facts">{clip(`${node.service} · ${facts}`, 34)}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
