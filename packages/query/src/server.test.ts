import { afterEach, describe, expect, it } from '@jest/globals';
import { buildLargeTrace } from '@skein/storage/testing';
import { normalizeBasePath } from './server.js';
import { NOW, startTestServer, type TestServer } from './testing/fixtures.js';
import { queryOptions } from './options.js';
import { loadConfig } from '@skein/runtime';

let api: TestServer | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

describe('normalizeBasePath', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['/jaeger', '/jaeger'],
    ['jaeger/', '/jaeger'],
    ['/a//b/', '/a/b'],
  ])('%s → %s', (raw, expected) => expect(normalizeBasePath(raw)).toBe(expected));

  it.each(['/a b', '/<script>', '/a/../b', '/a?x'])('rejects %s', (raw) => {
    expect(() => normalizeBasePath(raw)).toThrow(/base path/);
  });
});

describe('query options', () => {
  it("take Jaeger's names and defaults", () => {
    const config = loadConfig(queryOptions, {}, {});
    expect(config.httpHostPort).toEqual({ host: '0.0.0.0', port: 16686 });
    expect(config.maxClockSkewAdjustment).toBe(0);
    const env = loadConfig(queryOptions, { 'query.max-clock-skew-adjustment': '1.5s' }, { QUERY_BASE_PATH: '/jaeger/' });
    expect(env).toMatchObject({ maxClockSkewAdjustment: 1_500_000, basePath: '/jaeger' });
  });

  it('report every bad value at once', () => {
    const load = () => loadConfig(queryOptions, { 'query.max-trace-size': '-1', 'query.base-path': '/a b' }, {});
    expect(load).toThrow(/--query.max-trace-size: "-1"/);
    expect(load).toThrow(/--query.base-path: "\/a b" is not a base path/);
  });
});

describe('--query.max-trace-size', () => {
  it('cuts a 200-span trace to the limit with a warning on the first span, raw or not', async () => {
    const traceId = 'e'.repeat(32);
    api = await startTestServer({ maxTraceSize: 50 }, buildLargeTrace(traceId, 200, NOW - 60_000_000, 'big'));
    for (const query of ['', '?raw=true']) {
      const [trace] = (await api.get(`/api/traces/${traceId}${query}`)).json.data;
      expect(trace.spans).toHaveLength(50);
      expect(trace.spans[0].warnings).toContain('trace has more than 50 spans, showing first 50 spans only');
    }
  });
});

describe('request metrics', () => {
  it('counts latency per endpoint and status class, and errors by kind', async () => {
    api = await startTestServer();
    await api.get('/api/services');
    await api.get('/api/services');
    await api.get('/api/traces');
    await api.get('/api/traces/ffff');
    const text = await api.metrics.metrics();
    expect(text).toMatch(/skein_query_request_duration_seconds_count\{endpoint="\/api\/services",status="2xx"\} 2/);
    expect(text).toMatch(/skein_query_request_duration_seconds_count\{endpoint="\/api\/traces",status="4xx"\} 1/);
    expect(text).toMatch(/skein_query_request_errors_total\{endpoint="\/api\/traces",kind="client"\} 1/);
    expect(text).toMatch(/skein_query_request_errors_total\{endpoint="\/api\/traces\/:traceID",kind="client"\} 1/);
  });

  it('answers 500 in the envelope, and counts it, when the store fails', async () => {
    api = await startTestServer();
    await api.storage.close();
    const res = await api.get('/api/services');
    expect(res.status).toBe(500);
    expect(res.json.errors[0]).toEqual({ code: 500, msg: 'memory storage is closed' });
    expect(await api.metrics.metrics()).toMatch(/skein_query_request_errors_total\{endpoint="\/api\/services",kind="server"\} 1/);
  });
});

describe('stop()', () => {
  it('closes the port and can be called twice', async () => {
    api = await startTestServer();
    const { base } = api;
    await api.server.stop();
    await api.server.stop();
    await expect(fetch(`${base}/api/services`)).rejects.toThrow();
  });
});
