import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LONG_TRACE_ID, NOW, SHORT_TRACE_ID, startTestServer, type TestServer } from '../testing/fixtures.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ maxClockSkewAdjustmentMicros: 60_000_000 });
});
afterAll(async () => {
  await api.stop();
});

/** Asserts Jaeger's error envelope and returns the message. */
async function expectError(path: string, status: number, message: RegExp | string): Promise<void> {
  const res = await api.get(path);
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(Object.keys(res.json)).toEqual(['data', 'total', 'limit', 'offset', 'errors']);
  expect(res.json).toMatchObject({ data: null, total: 0, limit: 0, offset: 0 });
  expect(res.json.errors).toHaveLength(1);
  expect(res.json.errors[0].code).toBe(status);
  if (typeof message === 'string') expect(res.json.errors[0].msg).toBe(message);
  else expect(res.json.errors[0].msg).toMatch(message);
}

const traceIdsOf = (json: any): string[] => json.data.map((t: any) => t.traceID);

describe('GET /api/services', () => {
  it('lists services sorted, with total, in the envelope', async () => {
    const res = await api.get('/api/services');
    expect(res.status).toBe(200);
    expect(res.text.startsWith('{"data":["backend","frontend","many","zipkin-a","zipkin-b"],"total":5,"limit":0,"offset":0,"errors":null}')).toBe(true);
  });
});

describe('GET /api/services/{service}/operations (legacy)', () => {
  it('lists operation names of every kind', async () => {
    const res = await api.get('/api/services/frontend/operations');
    expect(res.json).toEqual({ data: ['GET /dispatch', 'HTTP GET backend'], total: 2, limit: 0, offset: 0, errors: null });
  });

  it('decodes an escaped service name and answers [] for an unknown one', async () => {
    expect((await api.get('/api/services/no%2Fsuch/operations')).json.data).toEqual([]);
  });
});

describe('GET /api/operations', () => {
  it('lists {name, spanKind} for a service', async () => {
    const res = await api.get('/api/operations?service=frontend');
    expect(res.json.data).toEqual([
      { name: 'GET /dispatch', spanKind: 'server' },
      { name: 'HTTP GET backend', spanKind: 'client' },
    ]);
    expect(res.json.total).toBe(2);
  });

  it('filters by spanKind', async () => {
    expect((await api.get('/api/operations?service=frontend&spanKind=client')).json.data).toEqual([{ name: 'HTTP GET backend', spanKind: 'client' }]);
  });

  it('requires service', () => expectError('/api/operations', 400, "parameter 'service' is required"));
  it('rejects an unknown spanKind', () => expectError('/api/operations?service=frontend&spanKind=sideways', 400, /'spanKind'.*"sideways" is not one of client, server/));
});

