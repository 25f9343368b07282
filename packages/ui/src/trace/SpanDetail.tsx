import { useState } from 'react';
import type { JaegerKeyValue, SpanDetail as Detail, TraceLogLine } from '../api/types';
import { configuredLinks, fieldsOf, injectedConfig, type LinkPatternType } from '../app/backend-facts';
import { Link } from '../app/Link';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { formatDuration } from '../format/duration';
import { formatTimestamp } from '../format/time';
import { LogLines } from './LogLines';
import type { TraceSource } from './trace-source';

/** Where `#{field}` of a link pattern is looked up, first to last. */
type LinkContext = { type: LinkPatternType; sources: ReadonlyArray<Record<string, string>> };

function KeyValues({ items, label, links }: { items: readonly JaegerKeyValue[]; label: string; links?: LinkContext }) {
  if (items.length === 0) return <p className="hint">None.</p>;
  const config = links ? injectedConfig() : null;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {items.map((item, i) => (
          <tr key={`${item.key}-${i}`}>
            <th scope="row">{item.key}</th>
            <td>
              {typeof item.value === 'string' ? item.value : JSON.stringify(item.value)}
              {links && (
                <span className="kv-links">
                  {configuredLinks(config, links.type, item.key, links.sources).map((link) => (
                    <a key={link.url} href={link.url} target="_blank" rel="noopener noreferrer">
                      {link.text}
                    </a>
                  ))}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The span's application log lines (from the logs cluster): loading, failed, or the lines. */
export type SpanLogLines = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; lines: readonly TraceLogLine[] };

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (insecure origin, permissions): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  };
  return (
    <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
      {done ? 'Copied' : `Copy ${label}`}
    </button>
  );
}

/** The opened span: what it is, its tags, its process, its events with their offsets, its references and warnings. */
export function SpanDetail(props: {
  source: TraceSource;
  traceId: string;
  traceStart: number;
  spanId: string;
  /** Undefined when the query service has no logs cluster. */
  logLines?: SpanLogLines | undefined;
  onGoToSpan: (spanId: string) => void;
  onClose: () => void;
}) {
  const { source, spanId, traceStart } = props;
  const detail = useAsync<Detail>(spanId, (signal) => source.spanDetail(spanId, signal));
  return (
    <aside className="span-detail" aria-label="Span detail" data-testid="span-detail">
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <button type="button" onClick={props.onClose} aria-label="Close span detail">✕</button>
      </div>
      {detail.status === 'loading' && <Status kind="loading">Loading span…</Status>}
      {detail.status === 'failed' && <Status kind="error">This span could not be loaded: {detail.error.message}</Status>}
      {detail.status === 'done' && <DetailBody detail={detail.value} traceId={props.traceId} traceStart={traceStart} onGoToSpan={props.onGoToSpan} />}
      {props.logLines && <SpanLogs logLines={props.logLines} traceStart={traceStart} />}
    </aside>
  );
}

function DetailBody({ detail, traceId, traceStart, onGoToSpan }: { detail: Detail; traceId: string; traceStart: number; onGoToSpan: (spanId: string) => void }) {
  const { span, process } = detail;
  const sameTrace = (id: string): boolean => id.replace(/^0+/, '') === traceId.replace(/^0+/, '');
  const ids = { traceID: traceId, spanID: span.spanID };
  const tags = fieldsOf(span.tags);
  const processTags = fieldsOf(process.tags);
  return (
    <>
      <h2>{span.operationName}</h2>
      <div className="hint">{process.serviceName}</div>
      <dl className="trace-facts" style={{ marginTop: 8 }}>
        <div><dt>Duration</dt><dd>{formatDuration(span.duration)}</dd></div>
        <div><dt>Starts at</dt><dd>{formatDuration(span.startTime - traceStart)}</dd></div>
        <div><dt>Start</dt><dd>{formatTimestamp(span.startTime)}</dd></div>
      </dl>
      <div className="detail-actions">
        <span className="mono">{span.spanID}</span>
        <CopyButton text={span.spanID} label="span id" />
      </div>
      {span.warnings && span.warnings.length > 0 && (
        <ul className="warning-list" aria-label="Warnings">
          {span.warnings.map((warning, i) => <li key={i}>{warning}</li>)}
        </ul>
      )}
      <h3>Tags</h3>
      <KeyValues items={span.tags} label="Span tags" links={{ type: 'tags', sources: [tags, processTags, ids] }} />
      <h3>Process</h3>
      <KeyValues items={process.tags} label="Process tags" links={{ type: 'process', sources: [processTags, tags, ids] }} />
      <h3>Events ({span.logs.length})</h3>
      {span.logs.length === 0 && <p className="hint">None.</p>}
      {span.logs.map((log, i) => {
        const event = log.fields.find((field) => field.key === 'event' || field.key === 'message');
        return (
          <details className="log-entry" key={i} open={span.logs.length <= 5}>
            <summary>
              <strong>{formatDuration(log.timestamp - traceStart)}</strong> {event ? String(event.value) : `${log.fields.length} fields`}
            </summary>
            <KeyValues items={log.fields} label={`Event ${i + 1} fields`} links={{ type: 'logs', sources: [fieldsOf(log.fields), tags, processTags, ids] }} />
          </details>
        );
      })}
      <h3>References ({span.references.length})</h3>
      {span.references.length === 0 && <p className="hint">None: a root span.</p>}
      <ul>
        {span.references.map((ref, i) => (
          <li key={i}>
            {ref.refType === 'CHILD_OF' ? 'child of' : 'follows from'}{' '}
            {sameTrace(ref.traceID) ? (
              <button type="button" className="mono" onClick={() => onGoToSpan(ref.spanID)}>span {ref.spanID}</button>
            ) : (
              <Link to={`/trace/${ref.traceID}?uiFind=${ref.spanID}`} className="mono">trace {ref.traceID} · span {ref.spanID}</Link>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function SpanLogs({ logLines, traceStart }: { logLines: SpanLogLines; traceStart: number }) {
  if (logLines.status === 'loading') return <Status kind="loading">Loading log lines…</Status>;
  if (logLines.status === 'failed') return <Status kind="error">Log lines could not be loaded: {logLines.message}</Status>;
  return (
    <>
      <h3>Logs ({logLines.lines.length})</h3>
      {logLines.lines.length === 0 ? <p className="hint">No log line names this span.</p> : <LogLines lines={logLines.lines} traceStart={traceStart} label="Log lines of this span" />}
    </>
  );
}
