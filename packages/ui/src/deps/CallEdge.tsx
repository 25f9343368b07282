import type { PlacedEdge, PlacedNode } from './layered-layout';

/** The arrowhead `CallEdge` points with; put it once in the SVG's defs. */
export function CallArrowMarker({ id }: { id: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" className="deps-arrow" />
    </marker>
  );
}

/**
 * A call between two laid-out nodes of width `nodeWidth`: a curve from the caller's side to the callee's with the
 * call count on it. Calls to itself are not drawn (the node says so).
 */
export function CallEdge({ edge, from, to, nodeWidth, marker }: { edge: PlacedEdge; from: PlacedNode; to: PlacedNode; nodeWidth: number; marker: string }) {
  if (edge.from === edge.to) return null;
  const x1 = from.x + (to.x >= from.x ? nodeWidth / 2 : -nodeWidth / 2);
  const x2 = to.x + (to.x >= from.x ? -nodeWidth / 2 : nodeWidth / 2);
  const bend = to.x === from.x ? 60 : 0;
  const mid = (x1 + x2) / 2;
  return (
    <g data-edge={`${edge.from}->${edge.to}`.replace(/\u0000/g, ' ')} style={{ color: 'var(--text-muted)' }}>
      <path d={`M ${x1} ${from.y} C ${mid + bend} ${from.y}, ${mid + bend} ${to.y}, ${x2} ${to.y}`} className="deps-edge" markerEnd={`url(#${marker})`} />
      <text x={mid + bend} y={(from.y + to.y) / 2 - 6} textAnchor="middle" className="deps-edge-label">
        {edge.callCount}
      </text>
    </g>
  );
}