describe('GET /api/traces/{id}', () => {
  it("renders Jaeger's UI JSON field by field", async () => {
    const res = await api.get(`/api/traces/${SHORT_TRACE_ID}?raw=true`);
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeNull();
    expect(res.json.total).toBe(0);
    const [trace] = res.json.data;
    expect(Object.keys(trace)).toEqual(['traceID', 'spans', 'processes', 'warnings']);
    expect(trace.traceID).toBe('000000000000a001'); // high half zero: 16 digits
    expect(trace.warnings).toBeNull();
    expect(trace.processes).toEqual({
      p1: { serviceName: 'frontend', tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' }] },
      p2: { serviceName: 'backend', tags: [{ key: 'ip', type: 'string', value: '10.0.0.2' }] },
    });
    const root = trace.spans.find((s: any) => s.spanID === '00000000000000a1');
    expect(Object.keys(root)).toEqual(['traceID', 'spanID', 'flags', 'operationName', 'references', 'startTime', 'duration', 'tags', 'logs', 'processID', 'warnings']);
    expect(root).toMatchObject({ traceID: '000000000000a001', flags: 1, operationName: 'GET /dispatch', references: [], startTime: NOW - 600_000_000, duration: 10_000, processID: 'p1', warnings: null });
    const tag = (key: string) => root.tags.find((t: any) => t.key === key);
    expect(tag('z.string')).toEqual({ key: 'z.string', type: 'string', value: 'hello' });
    expect(tag('small')).toEqual({ key: 'small', type: 'int64', value: -42 });
    expect(tag('ratio')).toEqual({ key: 'ratio', type: 'float64', value: 0.25 });
    expect(tag('error')).toEqual({ key: 'error', type: 'bool', value: true });
    expect(tag('blob')).toEqual({ key: 'blob', type: 'binary', value: 'AQL/' });
    // beyond 2^53: Jaeger writes the exact decimal digits as a string, so JavaScript clients lose none
    expect(tag('big')).toEqual({ key: 'big', type: 'int64', value: '9223372036854775807' });
    expect(res.text).toContain('"value":"9223372036854775807"');
    const server = trace.spans.find((s: any) => s.spanID === '00000000000000a3');
    expect('flags' in server).toBe(false); // 0 flags are left out
    expect(server.processID).toBe('p2');
    expect(server.references[0]).toEqual({ refType: 'FOLLOWS_FROM', traceID: '000000000000a001', spanID: '00000000000000a1' });
  });

  it('prints a 128-bit trace id with 32 digits and accepts upper case', async () => {
    const res = await api.get(`/api/traces/${LONG_TRACE_ID.toUpperCase()}`);
    expect(res.json.data[0].traceID).toBe(LONG_TRACE_ID);
  });

  it('accepts a short id without leading zeros', async () => {
    expect((await api.get('/api/traces/a001')).json.data[0].traceID).toBe('000000000000a001');
  });

  it('adjusts by default: tags sorted, parent reference first, logs ordered, clock skew applied with a warning', async () => {
    const [trace] = (await api.get(`/api/traces/${SHORT_TRACE_ID}`)).json.data;
    const root = trace.spans.find((s: any) => s.spanID === '00000000000000a1');
    expect(root.tags.map((t: any) => t.key)).toEqual(['big', 'blob', 'error', 'http.status_code', 'ratio', 'small', 'span.kind', 'z.string']);
    expect(root.logs.map((l: any) => l.fields[0].key)).toEqual(['event', 'message']);
    const server = trace.spans.find((s: any) => s.spanID === '00000000000000a3');
    expect(server.references[0].refType).toBe('CHILD_OF');
    // client [start+1000, +8000]; server lasted 6000 → centred at start+2000, i.e. moved by 6 ms
    expect(server.startTime).toBe(NOW - 600_000_000 + 2000);
    expect(server.warnings).toEqual(["This span's timestamps were adjusted by 6ms"]);
  });

  it('raw=true skips the adjusters', async () => {
    const [trace] = (await api.get(`/api/traces/${SHORT_TRACE_ID}?raw=true`)).json.data;
    const server = trace.spans.find((s: any) => s.spanID === '00000000000000a3');
    expect(server.startTime).toBe(NOW - 600_000_000 - 4000);
    expect(server.warnings).toBeNull();
    expect(server.references[0].refType).toBe('FOLLOWS_FROM');
  });

  it('accepts start/end hints in µs', async () => {
    expect((await api.get(`/api/traces/${SHORT_TRACE_ID}?start=0&end=${NOW}`)).status).toBe(200);
  });

  it('answers 404 in the envelope for an unknown trace', () => expectError('/api/traces/123456789abcdef', 404, 'trace not found'));
  it('rejects a non-hex id', () => expectError('/api/traces/xyz', 400, /^unable to parse param 'traceID': "xyz" is not a trace id: id is not hex/));
  it('rejects an id longer than 32 digits', () => expectError(`/api/traces/${'1'.repeat(33)}`, 400, /33 hex digits, at most 32/));
  it('rejects the all-zero id', () => expectError('/api/traces/0000', 400, /all zeros/));
  it('rejects a bad raw', () => expectError(`/api/traces/${SHORT_TRACE_ID}?raw=maybe`, 400, `unable to parse param 'raw': "maybe" is not a boolean (true or false)`));
  it('rejects a bad start', () => expectError(`/api/traces/${SHORT_TRACE_ID}?start=yesterday`, 400, /^unable to parse param 'start': "yesterday"/));
  it('rejects a bad end', () => expectError(`/api/traces/${SHORT_TRACE_ID}?end=-1`, 400, /^unable to parse param 'end'/));

  it('pretty-prints with prettyPrint=true', async () => {
    const res = await api.get(`/api/traces/${LONG_TRACE_ID}?prettyPrint=true`);
    expect(res.text).toContain('\n    "data": [');
  });
});

describe('GET /api/traces (search)', () => {
  it('finds by service within the default two-day window, newest first', async () => {
    const res = await api.get('/api/traces?service=backend');
    expect(res.status).toBe(200);
    expect(traceIdsOf(res.json)).toEqual([LONG_TRACE_ID, '000000000000a001']);
    expect(res.json).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
  });

  it('filters by operation', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&operation=batch%20job')).json)).toEqual([LONG_TRACE_ID]);
  });

  it('filters by tag=k:v, keeping colons in the value', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&tag=job:a:b:c')).json)).toEqual([LONG_TRACE_ID]);
    expect(traceIdsOf((await api.get('/api/traces?service=backend&tag=job:a')).json)).toEqual([]);
  });

  it('filters by tags JSON, matching int64 and bool values as text', async () => {
    const tags = encodeURIComponent('{"http.status_code":"500","error":"true"}');
    expect(traceIdsOf((await api.get(`/api/traces?service=frontend&tags=${tags}`)).json)).toEqual(['000000000000a001']);
  });

  it('filters by minDuration and maxDuration (Go durations)', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&minDuration=1.5s')).json)).toEqual([LONG_TRACE_ID]);
    expect(traceIdsOf((await api.get('/api/traces?service=backend&maxDuration=100ms')).json)).toEqual(['000000000000a001']);
    expect(traceIdsOf((await api.get('/api/traces?service=backend&minDuration=6ms&maxDuration=6ms')).json)).toEqual(['000000000000a001']);
  });

  it('honours start and end (µs)', async () => {
    const res = await api.get(`/api/traces?service=backend&start=${NOW - 7 * 60_000_000}&end=${NOW}`);
    expect(traceIdsOf(res.json)).toEqual([LONG_TRACE_ID]);
  });

  it('honours limit', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&limit=1')).json)).toEqual([LONG_TRACE_ID]);
  });

  it('treats limit=0 as the default', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&limit=0')).json)).toHaveLength(2);
  });

  it('uses lookback when start is absent (the default window misses older traces)', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=many')).json)).toEqual([]);
    expect(traceIdsOf((await api.get('/api/traces?service=many&lookback=3d')).json)).toHaveLength(5);
    expect(traceIdsOf((await api.get('/api/traces?service=many&lookback=1w&limit=2')).json)).toEqual([
      'd0000000000000000000000000000005',
      'd0000000000000000000000000000004',
    ]);
    expect(traceIdsOf((await api.get('/api/traces?service=backend&lookback=1h')).json)).toHaveLength(2);
    expect(traceIdsOf((await api.get('/api/traces?service=backend&lookback=7m')).json)).toEqual([LONG_TRACE_ID]);
  });

  it('ignores lookback=custom (the UI then sends start/end)', async () => {
    expect(traceIdsOf((await api.get('/api/traces?service=backend&lookback=custom')).json)).toHaveLength(2);
  });

  it('fetches repeated traceID params in order, without needing a service, reporting missing ones in errors', async () => {
    const res = await api.get(`/api/traces?traceID=${LONG_TRACE_ID}&traceID=00ff&traceID=a001`);
    expect(res.status).toBe(200);
    expect(traceIdsOf(res.json)).toEqual([LONG_TRACE_ID, '000000000000a001']);
    expect(res.json.errors).toEqual([{ msg: 'trace not found', traceID: '00000000000000ff' }]);
  });

  it('answers [] for an unknown service', async () => {
    expect((await api.get('/api/traces?service=nobody')).json.data).toEqual([]);
  });

  it('requires service', () => expectError('/api/traces', 400, "parameter 'service' is required"));
  it('requires service (empty)', () => expectError('/api/traces?service=', 400, "parameter 'service' is required"));
  it('rejects a bad start', () => expectError('/api/traces?service=a&start=1e9', 400, /^unable to parse param 'start': "1e9" is not a whole non-negative number/));
  it('rejects a bad end', () => expectError('/api/traces?service=a&end=soon', 400, /^unable to parse param 'end'/));
  it('rejects start after end', () => expectError('/api/traces?service=a&start=200&end=100', 400, "'start' (200) must not be after 'end' (100)"));
  it('rejects a bad lookback', () => expectError('/api/traces?service=a&lookback=forever', 400, /^unable to parse param 'lookback': "forever" is not a lookback/));
  it('rejects a bad limit', () => expectError('/api/traces?service=a&limit=ten', 400, /^unable to parse param 'limit': "ten"/));
  it('rejects a negative limit', () => expectError('/api/traces?service=a&limit=-5', 400, /^unable to parse param 'limit': "-5" is not a whole non-negative number/));
  it('rejects an absurd limit', () => expectError('/api/traces?service=a&limit=99999999999', 400, /^unable to parse param 'limit': "99999999999" is too large \(at most 10000/));
  it('rejects a bad minDuration', () => expectError('/api/traces?service=a&minDuration=5', 400, /^unable to parse param 'minDuration': "5" is not a duration/));
  it('rejects a negative maxDuration', () => expectError('/api/traces?service=a&maxDuration=-1s', 400, /^unable to parse param 'maxDuration': "-1s" is negative/));
  it('rejects maxDuration below minDuration', () => expectError('/api/traces?service=a&minDuration=2s&maxDuration=1s', 400, "'maxDuration' (1s) should be greater than 'minDuration' (2s)"));
  it('rejects a tag without a colon', () => expectError('/api/traces?service=a&tag=error', 400, `malformed 'tag' parameter, expecting key:value, received: "error"`));
  it('rejects tags that are not JSON', () => expectError('/api/traces?service=a&tags=%7Bnope', 400, /^malformed 'tags' parameter, cannot parse JSON/));
  it('rejects tags JSON that is not an object', () => expectError('/api/traces?service=a&tags=%5B1%5D', 400, /^malformed 'tags' parameter: expected a JSON object/));
  it('rejects tags JSON with a non-string value', () => expectError(`/api/traces?service=a&tags=${encodeURIComponent('{"code":500}')}`, 400, `malformed 'tags' parameter: the value of "code" must be a string, got number`));
  it('rejects an invalid traceID', () => expectError('/api/traces?traceID=nothex', 400, /^unable to parse param 'traceID': "nothex" is not a trace id/));
  it('rejects a bad raw', () => expectError('/api/traces?service=a&raw=2', 400, /^unable to parse param 'raw'/));
});

