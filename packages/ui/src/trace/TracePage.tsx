import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { navigate } from '../app/router';
import { formatDuration } from '../format/duration';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { uploadedTrace } from '../upload/upload-store';
import { criticalPath, rowsOnPath } from './critical-path';
import type { ViewRange } from './Minimap';
import { Minimap } from './Minimap';
import { FlameGraph } from './FlameGraph';
import { LogLines } from './LogLines';
import { SpanDetail, type SpanLogLines } from './SpanDetail';
import { SpanFilters } from './SpanFilters';
import { combineMatches, readFilterState, rowsWithAncestors, whereOf, writeFilterState, type SpanFilterState } from './span-filter-state';
import { SpanTable } from './SpanTable';
import { StatisticsTable } from './StatisticsTable';
import { TraceGraph } from './TraceGraph';
import { ROW_HEIGHT, Timeline } from './Timeline';
import { TraceHeader } from './TraceHeader';
import type { LoadedTree } from './trace-loader';
import { storedTraceSource, uploadedTraceSource, type TraceSource } from './trace-source';
import { linesBySpan } from './trace-logs';
import { spanIdAt, type TraceTree } from './trace-tree';
import { collapseBelowDepth, revealSpan, visibleRows } from './visible-rows';

export function TracePage({ traceId, params }: { traceId: string; params: URLSearchParams }) {
  const source = useMemo(() => {
    const uploaded = uploadedTrace(traceId);
    return uploaded ? uploadedTraceSource(uploaded) : storedTraceSource(traceId);
  }, [traceId]);
  const loaded = useAsync(traceId, () => source.loadTree());
  if (loaded.status === 'loading') return <Status kind="loading">Loading trace {traceId}…</Status>;
  if (loaded.status === 'failed') {
    const notFound = 'status' in loaded.error && loaded.error.status === 404;
    return (
      <Status kind="error">
        {notFound ? `Trace ${traceId} was not found. It may be older than the store keeps, or not written yet.` : `Trace ${traceId} could not be loaded: ${loaded.error.message}`}
      </Status>
    );
  }
  if (loaded.value.tree.count === 0) return <Status kind="empty">Trace {traceId} has no spans.</Status>;
  return <TraceView loaded={loaded.value} source={source} params={params} />;
}

const VIEW_KINDS = ['timeline', 'flamegraph', 'graph', 'statistics', 'table', 'logs'] as const;
type ViewKind = (typeof VIEW_KINDS)[number];
const VIEW_LABELS: Record<ViewKind, string> = { timeline: 'Timeline', flamegraph: 'Flame graph', graph: 'Trace graph', statistics: 'Statistics', table: 'Span table', logs: 'Logs' };

/** Span index by id, built on first use (a find, a link to a span), not while the first rows are due. */
function spanIndexLookup(tree: TraceTree): (spanId: string) => number | undefined {
  let map: Map<string, number> | undefined;
  return (spanId) => {
    if (!map) {
      map = new Map();
      for (let i = 0; i < tree.count; i++) map.set(spanIdAt(tree, i), i);
    }
    return map.get(spanId);
  };
}

