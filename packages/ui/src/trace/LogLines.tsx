import type { TraceLogLine } from '../api/types';
import { formatDuration } from '../format/duration';
import { formatTimestamp } from '../format/time';
import { severityOf } from './trace-logs';

/** A log line's other fields, as the span detail shows tags. */
function LineFields({ fields, label }: { fields: Record<string, string>; label: string }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <p className="hint">No other fields.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Log lines in time order: offset from the trace's start, level, message (unfolding to the line's other fields),
 * and, when `spanLabel` is given, the span the line belongs to as a button that opens it.
 */
export function LogLines(props: {
  lines: readonly TraceLogLine[];
  traceStart: number;
  label: string;
  spanLabel?: (spanId: string) => string | undefined;
  onOpenSpan?: (spanId: string) => void;
}) {
  const { lines, traceStart, spanLabel, onOpenSpan } = props;
  return (
    <ol className="log-lines" aria-label={props.label}>
      {lines.map((line) => {
        const severity = severityOf(line.level);
        const span = line.spanID && spanLabel ? spanLabel(line.spanID) : undefined;
        return (
          <li key={`${line.index}/${line.id}`} className={`log-line log-${severity}`} data-severity={severity} data-span={line.spanID ?? ''}>
            <div className="log-line-head">
              <time dateTime={new Date(Math.floor(line.timestamp / 1000)).toISOString()} title={formatTimestamp(line.timestamp)}>
                {line.timestamp < traceStart ? '−' : '+'}
                {formatDuration(Math.abs(line.timestamp - traceStart))}
              </time>
              <span className="log-level">{line.level ?? '–'}</span>
              {span !== undefined && onOpenSpan && (
                <button type="button" className="link-button log-span" onClick={() => onOpenSpan(line.spanID!)}>
                  {span}
                </button>
              )}
            </div>
            <details>
              <summary className="log-message">{line.message || '(no message)'}</summary>
              <LineFields fields={line.fields} label={`Fields of the log line at ${formatTimestamp(line.timestamp)}`} />
            </details>
          </li>
        );
      })}
    </ol>
  );
}