describe('GET /api/dependencies', () => {
  it('computes links in [endTs - lookback, endTs] (ms), default lookback one day', async () => {
    const res = await api.get(`/api/dependencies?endTs=${NOW / 1000}`);
    expect(res.json).toEqual({
      data: [
        { parent: 'frontend', child: 'backend', callCount: 1 },
        { parent: 'zipkin-a', child: 'zipkin-b', callCount: 1 },
      ],
      total: 0,
      limit: 0,
      offset: 0,
      errors: null,
    });
  });

  it('honours lookback and the service filter', async () => {
    expect((await api.get(`/api/dependencies?endTs=${NOW / 1000}&lookback=${4 * 60_000}`)).json.data).toEqual([{ parent: 'zipkin-a', child: 'zipkin-b', callCount: 1 }]);
    expect((await api.get(`/api/dependencies?endTs=${NOW / 1000}&service=backend`)).json.data).toEqual([{ parent: 'frontend', child: 'backend', callCount: 1 }]);
  });

  it('rejects a bad endTs', () => expectError('/api/dependencies?endTs=now', 400, /^unable to parse param 'endTs': "now" is not a whole non-negative number of milliseconds/));
  it('rejects a bad lookback', () => expectError('/api/dependencies?lookback=1h', 400, /^unable to parse param 'lookback': "1h" is not a whole non-negative number of milliseconds/));
});

describe('unknown API paths', () => {
  it('answer 404 in the envelope', () => expectError('/api/nothing/here', 404, 'no such API endpoint'));
});
