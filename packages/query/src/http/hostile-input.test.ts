import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../testing/fixtures.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api.stop();
});

/** Sends a raw request line (no URL normalisation by the client). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile input', () => {
  it('refuses a tags JSON bigger than the request line allows, and the server keeps serving', async () => {
    const huge = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'v'.repeat(10)]))));
    const res = await api.get(`/api/traces?service=a&tags=${huge}`);
    expect([400, 414, 431]).toContain(res.status);
    expect((await api.get('/api/services')).status).toBe(200);
  });

  it('refuses more than 100 tag conditions with a 400 naming the parameter', async () => {
    const many = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']))));
    const res = await api.get(`/api/traces?service=a&tags=${many}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg).toBe("unable to parse param 'tags': more than 100 tag conditions");
  });

  it('refuses nested tags JSON', async () => {
    const res = await api.get(`/api/traces?service=a&tags=${encodeURIComponent('{"a":{"b":{"c":"d"}}}')}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg).toMatch(/^malformed 'tags' parameter, cannot parse JSON: .*nesting deeper than 1/);
  });

  it('treats __proto__ in tags JSON and in the query string as plain names', async () => {
    const res = await api.get(`/api/traces?service=backend&tags=${encodeURIComponent('{"__proto__":"x","constructor":"y"}')}&__proto__=1&constructor=2`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([]); // no span has those tags
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const plain = await api.get('/api/traces?service=backend&__proto__[service]=evil');
    expect(plain.status).toBe(200);
    expect(plain.json.data).toHaveLength(2);
  });

  it('treats __proto__ as a tag key in tag=k:v', async () => {
    const res = await api.get('/api/traces?service=backend&tag=__proto__:polluted');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a trace id with a NUL', '/api/traces/ab%00cd'],
    ['a trace id of 5000 characters', `/api/traces/${'f'.repeat(5000)}`],
    ['a trace id with unicode', '/api/traces/%C3%A9'],
    ['a negative-looking id', '/api/traces/-1'],
  ])('answers 400 or 404 (never 500) for %s', async (_, path) => {
    const res = await api.get(path);
    expect([400, 404, 414, 431]).toContain(res.status);
  });

  it('echoes only a short, escaped piece of an over-long bad parameter', async () => {
    const res = await api.get(`/api/traces?service=a&limit=${'9'.repeat(3000)}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg.length).toBeLessThan(200);
    expect(res.json.errors[0].msg).toMatch(/\(3000 chars\)/);
  });

  it.each(['-1', '1.5', '1e3', '0x10', '  5', '99999999999999999999999', 'NaN'])('rejects limit=%s with a 400', async (limit) => {
    const res = await api.get(`/api/traces?service=a&limit=${encodeURIComponent(limit)}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg).toMatch(/^unable to parse param 'limit'/);
  });

  it('rejects absurd durations and timestamps', async () => {
    expect((await api.get('/api/traces?service=a&maxDuration=99999999999999h')).json.errors[0].msg).toMatch(/too long a duration/);
    expect((await api.get('/api/traces?service=a&start=9999999999999999999')).json.errors[0].msg).toMatch(/^unable to parse param 'start'.*too large/);
    expect((await api.get('/api/dependencies?lookback=99999999999999999')).json.errors[0].msg).toMatch(/too large/);
  });

  it('answers a malformed percent-encoding without crashing', async () => {
    const res = await rawGet(api.server.address.port, '/api/traces?service=%E0%A4%A');
    expect(res.status).toBeLessThan(500);
  });
});