function TraceView({ loaded, source, params }: { loaded: LoadedTree; source: TraceSource; params: URLSearchParams }) {
  const { tree } = loaded;
  const indexOfSpan = useMemo(() => spanIndexLookup(tree), [tree]);
  const [collapsed, setCollapsed] = useState<Uint8Array>(() => new Uint8Array(tree.count));
  const views = source.logs ? VIEW_KINDS : VIEW_KINDS.filter((kind) => kind !== 'logs');
  const [viewKind, setViewKind] = useState<ViewKind>(() => views.find((kind) => kind === params.get('view')) ?? 'timeline');
  const logs = useAsync(source.logs ? tree.traceID : undefined, (signal) => source.logs!(signal));
  const logsBySpan = useMemo(() => (logs.status === 'done' ? linesBySpan(logs.value.lines) : undefined), [logs]);
  const spanLogLines = (spanId: string): SpanLogLines | undefined =>
    !source.logs
      ? undefined
      : logs.status === 'done'
        ? { status: 'done', lines: logsBySpan?.get(spanId) ?? [] }
        : logs.status === 'failed'
          ? { status: 'failed', message: logs.error.message }
          : { status: 'loading' };
  const spanLabel = (spanId: string): string | undefined => {
    const index = indexOfSpan(spanId);
    return index === undefined ? undefined : `${tree.services[tree.serviceIndexes[index]!]}: ${tree.operations[tree.operationIndexes[index]!]}`;
  };
  const [pathMode, setPathMode] = useState<'off' | 'show' | 'only'>(() => (params.get('criticalPath') === 'only' ? 'only' : params.get('criticalPath') === 'show' ? 'show' : 'off'));
  const [filter, setFilter] = useState<SpanFilterState>(() => readFilterState(params));
  const needPath = pathMode !== 'off' || filter.quick.includes('critical');
  const criticalSpans = useMemo(() => (needPath ? criticalPath(tree) : undefined), [tree, needPath]);
  const path = pathMode === 'off' ? undefined : criticalSpans;
  const where = whereOf(filter.conditions);
  const [served, setServed] = useState<{ where: string; spans: ReadonlySet<number> } | undefined>(undefined);
  const [filterRun, setFilterRun] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const filterActive = where !== undefined || filter.quick.length > 0;
  const filterMatches = useMemo(() => {
    if (!filterActive || (where !== undefined && served?.where !== where)) return undefined;
    return combineMatches(tree, where === undefined ? undefined : served!.spans, filter.quick, (span) => (criticalSpans?.share[span] ?? 0) > 0);
  }, [tree, filterActive, where, served, filter.quick, criticalSpans]);
  const [filterAt, setFilterAt] = useState(-1);
  const rows = useMemo(() => {
    // Only the path: every span on it, whatever is collapsed (it is one chain from the root down).
    if (path && pathMode === 'only') return rowsOnPath(tree.order, path);
    if (filter.matchesOnly && filterMatches) return rowsWithAncestors(tree, filterMatches);
    return visibleRows(tree, collapsed);
  }, [tree, collapsed, path, pathMode, filter.matchesOnly, filterMatches]);
  const [selected, setSelected] = useState(() => (params.get('span') ? indexOfSpan(params.get('span')!.toLowerCase().padStart(16, '0')) ?? -1 : -1));
  const [view, setView] = useState<ViewRange>({ from: 0, to: 1 });
  const [findText, setFindText] = useState(params.get('uiFind') ?? '');
  const [matchList, setMatchList] = useState<number[]>([]);
  const [matchAt, setMatchAt] = useState(-1);
  const [findState, setFindState] = useState<{ busy: boolean; error?: string; truncated?: boolean }>({ busy: false });
  const scrollRef = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const findMatches = useMemo(() => new Set(matchList), [matchList]);
  const matches = useMemo(() => (filterMatches ? new Set(filterMatches) : findMatches), [filterMatches, findMatches]);

  useEffect(() => {
    performance.mark('skein:trace-rows', { detail: { spans: tree.count, bytes: loaded.bytes, parseMs: loaded.parseMs, buildMs: loaded.buildMs } });
  }, [tree]); // once per trace: `loaded` arrives with it

  // Keep uiFind and the open span in the URL (replace: they are refinements, not new pages).
  useEffect(() => {
    const next = new URLSearchParams(params);
    if (findText.trim()) next.set('uiFind', findText.trim());
    else next.delete('uiFind');
    if (selected >= 0) next.set('span', spanIdAt(tree, selected));
    else next.delete('span');
    if (pathMode !== 'off') next.set('criticalPath', pathMode);
    else next.delete('criticalPath');
    if (viewKind !== 'timeline') next.set('view', viewKind);
    else next.delete('view');
    writeFilterState(next, filter);
    if (next.toString() !== params.toString()) navigate(`/trace/${tree.traceID}${next.size > 0 ? `?${next.toString()}` : ''}`, { replace: true });
  }, [findText, selected, pathMode, viewKind, filter]); // only these change the URL; `params` is what they are written into

  // The filter's conditions run on the query service (debounced); the quick filters on the skeleton, here.
  useEffect(() => {
    setFilterAt(-1);
    if (where === undefined || !source.filter) {
      setFilterRun({ busy: false });
      return;
    }
    if (served?.where === where) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setFilterRun({ busy: true });
      source.filter!(where, controller.signal).then(
        (spanIDs) => {
          const spans = new Set(spanIDs.map((id) => indexOfSpan(id)).filter((index): index is number => index !== undefined));
          setServed({ where, spans });
          setFilterRun({ busy: false });
        },
        (error: Error) => !controller.signal.aborted && setFilterRun({ busy: false, error: error.message }),
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [where, source, indexOfSpan]);

  // Find: debounced, the query service searches tags and logs too.
  useEffect(() => {
    const text = findText.trim();
    if (text === '') {
      setMatchList([]);
      setMatchAt(-1);
      setFindState({ busy: false });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setFindState({ busy: true });
      source.find(text, controller.signal).then(
        ({ spanIDs, truncated }) => {
          const found = spanIDs.map((id) => indexOfSpan(id)).filter((index): index is number => index !== undefined);
          found.sort((a, b) => tree.rowOf[a]! - tree.rowOf[b]!);
          setMatchList(found);
          setMatchAt(-1);
          setFindState({ busy: false, truncated });
        },
        (error: Error) => !controller.signal.aborted && setFindState({ busy: false, error: error.message }),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [findText, source, indexOfSpan, tree]);

  const scrollToSpan = (span: number, shownRows: Int32Array): void => {
    const element = scrollRef.current;
    const index = shownRows.indexOf(span);
    if (!element || index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = Math.max(0, top - element.clientHeight / 3);
    }
  };

  const goTo = (span: number): void => {
    const expanded = revealSpan(tree, collapsed, span);
    if (expanded !== collapsed) setCollapsed(expanded);
    setSelected(span);
    const filtered = filter.matchesOnly && filterMatches !== undefined;
    requestAnimationFrame(() => scrollToSpan(span, expanded === collapsed || filtered ? rows : visibleRows(tree, expanded)));
  };

  const openInTimeline = (span: number): void => {
    setViewKind('timeline');
    goTo(span);
  };

  const stepFilterMatch = (direction: 1 | -1): void => {
    if (!filterMatches || filterMatches.length === 0) return;
    const next = (filterAt + direction + filterMatches.length) % filterMatches.length;
    setFilterAt(next);
    if (viewKind !== 'timeline') setViewKind('timeline');
    goTo(filterMatches[next]!);
  };

  const stepMatch = (direction: 1 | -1): void => {
    if (matchList.length === 0) return;
    const next = (matchAt + direction + matchList.length) % matchList.length;
    setMatchAt(next);
    goTo(matchList[next]!);
  };

  const toggle = (span: number): void => {
    const next = collapsed.slice();
    next[span] = next[span] ? 0 : 1;
    setCollapsed(next);
  };

  const onTreeKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const position = selected >= 0 ? rows.indexOf(selected) : -1;
    const select = (index: number): void => {
      const span = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (span === undefined) return;
      setSelected(span);
      scrollToSpan(span, rows);
    };
    const hasChildren = selected >= 0 && tree.childCounts[selected]! > 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        select(position + 1);
        break;
      case 'ArrowUp':
      case 'k':
        select(position <= 0 ? 0 : position - 1);
        break;
      case 'Home':
        select(0);
        break;
      case 'End':
        select(rows.length - 1);
        break;
      case 'ArrowRight':
      case 'l':
        if (hasChildren && collapsed[selected]) toggle(selected);
        else if (hasChildren) select(position + 1);
        break;
      case 'ArrowLeft':
      case 'h':
        if (hasChildren && !collapsed[selected]) toggle(selected);
        else if (selected >= 0 && tree.parents[selected]! >= 0) select(rows.indexOf(tree.parents[selected]!));
        break;
      case 'Enter':
      case ' ':
        if (hasChildren) toggle(selected);
        break;
      case 'Escape':
        setSelected(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Page keys: "/" finds, n / N step through matches (not while typing).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        findInput.current?.focus();
      } else if (event.key === 'n' || event.key === 'N') {
        stepMatch(event.key === 'n' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="trace-page" data-testid="trace-page" data-span-count={tree.count}>
      <TraceHeader
        tree={tree}
        source={source}
        find={{
          text: findText,
          onText: setFindText,
          inputRef: findInput,
          count: matchList.length,
          at: matchAt,
          busy: findState.busy,
          ...(findState.error === undefined ? {} : { error: findState.error }),
          truncated: findState.truncated === true,
          onStep: stepMatch,
        }}
        onExpandAll={() => setCollapsed(new Uint8Array(tree.count))}
        onCollapseToDepth={(depth) => setCollapsed(collapseBelowDepth(tree, depth))}
      />
      <Minimap tree={tree} view={view} onView={setView} />
      <div className="trace-toolbar">
        <div role="group" aria-label="View">
          {views.map((kind) => (
            <button key={kind} type="button" aria-pressed={viewKind === kind} onClick={() => setViewKind(kind)}>
              {VIEW_LABELS[kind]}
              {kind === 'logs' && logs.status === 'done' && ` (${logs.value.lines.length})`}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Critical path" hidden={viewKind !== 'timeline'}>
          <span>Critical path</span>
          {(['off', 'show', 'only'] as const).map((mode) => (
            <button key={mode} type="button" aria-pressed={pathMode === mode} onClick={() => setPathMode(mode)}>
              {mode === 'off' ? 'Off' : mode === 'show' ? 'Highlight' : 'Only its spans'}
            </button>
          ))}
          {path && <span className="path-summary">{path.share.reduce((n, share) => (share > 0 ? n + 1 : n), 0)} spans decide the {formatDuration(path.total)}</span>}
        </div>
      </div>
      {viewKind === 'timeline' && (
        <SpanFilters
          state={filter}
          onChange={setFilter}
          conditionsAvailable={source.filter !== undefined}
          matchCount={filterMatches?.length}
          spanCount={tree.count}
          at={filterAt}
          busy={filterRun.busy}
          error={filterRun.error}
          onStep={stepFilterMatch}
        />
      )}
      {viewKind === 'logs' ? (
        <section className="trace-logs" aria-label="Logs of this trace">
          {logs.status === 'loading' && <Status kind="loading">Loading log lines…</Status>}
          {logs.status === 'failed' && <Status kind="error">Log lines could not be loaded: {logs.error.message}</Status>}
          {logs.status === 'done' && (
            <>
              <p className="hint">
                {logs.value.total > logs.value.lines.length
                  ? `The first ${logs.value.lines.length} of ${logs.value.total} log lines`
                  : `${logs.value.lines.length} log line${logs.value.lines.length === 1 ? '' : 's'}`}{' '}
                naming this trace, from {logs.value.searched}.
              </p>
              {logs.value.lines.length > 0 && (
                <LogLines
                  lines={logs.value.lines}
                  traceStart={tree.startTime}
                  label="Log lines of this trace"
                  spanLabel={spanLabel}
                  onOpenSpan={(spanId) => {
                    const index = indexOfSpan(spanId);
                    if (index !== undefined) openInTimeline(index);
                  }}
                />
              )}
            </>
          )}
        </section>
      ) : viewKind === 'statistics' ? (
        <StatisticsTable tree={tree} />
      ) : viewKind === 'graph' ? (
        <TraceGraph tree={tree} onOpen={openInTimeline} />
      ) : viewKind === 'table' ? (
        <SpanTable tree={tree} onOpen={openInTimeline} />
      ) : (
        <div className="trace-body">
          {viewKind === 'flamegraph' ? (
            <FlameGraph tree={tree} view={view} selected={selected} onSelect={setSelected} />
          ) : (
            <Timeline
              tree={tree}
              rows={rows}
              collapsed={collapsed}
              selected={selected}
              matches={matches}
              path={path}
              view={view}
              scrollRef={scrollRef}
              onSelect={setSelected}
              onToggle={toggle}
              onKeyDown={onTreeKey}
            />
          )}
          {selected >= 0 && (
            <SpanDetail
              source={source}
              traceId={tree.traceID}
              traceStart={tree.startTime}
              spanId={spanIdAt(tree, selected)}
              logLines={spanLogLines(spanIdAt(tree, selected))}
              onGoToSpan={(spanId) => {
                const index = indexOfSpan(spanId.padStart(16, '0'));
                if (index !== undefined) goTo(index);
              }}
              onClose={() => setSelected(-1)}
            />
          )}
        </div>
      )}
    </div>
  );
}
