import { useState, type FormEvent } from 'react';
import { getJson } from '../api/client';
import { useAsync } from '../app/use-async';
import { fromLocalInput, toLocalInput } from '../format/time';
import { LOOKBACKS, MAX_LIMIT, summariesQuery, type SearchState } from './search-state';

/** The search form; submitting writes the state into the URL (the page reads it back from there). */
export function SearchForm({ initial, onSearch }: { initial: SearchState; onSearch: (state: SearchState) => void }) {
  const [state, setState] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const services = useAsync('services', (signal) => getJson<{ services: string[] }>('api/v3/services', signal));
  const operations = useAsync(state.service || undefined, (signal) =>
    getJson<{ operations: Array<{ name: string }> }>(`api/v3/operations?service=${encodeURIComponent(state.service)}`, signal),
  );
  const set = <K extends keyof SearchState>(key: K, value: SearchState[K]): void => setState((old) => ({ ...old, [key]: value }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      summariesQuery(state, Date.now() * 1000);
    } catch (error) {
      setProblem((error as Error).message);
      return;
    }
    setProblem(undefined);
    onSearch({ ...state, traceIDs: [] });
  };

  const serviceNames = services.status === 'done' ? [...services.value.services].sort() : [];
  const operationNames = operations.status === 'done' ? [...new Set(operations.value.operations.map((op) => op.name))].sort() : [];
  return (
    <form className="search-form" onSubmit={submit} aria-label="Search traces">
      <label>
        Service
        <select value={state.service} onChange={(event) => setState((old) => ({ ...old, service: event.target.value, operation: '' }))} required>
          <option value="">{services.status === 'loading' ? 'Loading services…' : 'Choose a service'}</option>
          {serviceNames.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
          {state.service && !serviceNames.includes(state.service) && services.status === 'done' && <option value={state.service}>{state.service}</option>}
        </select>
        {services.status === 'failed' && <span className="form-error">Services could not be loaded: {services.error.message}</span>}
        {services.status === 'done' && serviceNames.length === 0 && <span className="hint">No services yet: send some spans first.</span>}
      </label>
      <label>
        Operation
        <select value={state.operation} onChange={(event) => set('operation', event.target.value)} disabled={!state.service}>
          <option value="">All operations</option>
          {operationNames.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </label>
      <label>
        Tags <span className="hint">logfmt, e.g. error=true http.status_code=500</span>
        <input type="text" value={state.tags} onChange={(event) => set('tags', event.target.value)} placeholder="key=value key2=&quot;a value&quot;" />
      </label>
      <label>
        Lookback
        <select value={state.lookback} onChange={(event) => set('lookback', event.target.value)}>
          {LOOKBACKS.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </label>
      {state.lookback === 'custom' && (
        <div className="row">
          <label>
            From
            <input type="datetime-local" value={state.start ? toLocalInput(state.start) : ''} onChange={(event) => set('start', fromLocalInput(event.target.value))} />
          </label>
          <label>
            To
            <input type="datetime-local" value={state.end ? toLocalInput(state.end) : ''} onChange={(event) => set('end', fromLocalInput(event.target.value))} />
          </label>
        </div>
      )}
      <div className="row">
        <label>
          Min duration
          <input type="text" value={state.minDuration} onChange={(event) => set('minDuration', event.target.value)} placeholder="e.g. 100ms" />
        </label>
        <label>
          Max duration
          <input type="text" value={state.maxDuration} onChange={(event) => set('maxDuration', event.target.value)} placeholder="e.g. 1.5s" />
        </label>
      </div>
      <label>
        Limit
        <input type="number" min={1} max={MAX_LIMIT} step={1} value={state.limit} onChange={(event) => set('limit', Math.max(1, Math.min(MAX_LIMIT, Math.round(Number(event.target.value)) || 1)))} />
      </label>
      {problem && <div className="form-error" role="alert">{problem}</div>}
      <button type="submit" className="primary">Find traces</button>
    </form>
  );
}
