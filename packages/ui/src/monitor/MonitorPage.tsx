import { useState } from 'react';
import { ApiError, getJson } from '../api/client';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { LineChart } from './LineChart';
import { operationRows, seriesOf, stepsFor, type MetricFamily, type OperationRow } from './red-series';
import { operationTraceLinks } from './trace-links';

const TIME_FRAMES: ReadonlyArray<[string, string, number]> = [
  ['1h', 'Last hour', 3_600_000],
  ['6h', 'Last 6 hours', 21_600_000],
  ['24h', 'Last 24 hours', 86_400_000],
  ['2d', 'Last 2 days', 172_800_000],
];
const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal'] as const;
type SortKey = 'operation' | 'p95Ms' | 'callRate' | 'errorRate' | 'impact';

const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s` : `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} ms`);
const perSecond = (v: number): string => `${v >= 10 ? v.toFixed(0) : v.toFixed(2)}/s`;
const percent = (v: number): string => `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)} %`;

/**
 * `/monitor`: RED metrics of one service from `/api/metrics/*` (latency p50/p95/p99, request rate, error rate) and
 * its operations ranked by impact; a row opens the search for that operation, or for its slowest or failing traces.
 */
export function MonitorPage({ params }: { params: URLSearchParams }) {
  const services = useAsync('services', (signal) => getJson<{ services: string[] }>('api/v3/services', signal));
  const names = services.status === 'done' ? [...services.value.services].sort() : [];
  const service = params.get('service') ?? names[0];
  const kind = SPAN_KINDS.find((k) => k === params.get('spanKind')) ?? 'server';
  const frame = TIME_FRAMES.find(([value]) => value === params.get('timeframe')) ?? TIME_FRAMES[0]!;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'impact', descending: true });
  const [endMs] = useState(() => Math.ceil(Date.now() / 60_000) * 60_000);
  const startMs = endMs - frame[2];
  const { stepMs, ratePerMs } = stepsFor(frame[2]);
  const set = (changes: Record<string, string>): void => {
    const next = new URLSearchParams({ ...(service ? { service } : {}), spanKind: kind, timeframe: frame[0], ...changes });
    navigate(`/monitor?${next.toString()}`, { replace: true });
  };

  const key = service === undefined ? undefined : `${service}|${kind}|${frame[0]}`;
  const data = useAsync(key, async (signal) => {
    const base = `service=${encodeURIComponent(service!)}&spanKind=${kind}&endTs=${endMs}&lookback=${frame[2]}&step=${stepMs}&ratePer=${ratePerMs}`;
    const get = (path: string) => getJson<MetricFamily>(`api/metrics/${path}${path.includes('?') ? '&' : '?'}${base}`, signal);
    const [p50, p95, p99, calls, errors, opLatencies, opCalls, opErrors] = await Promise.all([
      get('latencies?quantile=0.5'),
      get('latencies?quantile=0.95'),
      get('latencies?quantile=0.99'),
      get('calls'),
      get('errors'),
      get('latencies?quantile=0.95&groupByOperation=true'),
      get('calls?groupByOperation=true'),
      get('errors?groupByOperation=true'),
    ]);
    return { p50, p95, p99, calls, errors, operations: operationRows(opLatencies, opCalls, opErrors) };
  });

  const rows = data.status === 'done' ? sortRows(data.value.operations, sort.key, sort.descending) : [];
  const header = (label: string, column: SortKey, numeric = true) => (
    <th className={numeric ? 'num' : undefined} aria-sort={sort.key === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link-button" onClick={() => setSort({ key: column, descending: sort.key === column ? !sort.descending : column !== 'operation' })}>
        {label}
      </button>
    </th>
  );
  return (
    <div className="monitor-page">
      <div className="deps-bar">
        <h1 style={{ fontSize: 18, margin: 0 }}>Monitor</h1>
        <label>
          Service{' '}
          <select value={service ?? ''} onChange={(event) => set({ service: event.target.value })}>
            {names.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Span kind{' '}
          <select value={kind} onChange={(event) => set({ spanKind: event.target.value })}>
            {SPAN_KINDS.map((value) => (
              <option key={value} value={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Time frame{' '}
          <select value={frame[0]} onChange={(event) => set({ timeframe: event.target.value })}>
            {TIME_FRAMES.map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </label>
      </div>
      {services.status === 'failed' && <Status kind="error">Services could not be loaded: {services.error.message}</Status>}
      {services.status === 'done' && names.length === 0 && <Status kind="empty">No services yet: send some spans first.</Status>}
      {data.status === 'loading' && key !== undefined && <Status kind="loading">Loading metrics…</Status>}
      {data.status === 'failed' &&
        (data.error instanceof ApiError && data.error.status === 501 ? (
          <Status kind="empty">This Skein keeps no service metrics: {data.error.message}.</Status>
        ) : (
          <Status kind="error">Metrics could not be loaded: {data.error.message}</Status>
        ))}
      {data.status === 'done' && (
        <>
          <div className="monitor-charts">
            <LineChart
              title="Latency"
              format={ms}
              startMs={startMs}
              endMs={endMs}
              lines={[
                { label: 'p99', color: '#ef4444', points: seriesOf(data.value.p99) },
                { label: 'p95', color: '#f59e0b', points: seriesOf(data.value.p95) },
                { label: 'p50', color: '#3b82f6', points: seriesOf(data.value.p50) },
              ]}
            />
            <LineChart title="Request rate" format={perSecond} startMs={startMs} endMs={endMs} lines={[{ label: 'calls', color: '#10b981', points: seriesOf(data.value.calls) }]} />
            <LineChart title="Error rate" format={percent} startMs={startMs} endMs={endMs} lines={[{ label: 'errors', color: '#ef4444', points: seriesOf(data.value.errors) }]} />
          </div>
          {rows.length === 0 ? (
            <Status kind="empty">No {kind} spans of {service} in this time frame.</Status>
          ) : (
            <table className="data" aria-label={`Operations of ${service}`}>
              <thead>
                <tr>
                  {header('Operation', 'operation', false)}
                  {header('p95 latency', 'p95Ms')}
                  {header('Request rate', 'callRate')}
                  {header('Error rate', 'errorRate')}
                  {header('Impact', 'impact')}
                  <th>Traces</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const links = operationTraceLinks(service!, row.operation, frame[0], row.p95Ms);
                  return (
                    <tr key={row.operation} data-operation={row.operation}>
                      <td>
                        <Link to={`/search?service=${encodeURIComponent(service!)}&operation=${encodeURIComponent(row.operation)}`}>{row.operation}</Link>
                      </td>
                      <td className="num">{row.p95Ms === undefined ? '–' : ms(row.p95Ms)}</td>
                      <td className="num">{perSecond(row.callRate)}</td>
                      <td className="num">{percent(row.errorRate)}</td>
                      <td className="num">
                        <span className="monitor-impact" style={{ width: `${Math.round(row.impact * 60)}px` }} aria-hidden="true" /> {row.impact.toFixed(2)}
                      </td>
                      <td className="monitor-trace-links">
                        <Link to={links.slowest} aria-label={`Slowest traces of ${row.operation}`}>slowest</Link>
                        {row.errorRate > 0 && (
                          <Link to={links.failing} aria-label={`Failing traces of ${row.operation}`}>failing</Link>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}

function sortRows(rows: OperationRow[], key: SortKey, descending: boolean): OperationRow[] {
  const value = (row: OperationRow): number | string => (key === 'operation' ? row.operation : (row[key] ?? -1));
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}
