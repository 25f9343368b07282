import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../testing/fixtures.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ basePath: '/jaeger' });
});
afterAll(async () => {
  await api.stop();
});

async function call(method: string, path: string): Promise<{ status: number; json: any; allow: string | null; type: string | null }> {
  const response = await fetch(`${api.base}${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text), allow: response.headers.get('allow'), type: response.headers.get('content-type') };
}

describe('answers in Jaeger\'s envelope where no route answers', () => {
  it.each([
    ['POST', '/jaeger/api/services', 405, 'POST is not allowed on /api/services; use GET'],
    ['DELETE', '/jaeger/api/traces/00000000000000a1', 405, 'DELETE is not allowed on /api/traces/00000000000000a1; use GET'],
    ['PUT', '/jaeger/api/v3/trace-summaries', 405, 'PUT is not allowed on /api/v3/trace-summaries; use GET'],
    ['POST', '/jaeger/api/no-such-thing', 404, 'no such API endpoint'],
    ['PATCH', '/jaeger/api/', 404, 'no such API endpoint'],
    ['GET', '/jaeger/api', 404, 'no such API endpoint'],
    ['GET', '/jaeger/analytics', 404, 'no such API endpoint'],
    ['GET', '/jaeger/analytics/v2/whatever', 404, 'no such API endpoint'],
    ['POST', '/jaeger/analytics/v1/dependencies', 404, 'no such API endpoint'],
  ])('%s %s → %d', async (method, path, status, message) => {
    const res = await call(method, path);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.json).toEqual({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg: message }] });
    if (status === 405) expect(res.allow).toBe('GET, HEAD');
  });

  it('says plainly what Skein does not implement (501) instead of serving the UI', async () => {
    const quality = await call('GET', '/jaeger/api/quality-metrics');
    expect(quality.status).toBe(501);
    expect(quality.json.errors[0].msg).toMatch(/^trace quality metrics are not implemented by Skein/);
    const deep = await call('GET', '/jaeger/analytics/v1/dependencies?service=x');
    expect(deep.status).toBe(501);
    expect(deep.json.errors[0].msg).toMatch(/deep dependency graph is not implemented by Skein; use \/api\/dependencies/);
  });

  it('leaves the real routes alone', async () => {
    expect((await call('GET', '/jaeger/api/services')).status).toBe(200);
    const transform = await call('POST', '/jaeger/api/transform'); // an OTLP document without spans
    expect(transform.status).toBe(200);
    expect(transform.json.data).toEqual([]);
  });
});
