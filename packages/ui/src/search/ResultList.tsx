import type { TraceSummary } from '../api/types';
import { Link } from '../app/Link';
import { serviceColor } from '../app/theme';
import { VirtualList } from '../app/VirtualList';
import { formatDuration } from '../format/duration';
import { formatAgo, formatTimestamp } from '../format/time';
import { summaryTimes } from './summary-order';

const ROW_HEIGHT = 72;

/** The results, one row each: root service and operation, duration bar, span and error counts, services, start. */
export function ResultList(props: {
  summaries: readonly TraceSummary[];
  selected: readonly string[];
  onToggle: (traceId: string) => void;
}) {
  const { summaries, selected } = props;
  const longest = Math.max(1, ...summaries.map((summary) => summaryTimes(summary).duration));
  const now = Date.now() * 1000;
  return (
    <VirtualList
      className="result-list"
      role="list"
      label="Traces found"
      count={summaries.length}
      rowHeight={ROW_HEIGHT}
      renderRow={(index, style) => {
        const summary = summaries[index]!;
        const { start, duration } = summaryTimes(summary);
        const checked = selected.includes(summary.traceId);
        return (
          <div className="result-row" style={style} role="listitem" data-trace-id={summary.traceId}>
            <input
              type="checkbox"
              checked={checked}
              disabled={!checked && selected.length >= 2}
              onChange={() => props.onToggle(summary.traceId)}
              aria-label={`Select trace ${summary.traceId.slice(0, 8)} to compare`}
            />
            <div style={{ minWidth: 0 }}>
              <div className="result-title">
                <Link to={`/trace/${summary.traceId}`}>
                  {summary.rootServiceName || '(no root)'}: {summary.rootOperationName || '(unknown operation)'}
                </Link>
                <span className="trace-id mono">{summary.traceId.slice(0, 12)}</span>
              </div>
              <div className="result-meta">
                <span>{summary.spanCount} span{summary.spanCount === 1 ? '' : 's'}</span>
                {summary.errorSpanCount > 0 && <span className="error-count">{summary.errorSpanCount} error{summary.errorSpanCount === 1 ? '' : 's'}</span>}
                {busiestServices(summary.services).slice(0, 6).map((service) => (
                  <span className="service-chip" key={service.name}>
                    <span className="swatch" style={{ background: serviceColor(service.name) }} aria-hidden="true" />
                    {service.name} ({service.spanCount})
                  </span>
                ))}
                {summary.services.length > 6 && <span>+{summary.services.length - 6} more</span>}
              </div>
            </div>
            <div className="result-side">
              <div><strong style={{ color: 'var(--text)' }}>{formatDuration(duration)}</strong></div>
              <div className="duration-bar" aria-hidden="true">
                <span style={{ width: `${(duration / longest) * 100}%` }} />
              </div>
              <div title={formatTimestamp(start)}>{formatAgo(start, now)}</div>
            </div>
          </div>
        );
      }}
    />
  );
}

/** api_v3 lists a trace's services by name; the result list shows the busiest first. */
function busiestServices<T extends { name: string; spanCount: number }>(services: readonly T[]): T[] {
  return [...services].sort((a, b) => b.spanCount - a.spanCount || (a.name < b.name ? -1 : 1));
}
