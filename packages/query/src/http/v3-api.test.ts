import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { otlpJson } from '@skein/codecs';
import { standardAdjuster } from '../adjusters/standard.js';
import { LONG_TRACE_ID, NOW, SHORT_TRACE_ID, shortTrace, startTestServer, type TestServer } from '../testing/fixtures.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api.stop();
});

const iso = (micros: number): string => new Date(micros / 1000).toISOString();
const window = `query.startTimeMin=${iso(NOW - 3_600_000_000)}&query.startTimeMax=${iso(NOW)}`;

async function expectV3Error(path: string, status: number, message: RegExp | string): Promise<void> {
  const res = await api.get(path);
  expect(res.status).toBe(status);
  expect(Object.keys(res.json)).toEqual(['error']);
  expect(res.json.error.httpCode).toBe(status);
  if (typeof message === 'string') expect(res.json.error.message).toBe(message);
  else expect(res.json.error.message).toMatch(message);
}

/** The `result` member of an api_v3 answer, read by Skein's OTLP JSON codec (the collector's decoder). */
const decode = (text: string) => {
  const { result } = JSON.parse(text) as { result: unknown };
  return otlpJson.decode(new TextEncoder().encode(JSON.stringify(result)));
};

describe('GET /api/v3/traces/{trace_id}', () => {
  it('answers {result: TracesData} in OTLP JSON that the OTLP JSON decoder reads back to the adjusted trace', async () => {
    const res = await api.get(`/api/v3/traces/${SHORT_TRACE_ID}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['result']);
    const spans = res.json.result.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans));
    expect(spans).toHaveLength(3);
    expect(spans[0].traceId).toBe(SHORT_TRACE_ID); // hex, 32 digits
    expect(typeof spans[0].startTimeUnixNano).toBe('string');
    expect(typeof spans[0].kind).toBe('number');
    const big = spans.flatMap((s: any) => s.attributes ?? []).find((a: any) => a.key === 'big');
    expect(big.value).toEqual({ intValue: '9223372036854775807' });

    const decoded = decode(res.text);
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans).toHaveLength(3);
    const expected = standardAdjuster()({ traceId: SHORT_TRACE_ID, spans: shortTrace() });
    const byId = new Map(decoded.spans.map((s) => [s.spanId, s]));
    for (const want of expected.spans) {
      const got = byId.get(want.spanId)!;
      expect(got.traceId).toBe(want.traceId);
      expect(got.operationName).toBe(want.operationName);
      expect(got.startTime).toBe(want.startTime);
      expect(got.duration).toBe(want.duration);
      expect(got.process.serviceName).toBe(want.process.serviceName);
      expect(got.tags.find((t) => t.key === 'big')?.value).toEqual(want.tags.find((t) => t.key === 'big')?.value);
    }
  });

  it('rawTraces=true (and raw_traces) skips the adjusters', async () => {
    for (const param of ['rawTraces', 'raw_traces']) {
      const decoded = decode((await api.get(`/api/v3/traces/${SHORT_TRACE_ID}?${param}=true`)).text);
      expect(decoded.spans.find((s) => s.spanId === '00000000000000a3')!.startTime).toBe(NOW - 600_000_000 - 4000);
    }
  });

  it('accepts RFC 3339 startTime/endTime (and snake_case aliases)', async () => {
    expect((await api.get(`/api/v3/traces/${LONG_TRACE_ID}?startTime=${iso(0)}&endTime=2030-01-01T00:00:00.123456789%2B02:00`)).status).toBe(200);
    expect((await api.get(`/api/v3/traces/${LONG_TRACE_ID}?start_time=${iso(0)}`)).status).toBe(200);
  });

  it('404s an unknown trace', () => expectV3Error('/api/v3/traces/abcdef', 404, 'No traces found'));
  it('rejects a bad trace id', () => expectV3Error('/api/v3/traces/not-hex', 400, /^malformed parameter trace_id: "not-hex" is not a trace id/));
  it('rejects a bad startTime', () => expectV3Error(`/api/v3/traces/${LONG_TRACE_ID}?startTime=yesterday`, 400, /^malformed parameter startTime: "yesterday" is not an RFC 3339 time/));
  it('rejects a bad end_time', () => expectV3Error(`/api/v3/traces/${LONG_TRACE_ID}?end_time=2024-13-45T00:00:00Z`, 400, /^malformed parameter end_time/));
  it('rejects a bad rawTraces', () => expectV3Error(`/api/v3/traces/${LONG_TRACE_ID}?rawTraces=yes`, 400, /^malformed parameter rawTraces: "yes" is not a boolean/));
});

describe('GET /api/v3/traces (FindTraces)', () => {
  it('searches by service in the window and returns all traces in one TracesData', async () => {
    const res = await api.get(`/api/v3/traces?query.serviceName=backend&${window}`);
    expect(res.status).toBe(200);
    const traceIds = new Set(decode(res.text).spans.map((s) => s.traceId));
    expect(traceIds).toEqual(new Set([SHORT_TRACE_ID, LONG_TRACE_ID]));
  });

  it('accepts the snake_case aliases', async () => {
    const res = await api.get(`/api/v3/traces?query.service_name=backend&query.start_time_min=${iso(NOW - 3_600_000_000)}&query.start_time_max=${iso(NOW)}&query.num_traces=1`);
    expect(new Set(decode(res.text).spans.map((s) => s.traceId))).toEqual(new Set([LONG_TRACE_ID]));
  });

  it('filters by operation, durations, attributes and search depth', async () => {
    const ids = async (extra: string) => new Set(decode((await api.get(`/api/v3/traces?query.serviceName=backend&${window}&${extra}`)).text).spans.map((s) => s.traceId));
    expect(await ids('query.operationName=batch%20job')).toEqual(new Set([LONG_TRACE_ID]));
    expect(await ids('query.durationMin=1s')).toEqual(new Set([LONG_TRACE_ID]));
    expect(await ids('query.durationMax=10ms')).toEqual(new Set([SHORT_TRACE_ID]));
    expect(await ids(`query.attributes=${encodeURIComponent('{"job":"a:b:c"}')}`)).toEqual(new Set([LONG_TRACE_ID]));
    expect(await ids('query.searchDepth=1')).toEqual(new Set([LONG_TRACE_ID]));
  });

  it('404s when nothing matches, as the gateway does', () => expectV3Error(`/api/v3/traces?query.serviceName=nobody&${window}`, 404, 'No traces found'));
  it('requires the time window', () => expectV3Error('/api/v3/traces?query.serviceName=backend', 400, 'query.startTimeMin and query.startTimeMax are required'));
  it('requires min before max', () => expectV3Error(`/api/v3/traces?query.serviceName=backend&query.startTimeMin=${iso(NOW)}&query.startTimeMax=${iso(NOW - 1000)}`, 400, 'query.startTimeMin must be before query.startTimeMax'));
  it('requires a service', () => expectV3Error(`/api/v3/traces?${window}`, 400, 'query.serviceName is required'));
  it('rejects a bad startTimeMin', () => expectV3Error(`/api/v3/traces?query.serviceName=x&query.startTimeMin=1700000000&query.startTimeMax=${iso(NOW)}`, 400, /^malformed parameter query.startTimeMin: "1700000000" is not an RFC 3339 time/));
  it('rejects a bad searchDepth', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.searchDepth=-3`, 400, /^malformed parameter query.searchDepth: "-3"/));
  it('rejects searchDepth 0', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.searchDepth=0`, 400, 'malformed parameter query.searchDepth: must be at least 1'));
  it('rejects a bad durationMin', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.durationMin=soon`, 400, /^malformed parameter query.durationMin: "soon" is not a duration/));
  it('rejects durationMax below durationMin', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.durationMin=2s&query.durationMax=1s`, 400, 'query.durationMax must not be below query.durationMin'));
  it('rejects bad attributes', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.attributes=%7B%22a%22%3A1%7D`, 400, 'malformed parameter query.attributes: the value of "a" must be a string'));
  it('rejects a filter expression (not supported)', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.filter=%7B%7D`, 400, /^malformed parameter query.filter: filter expressions are not supported/));
  it('rejects a bad query.rawTraces', () => expectV3Error(`/api/v3/traces?query.serviceName=x&${window}&query.rawTraces=2`, 400, /^malformed parameter query.rawTraces/));
});

describe('GET /api/v3/services and /api/v3/operations', () => {
  it('lists services', async () => {
    expect((await api.get('/api/v3/services')).json).toEqual({ services: ['backend', 'frontend', 'many', 'zipkin-a', 'zipkin-b'] });
  });

  it('lists operations, filtered by spanKind or span_kind', async () => {
    expect((await api.get('/api/v3/operations?service=frontend')).json).toEqual({
      operations: [
        { name: 'GET /dispatch', spanKind: 'server' },
        { name: 'HTTP GET backend', spanKind: 'client' },
      ],
    });
    expect((await api.get('/api/v3/operations?service=frontend&spanKind=client')).json.operations).toEqual([{ name: 'HTTP GET backend', spanKind: 'client' }]);
    expect((await api.get('/api/v3/operations?service=frontend&span_kind=server')).json.operations).toEqual([{ name: 'GET /dispatch', spanKind: 'server' }]);
  });

  it('requires service', () => expectV3Error('/api/v3/operations', 400, 'malformed parameter service: it is required'));
});
