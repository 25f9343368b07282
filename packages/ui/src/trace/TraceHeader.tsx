import type { RefObject } from 'react';
import { SPAN_FLAG } from '../api/types';
import { injectedConfig, traceLinks } from '../app/backend-facts';
import { formatDuration } from '../format/duration';
import { formatTimestamp } from '../format/time';
import { CopyButton } from './SpanDetail';
import type { TraceSource } from './trace-source';
import type { TraceTree } from './trace-tree';

export interface FindControls {
  text: string;
  onText: (text: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  count: number;
  at: number;
  busy: boolean;
  error?: string;
  truncated: boolean;
  onStep: (direction: 1 | -1) => void;
}

function countErrors(tree: TraceTree): number {
  let errors = 0;
  for (let i = 0; i < tree.count; i++) if (tree.flags[i]! & SPAN_FLAG.error) errors++;
  return errors;
}

/** Root, id, start, duration, services, depth, spans, errors; then find, expand/collapse and the JSON links. */
export function TraceHeader(props: {
  tree: TraceTree;
  source: TraceSource;
  find: FindControls;
  onExpandAll: () => void;
  onCollapseToDepth: (depth: number) => void;
}) {
  const { tree, source, find } = props;
  const root = tree.order[0]!;
  const errors = countErrors(tree);
  const findStatus = find.error
    ? `find failed: ${find.error}`
    : find.busy
      ? 'searching…'
      : find.text.trim() === ''
        ? ''
        : find.count === 0
          ? 'no match'
          : `${find.at >= 0 ? `${find.at + 1} of ` : ''}${find.count}${find.truncated ? '+' : ''} match${find.count === 1 ? '' : 'es'}`;
  return (
    <header className="trace-header">
      <div className="trace-title">
        <h1>
          {tree.services[tree.serviceIndexes[root]!]}: {tree.operations[tree.operationIndexes[root]!]}
        </h1>
        <span className="mono" data-testid="trace-id">{tree.traceID}</span>
        <CopyButton text={tree.traceID} label="trace id" />
        {source.kind === 'uploaded' && <span className="hint">(from a file, not stored)</span>}
      </div>
      <dl className="trace-facts">
        <div><dt>Start</dt><dd>{formatTimestamp(tree.startTime)}</dd></div>
        <div><dt>Duration</dt><dd data-testid="trace-duration">{formatDuration(tree.duration)}</dd></div>
        <div><dt>Services</dt><dd>{tree.services.length}</dd></div>
        <div><dt>Depth</dt><dd>{tree.maxDepth + 1}</dd></div>
        <div><dt>Spans</dt><dd data-testid="trace-span-count">{tree.count}</dd></div>
        <div><dt>Errors</dt><dd style={errors > 0 ? { color: 'var(--error)' } : undefined}>{errors}</dd></div>
      </dl>
      <div className="trace-tools">
        <div className="find-box" role="search" aria-label="Find in trace">
          <label className="visually-hidden" htmlFor="find-in-trace">Find in trace</label>
          <input
            id="find-in-trace"
            ref={find.inputRef}
            type="search"
            placeholder="Find: text, span id or key=value  ( / )"
            value={find.text}
            onChange={(event) => find.onText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') find.onStep(event.shiftKey ? -1 : 1);
            }}
          />
          <button type="button" onClick={() => find.onStep(-1)} disabled={find.count === 0} aria-label="Previous match">↑</button>
          <button type="button" onClick={() => find.onStep(1)} disabled={find.count === 0} aria-label="Next match">↓</button>
          <span className="find-count" aria-live="polite" data-testid="find-count">{findStatus}</span>
        </div>
        <button type="button" onClick={props.onExpandAll}>Expand all</button>
        <button type="button" onClick={() => props.onCollapseToDepth(0)}>Collapse all</button>
        <label>
          <span className="visually-hidden">Expand to depth</span>
          <select
            onChange={(event) => {
              if (event.target.value !== '') props.onCollapseToDepth(Number(event.target.value));
            }}
            value=""
            aria-label="Expand to depth"
          >
            <option value="">Show levels…</option>
            {Array.from({ length: Math.min(tree.maxDepth + 1, 12) }, (_, i) => (
              <option key={i} value={i}>{i + 1} level{i === 0 ? '' : 's'}</option>
            ))}
          </select>
        </label>
        <a className="button" href={source.downloadUrl()} download={`trace-${tree.traceID}.json`}>Download JSON</a>
        {source.rawUrl && (
          <a className="button" href={source.rawUrl} target="_blank" rel="noreferrer">Raw JSON</a>
        )}
        {traceLinks(injectedConfig(), { traceID: tree.traceID, startTime: tree.startTime, endTime: tree.startTime + tree.duration }).map((link) => (
          <a key={link.url} className="button" href={link.url} target="_blank" rel="noreferrer" data-testid="trace-link">{link.text}</a>
        ))}
      </div>
    </header>
  );
}
