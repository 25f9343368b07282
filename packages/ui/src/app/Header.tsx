import { useRef, useState, type FormEvent } from 'react';
import { openTraceFile } from '../upload/upload-store';
import { configuredMenu, injectedConfig } from './backend-facts';
import { splitTraceIds } from '../search/search-state';
import { Link } from './Link';
import { navigate, type Route } from './router';
import { applyTheme, type Theme } from './theme';

export function Header({ route }: { route: Route }) {
  const [lookup, setLookup] = useState('');
  const [uploadError, setUploadError] = useState<string>();
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.dataset.theme as Theme) ?? 'light');
  const fileInput = useRef<HTMLInputElement>(null);
  const [menu] = useState(() => configuredMenu(injectedConfig()));

  const onLookup = (event: FormEvent): void => {
    event.preventDefault();
    const ids = splitTraceIds(lookup);
    if (ids.length === 1) navigate(`/trace/${encodeURIComponent(ids[0]!)}`);
    else if (ids.length > 1) navigate(`/search?${ids.map((id) => `traceID=${encodeURIComponent(id)}`).join('&')}`);
    setLookup('');
  };

  const onFile = async (files: FileList | null): Promise<void> => {
    const file = files?.[0];
    if (!file) return;
    setUploadError(undefined);
    try {
      const upload = await openTraceFile(file);
      navigate(upload.traces.length === 1 ? `/trace/${encodeURIComponent(upload.traces[0]!.traceID)}` : '/search?upload=1');
    } catch (error) {
      setUploadError((error as Error).message);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const toggleTheme = (): void => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next, true);
    setTheme(next);
  };

  const current = (page: Route['page']): 'page' | undefined => (route.page === page ? 'page' : undefined);
  return (
    <header className="app-header">
      <Link to="/search" className="brand" aria-label="Skein home">
        <span className="brand-mark" aria-hidden="true">
          <span style={{ width: 18, background: '#3b82f6' }} />
          <span style={{ width: 14, marginLeft: 4, background: '#10b981' }} />
          <span style={{ width: 9, marginLeft: 2, background: '#f59e0b' }} />
        </span>
        Skein
      </Link>
      <nav className="app-nav" aria-label="Pages">
        <Link to="/search" aria-current={current('search')}>Search</Link>
        <Link to="/dependencies" aria-current={current('dependencies')}>Service map</Link>
        <Link to="/monitor" aria-current={current('monitor')}>Monitor</Link>
        {menu.map((entry) =>
          'items' in entry ? (
            <details key={entry.label} className="menu-group">
              <summary>{entry.label}</summary>
              <div className="menu-items">
                {entry.items.map((item) => (
                  <a key={item.label} href={item.url} target={item.anchorTarget ?? '_blank'} rel="noreferrer">{item.label}</a>
                ))}
              </div>
            </details>
          ) : (
            <a key={entry.label} href={entry.url} target={entry.anchorTarget ?? '_blank'} rel="noreferrer">{entry.label}</a>
          ),
        )}
      </nav>
      <div className="header-tools">
        <form onSubmit={onLookup} role="search" aria-label="Trace id lookup">
          <label className="visually-hidden" htmlFor="trace-lookup">Trace ids</label>
          <input id="trace-lookup" type="search" placeholder="Look up trace ids…" value={lookup} onChange={(event) => setLookup(event.target.value)} size={28} />
        </form>
        <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" id="trace-file" aria-label="Trace file to open" tabIndex={-1} onChange={(event) => void onFile(event.target.files)} />
        <button type="button" onClick={() => fileInput.current?.click()} title="Open a Jaeger JSON or OTLP JSON file without storing it">
          Open file
        </button>
        <button type="button" className="icon-button" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
      {uploadError && (
        <div className="status error toast" role="alert">
          {uploadError} <button type="button" onClick={() => setUploadError(undefined)}>Dismiss</button>
        </div>
      )}
    </header>
  );
}
