import { useMemo, useState } from 'react';
import { getJson } from '../api/client';
import type { Envelope, JaegerTrace, TraceSummary } from '../api/types';
import { navigate } from '../app/router';
import { Status } from '../app/Status';
import { useAsync } from '../app/use-async';
import { summarizeJaegerTrace } from '../trace/jaeger-trace';
import { clearUpload, useUpload } from '../upload/upload-store';
import { ResultList } from './ResultList';
import { ScatterPlot } from './ScatterPlot';
import { SearchForm } from './SearchForm';
import { readSearchState, SORTS, summariesQuery, writeSearchState, type SearchState, type SortOrder } from './search-state';
import { SORT_LABELS, sortSummaries } from './summary-order';

interface Results {
  summaries: TraceSummary[];
  notFound: string[];
}

/** What the URL asks the server for (nothing for uploaded traces or an empty form); sorting is done here. */
function resultsKey(params: URLSearchParams, state: SearchState): string | undefined {
  if (params.get('upload') === '1' || (state.traceIDs.length === 0 && !state.service)) return undefined;
  const asked = new URLSearchParams(params);
  asked.delete('sort');
  return asked.toString();
}

async function loadResults(state: SearchState, signal: AbortSignal): Promise<Results> {
  if (state.traceIDs.length > 0) {
    const query = state.traceIDs.map((id) => `traceID=${encodeURIComponent(id)}`).join('&');
    const answer = await getJson<Envelope<JaegerTrace[]>>(`api/traces?${query}`, signal);
    return {
      summaries: answer.data.map(summarizeJaegerTrace),
      notFound: (answer.errors ?? []).map((error) => error.traceID ?? error.msg),
    };
  }
  const answer = await getJson<{ summaries: TraceSummary[] }>(summariesQuery(state, Date.now() * 1000), signal);
  return { summaries: answer.summaries, notFound: [] };
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const query = params.toString(); // a new URLSearchParams each render; its text says whether it changed
  const state = useMemo(() => readSearchState(new URLSearchParams(query)), [query]);
  const upload = useUpload();
  const showingUpload = params.get('upload') === '1';
  const results = useAsync(resultsKey(params, state), (signal) => loadResults(state, signal));
  const [selected, setSelected] = useState<string[]>([]);

  const summaries = useMemo((): TraceSummary[] | undefined => {
    if (showingUpload) return upload ? upload.traces.map(summarizeJaegerTrace) : [];
    return results.status === 'done' ? results.value.summaries : undefined;
  }, [showingUpload, upload, results]);
  const sorted = useMemo(() => (summaries ? sortSummaries(summaries, state.sort) : undefined), [summaries, state.sort]);

  const search = (next: SearchState): void => navigate(`/search?${writeSearchState(next).toString()}`);
  const setSort = (sort: SortOrder): void => {
    const next = new URLSearchParams(params);
    if (sort === 'recent') next.delete('sort');
    else next.set('sort', sort);
    navigate(`/search?${next.toString()}`, { replace: true });
  };
  const toggle = (traceId: string): void =>
    setSelected((old) => (old.includes(traceId) ? old.filter((id) => id !== traceId) : [...old, traceId].slice(-2)));
  const open = (traceId: string): void => navigate(`/trace/${traceId}`);

  return (
    <div className="search-page">
      <SearchForm key={params.toString()} initial={state} onSearch={search} />
      <section className="search-results" aria-label="Search results">
        {showingUpload && upload && (
          <div className="banner" role="status">
            Showing {upload.traces.length} trace{upload.traces.length === 1 ? '' : 's'} from {upload.fileName} (in this tab only, not stored).
            <button type="button" onClick={() => { clearUpload(); navigate('/search'); }}>Close file</button>
          </div>
        )}
        {showingUpload && !upload && <Status kind="empty">No file is open. Use “Open file” in the header.</Status>}
        {!showingUpload && resultsKey(params, state) === undefined && (
          <Status kind="empty">Choose a service and press “Find traces”, or look up trace ids in the header.</Status>
        )}
        {!showingUpload && resultsKey(params, state) !== undefined && results.status === 'loading' && <Status kind="loading">Searching…</Status>}
        {!showingUpload && results.status === 'failed' && <Status kind="error">Search failed: {results.error.message}</Status>}
        {results.status === 'done' && results.value.notFound.length > 0 && (
          <div className="status error" role="alert">Not found: {results.value.notFound.join(', ')}</div>
        )}
        {sorted && sorted.length === 0 && !showingUpload && <Status kind="empty">No traces match. Widen the time range or remove a filter.</Status>}
        {sorted && sorted.length > 0 && (
          <>
            <ScatterPlot summaries={sorted} onOpen={open} />
            <div className="results-bar">
              <span className="count" data-testid="result-count">{sorted.length} trace{sorted.length === 1 ? '' : 's'}</span>
              <label>
                Sort{' '}
                <select value={state.sort} onChange={(event) => setSort(event.target.value as SortOrder)}>
                  {SORTS.map((sort) => (
                    <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={selected.length !== 2} onClick={() => navigate(`/trace/${selected[0]}...${selected[1]}`)}>
                Compare {selected.length}/2
              </button>
            </div>
            <ResultList summaries={sorted} selected={selected} onToggle={toggle} />
          </>
        )}
      </section>
    </div>
  );
}
