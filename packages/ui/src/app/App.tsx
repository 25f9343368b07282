import { lazy, Suspense } from 'react';
import { Header } from './Header';
import { Link } from './Link';
import { useRoute } from './router';
import { Status } from './Status';
import { SearchPage } from '../search/SearchPage';

// The search page is the landing page; the others load when first opened.
const TracePage = lazy(() => import('../trace/TracePage').then((module) => ({ default: module.TracePage })));
const ComparePage = lazy(() => import('../compare/ComparePage').then((module) => ({ default: module.ComparePage })));
const MonitorPage = lazy(() => import('../monitor/MonitorPage').then((module) => ({ default: module.MonitorPage })));
const DependenciesPage = lazy(() => import('../deps/DependenciesPage').then((module) => ({ default: module.DependenciesPage })));

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <Header route={route} />
      <main className="app-main" id="main">
        <Suspense fallback={<Status kind="loading">Loading…</Status>}>
          {route.page === 'search' && <SearchPage params={route.params} />}
          {route.page === 'trace' && <TracePage key={route.traceId} traceId={route.traceId} params={route.params} />}
          {route.page === 'compare' && <ComparePage a={route.a} b={route.b} />}
          {route.page === 'dependencies' && <DependenciesPage params={route.params} />}
          {route.page === 'monitor' && <MonitorPage params={route.params} />}
          {route.page === 'not-found' && (
            <Status kind="error">
              There is no page at {route.path}. Try <Link to="/search">the search page</Link>.
            </Status>
          )}
        </Suspense>
      </main>
    </div>
  );
}
