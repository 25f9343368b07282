import { useMemo } from 'react';
import { getJson } from '../api/client';
import type { DependencyLink, Envelope } from '../api/types';
import { navigate } from '../app/router';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { serviceColor } from '../app/theme';
import { CallArrowMarker, CallEdge } from './CallEdge';
import { layoutGraph } from './layered-layout';

const LOOKBACKS: ReadonlyArray<[string, string, number]> = [
  ['1h', 'Last hour', 3_600_000],
  ['6h', 'Last 6 hours', 21_600_000],
  ['24h', 'Last 24 hours', 86_400_000],
  ['2d', 'Last 2 days', 172_800_000],
  ['7d', 'Last 7 days', 604_800_000],
];
const NODE_W = 160;
const NODE_H = 36;

/** `/dependencies`: which service calls which, with call counts, laid out in layers from the callers. */
export function DependenciesPage({ params }: { params: URLSearchParams }) {
  const lookback = LOOKBACKS.find(([value]) => value === params.get('lookback')) ?? LOOKBACKS[2]!;
  const links = useAsync(lookback[0], (signal) =>
    getJson<Envelope<DependencyLink[]>>(`api/dependencies?endTs=${Date.now()}&lookback=${lookback[2]}`, signal),
  );
  const layout = useMemo(
    () => (links.status === 'done' ? layoutGraph(links.value.data.map((link) => ({ from: link.parent, to: link.child, callCount: link.callCount }))) : undefined),
    [links],
  );
  const byId = new Map(layout?.nodes.map((node) => [node.id, node]));
  return (
    <div className="deps-page">
      <div className="deps-bar">
        <h1 style={{ fontSize: 18, margin: 0 }}>Service map</h1>
        <label>
          Lookback{' '}
          <select value={lookback[0]} onChange={(event) => navigate(`/dependencies?lookback=${event.target.value}`, { replace: true })}>
            {LOOKBACKS.map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </label>
        {layout && <span className="hint">{layout.nodes.length} services, {layout.edges.length} call paths. Click a service to search its traces.</span>}
      </div>
      {links.status === 'loading' && <Status kind="loading">Loading dependencies…</Status>}
      {links.status === 'failed' && <Status kind="error">Dependencies could not be loaded: {links.error.message}</Status>}
      {layout && layout.nodes.length === 0 && <Status kind="empty">No calls between services in this time range.</Status>}
      {layout && layout.nodes.length > 0 && (
        <div className="deps-canvas">
          <svg width={layout.width} height={layout.height} role="group" aria-label={`Service map: ${layout.edges.map((edge) => `${edge.from} calls ${edge.to} ${edge.callCount} times`).join('; ')}`}>
            <defs>
              <CallArrowMarker id="arrow" />
            </defs>
            {layout.edges.map((edge) => (
              <CallEdge key={`${edge.from}->${edge.to}`} edge={edge} from={byId.get(edge.from)!} to={byId.get(edge.to)!} nodeWidth={NODE_W} marker="arrow" />
            ))}
            {layout.nodes.map((node) => (
              <g
                key={node.id}
                className="deps-node"
                data-service={node.id}
                transform={`translate(${node.x - NODE_W / 2}, ${node.y - NODE_H / 2})`}
                tabIndex={0}
                role="link"
                aria-label={`Search traces of ${node.id}`}
                onClick={() => navigate(`/search?service=${encodeURIComponent(node.id)}`)}
                onKeyDown={(event) => event.key === 'Enter' && navigate(`/search?service=${encodeURIComponent(node.id)}`)}
                style={{ cursor: 'pointer' }}
              >
                <rect width={NODE_W} height={NODE_H} rx={8} />
                <rect width={6} height={NODE_H} rx={3} style={{ fill: serviceColor(node.id), stroke: 'none' }} />
                <text x={14} y={NODE_H / 2 + 4}>{node.id.length > 20 ? `${node.id.slice(0, 19)}…` : node.id}</text>
              </g>
            ))}
          </svg>
        </div>
      )}
    </div>
  );
}
