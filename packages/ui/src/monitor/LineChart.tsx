import type { Point } from './red-series';

export interface ChartLine {
  label: string;
  color: string;
  points: Point[];
}

const W = 360;
const H = 150;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

/** A small SVG line chart with a y-axis from 0 to the largest value; its aria label carries the latest values. */
export function LineChart({ title, lines, format, startMs, endMs }: { title: string; lines: ChartLine[]; format: (v: number) => string; startMs: number; endMs: number }) {
  const max = Math.max(0, ...lines.flatMap((line) => line.points.map((p) => p.v)));
  const top = max > 0 ? max * 1.1 : 1;
  const x = (t: number): number => PAD.left + ((t - startMs) / Math.max(1, endMs - startMs)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const latest = lines.map((line) => `${line.label} ${line.points.length > 0 ? format(line.points.at(-1)!.v) : 'no data'}`).join(', ');
  const time = (t: number): string => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="monitor-chart">
      <figcaption>
        {title}
        <span className="monitor-legend">
          {lines.map((line) => (
            <span key={line.label}>
              <i style={{ background: line.color }} aria-hidden="true" /> {line.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: latest ${latest}`} data-chart={title}>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(top * share)} y2={y(top * share)} className="monitor-grid" />
            <text x={PAD.left - 4} y={y(top * share) + 4} textAnchor="end" className="monitor-axis">
              {format(top * share)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} className="monitor-axis">{time(startMs)}</text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="monitor-axis">{time(endMs)}</text>
        {lines.map((line) =>
          line.points.length > 0 ? (
            <g key={line.label} stroke={line.color} fill={line.color}>
              <polyline fill="none" strokeWidth={1.8} points={line.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} />
              {/* Dots, so that a lone point (one busy minute) shows too. */}
              {line.points.map((p) => (
                <circle key={p.t} cx={x(p.t).toFixed(1)} cy={y(p.v).toFixed(1)} r={1.8} strokeWidth={0} />
              ))}
            </g>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
