import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from './route-helpers.js';
import { observeRequest } from './request-metrics.js';
import { injectUiFacts, type UiPageFacts } from '../ui-config.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Serves the built web UI from `staticDir` under the base path: files as they are, and `index.html` for every other
 * path that is not a missing asset (the single-page app routes itself), with its `<base href>` pointing at the base
 * path and Jaeger's placeholders filled (UI configuration, storage capabilities, version). Without a build, `/`
 * answers a short page saying so, with links to the API. Paths are confined to the directory: `..`, encoded separators, NUL
 * bytes and symlinks leading out of it all answer 404.
 */
export interface StaticUiOptions {
  /** Injected into `index.html` (UI configuration, storage capabilities, version). */
  facts: UiPageFacts;
  /** Hears which page was asked for, after its HTML is sent (to start reading what it will fetch). */
  onPage?: (relativePath: string) => void;
}

export function registerStaticUi(context: RouteContext, staticDir: string | undefined, options: StaticUiOptions): void {
  const { app, basePath, metrics } = context;
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const started = performance.now();
    if (staticDir === undefined) placeholder(request, reply, basePath);
    else await serveFile(request, reply, staticDir, basePath, options);
    observeRequest(metrics, '/*', reply.statusCode, (performance.now() - started) / 1000);
    return reply;
  };
  app.route({ method: 'GET', url: basePath === '' ? '/' : basePath, handler });
  app.route({ method: 'GET', url: `${basePath}/*`, handler });
}

/** The request's path below the base path, percent-decoded; undefined when it cannot be a file inside the root. */
export function relativeUiPath(rawUrl: string, basePath: string): string | undefined {
  const pathPart = rawUrl.split('?')[0]!.slice(basePath.length);
  if (/%2f|%5c|%00/i.test(pathPart)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return undefined;
  return segments.join('/');
}

async function serveFile(
  request: FastifyRequest,
  reply: FastifyReply,
  staticDir: string,
  basePath: string,
  { facts, onPage }: StaticUiOptions,
): Promise<void> {
  const relative = relativeUiPath(request.url, basePath);
  if (relative === undefined) return notFound(reply);
  const root = await realpath(staticDir);
  if (relative !== '' && relative !== 'index.html') {
    const file = await confinedFile(root, relative);
    if (file !== undefined) {
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      reply.code(200).header('content-type', type).header('cache-control', cache).send(createReadStream(file));
      return;
    }
    // A missing asset is a 404; anything else is a page of the app (`/trace/{a}...{b}` has dots but is a route).
    if (CONTENT_TYPES[extname(relative).toLowerCase()] !== undefined) return notFound(reply);
  }
  const index = await readFile(resolve(root, 'index.html'), 'utf8').catch(() => undefined);
  if (index === undefined) return notFound(reply);
  const html = injectUiFacts(index.replace(/<base href="[^"]*"/, `<base href="${basePath}/"`), facts);
  reply.code(200).header('content-type', CONTENT_TYPES['.html']!).header('cache-control', 'no-cache').send(html);
  // After the page is on its way: a store that reads synchronously (SQLite) must not delay the HTML.
  if (onPage) setImmediate(onPage, relative);
}

/** The real path of `relative` inside `root` when it is a regular file there (after resolving symlinks). */
async function confinedFile(root: string, relative: string): Promise<string | undefined> {
  const candidate = resolve(root, relative);
  if (!candidate.startsWith(root + sep)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function notFound(reply: FastifyReply): void {
  reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('not found\n');
}

function placeholder(request: FastifyRequest, reply: FastifyReply, basePath: string): void {
  const relative = relativeUiPath(request.url, basePath);
  if (relative !== '') return notFound(reply);
  const links = ['/api/services', '/api/dependencies', '/api/v3/services']
    .map((path) => `<li><a href="${basePath}${path}">${basePath}${path}</a></li>`)
    .join('\n    ');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Skein</title></head>
<body>
  <h1>Skein query service</h1>
  <p>The web UI is not built yet (or <code>--query.static-files</code> does not point at a build).
  The Jaeger-compatible API is up:</p>
  <ul>
    ${links}
  </ul>
  <p>Traces: <code>${basePath}/api/traces?service=&lt;name&gt;</code>, <code>${basePath}/api/traces/&lt;trace id&gt;</code>.</p>
</body>
</html>
`;
  reply.code(200).header('content-type', CONTENT_TYPES['.html']!).send(html);
}
