import { useSyncExternalStore } from 'react';

/** The pages and their Jaeger URLs: `/search`, `/trace/{id}`, `/trace/{a}...{b}`, `/dependencies`, `/monitor`. */
export type Route =
  | { page: 'search'; params: URLSearchParams }
  | { page: 'trace'; traceId: string; params: URLSearchParams }
  | { page: 'compare'; a: string; b: string; params: URLSearchParams }
  | { page: 'dependencies'; params: URLSearchParams }
  | { page: 'monitor'; params: URLSearchParams }
  | { page: 'not-found'; path: string };

/** The base path the server put in `<base href>`, always ending in `/`. */
function basePath(): string {
  return new URL(document.baseURI).pathname.replace(/\/?$/, '/');
}

/** A location inside the app (`/trace/abc?uiFind=x`) as a full path under the base path. */
export function href(to: string): string {
  return basePath() + to.replace(/^\//, '');
}

export function parseRoute(pathname: string, search: string): Route {
  const base = basePath();
  const path = '/' + (pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, ''));
  const params = new URLSearchParams(search);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length === 0 || (segments[0] === 'search' && segments.length === 1)) return { page: 'search', params };
  if (segments[0] === 'dependencies' && segments.length === 1) return { page: 'dependencies', params };
  if (segments[0] === 'monitor' && segments.length === 1) return { page: 'monitor', params };
  if (segments[0] === 'trace' && segments.length === 2) {
    const id = segments[1]!;
    const compare = /^([^.]+)\.\.\.([^.]+)$/.exec(id);
    if (compare) return { page: 'compare', a: compare[1]!, b: compare[2]!, params };
    return { page: 'trace', traceId: id, params };
  }
  return { page: 'not-found', path };
}

const NAVIGATED = 'skein:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const locationKey = (): string => window.location.pathname + window.location.search;

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const key = useSyncExternalStore(subscribe, locationKey);
  const at = key.indexOf('?');
  return parseRoute(at === -1 ? key : key.slice(0, at), at === -1 ? '' : key.slice(at));
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = href(to);
  if (target === locationKey()) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATED));
}
