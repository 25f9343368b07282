import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../testing/fixtures.js';
import { relativeUiPath } from './static-ui.js';

function rawGet(port: number, path: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('relativeUiPath', () => {
  it.each([
    ['/', ''],
    ['/static/app.js?x=1', 'static/app.js'],
    ['/a/./b', 'a/b'],
    ['/../etc/passwd', undefined],
    ['/a/%2e%2e/%2e%2e/etc/passwd', undefined],
    ['/a%2fb', undefined],
    ['/a%5c..%5cb', undefined],
    ['/a%00.js', undefined],
    ['/%E0%A4%A', undefined],
  ])('%s → %s', (url, expected) => {
    expect(relativeUiPath(url, '')).toBe(expected);
  });
});

describe('the UI', () => {
  let root: string;
  let api: TestServer;
  let outside: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'skein-ui-'));
    outside = mkdtempSync(join(tmpdir(), 'skein-secret-'));
    writeFileSync(join(outside, 'secret.txt'), 'top secret');
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<html><head><base href="/"></head><body>skein ui</body></html>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    symlinkSync(join(outside, 'secret.txt'), join(dist, 'leak.txt'));
    api = await startTestServer({ staticFilesDir: dist, basePath: '/jaeger' });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('serves index.html at the base path with <base href> pointing at it', async () => {
    const res = await api.get('/jaeger/');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/html/);
    expect(res.text).toContain('<base href="/jaeger/"');
  });

  it('serves files with their content type', async () => {
    const res = await api.get('/jaeger/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/javascript/);
    expect(res.text).toBe('console.log(1)');
  });

  it('answers index.html for client-side routes and 404 for missing assets', async () => {
    expect((await api.get('/jaeger/trace/abc')).text).toContain('skein ui');
    expect((await api.get('/jaeger/assets/missing.js')).status).toBe(404);
    expect((await api.get('/jaeger/favicon.ico')).status).toBe(404);
    // A compare link holds dots but is a page, not a file.
    expect((await api.get('/jaeger/trace/00000000000000a1...00000000000000b2')).text).toContain('skein ui');
  });

  it.each(['/jaeger/../../etc/passwd', '/jaeger/%2e%2e/%2e%2e/etc/passwd', '/jaeger/assets/..%2f..%2f..%2fetc%2fpasswd', '/jaeger/..%5c..%5cetc%5cpasswd', '/jaeger/leak.txt'])(
    'never serves anything outside the directory: %s',
    async (path) => {
      const res = await rawGet(api.server.address.port, path);
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('top secret');
      expect(res.status === 404 || (res.status === 200 && res.body.includes('skein ui'))).toBe(true);
    },
  );

  it('serves the API under the base path too', async () => {
    expect((await api.get('/jaeger/api/services')).json.data).toContain('backend');
    expect((await api.get('/jaeger/api/v3/services')).json.services).toContain('backend');
    expect((await api.get('/api/services')).status).toBe(404);
  });
});

describe('without a UI build', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('answers / with a page saying so and linking the API', async () => {
    const res = await api.get('/');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/html/);
    expect(res.text).toContain('not built yet');
    expect(res.text).toContain('href="/api/services"');
  });

  it('404s other paths', async () => {
    expect((await api.get('/search')).status).toBe(404);
  });
});
