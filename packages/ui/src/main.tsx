import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/router';
import { applyTheme, initialTheme } from './app/theme';
import { prefetchStoredTree } from './trace/trace-loader';
import './styles.css';

applyTheme(initialTheme(), false);
const route = parseRoute(window.location.pathname, window.location.search);
if (route.page === 'trace') prefetchStoredTree(route.traceId); // a fresh tab holds no uploaded trace
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
