import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeOtlpJson } from '@skein/codecs';
import type { TraceLogQuery, TraceLogReader, TraceLogResult } from '@skein/storage';
import { buildSpan } from '@skein/storage/testing';
import { NOW, SHORT_TRACE_ID, shortTrace, startTestServer, type TestServer } from '../testing/fixtures.js';
import { MAX_TRANSFORM_BYTES } from './transform-route.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api.stop();
});

describe('GET /api/ui/traces/{id} (the UI skeleton)', () => {
  it('answers the adjusted trace in columns: parents by index, names interned, offsets from the start', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}`);
    expect(res.status).toBe(200);
    const skeleton = res.json;
    expect(skeleton.format).toBe('skein-trace-skeleton/1');
    expect(skeleton.traceID).toBe('000000000000a001'); // as Jaeger prints a 64-bit id
    expect(skeleton.spanIDs).toHaveLength(3 * 16);
    const ids = [0, 1, 2].map((i) => skeleton.spanIDs.slice(i * 16, i * 16 + 16));
    // The backend span starts first (its clock is behind) but its parent is the client span a2.
    expect(ids).toEqual(['00000000000000a3', '00000000000000a1', '00000000000000a2']);
    expect(skeleton.parents).toEqual([2, -1, 1]);
    expect(skeleton.services.sort()).toEqual(['backend', 'frontend']);
    expect(skeleton.starts[0]).toBe(0);
    expect(skeleton.eventSpans).toEqual([1, 1]);
  });

  it('answers 404 in Jaeger\'s envelope for an unknown trace and 400 naming the parameter for a bad id', async () => {
    const missing = await api.get('/api/ui/traces/00000000000000000000000000000fff');
    expect(missing.status).toBe(404);
    expect(missing.json.errors[0]).toEqual({ code: 404, msg: 'trace not found' });
    for (const bad of ['zz', '0', 'a'.repeat(40), '%00', '__proto__']) {
      const res = await api.get(`/api/ui/traces/${bad}`);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].msg).toMatch(/traceID/);
    }
  });
});

describe('GET /api/ui/traces/{id}/spans/{spanId}', () => {
  it('answers one span in Jaeger UI JSON with its process, int64 beyond 2^53 as an exact string', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/spans/00000000000000a1`);
    expect(res.status).toBe(200);
    const { span, process } = res.json.data;
    expect(span.spanID).toBe('00000000000000a1');
    expect(span.operationName).toBe('GET /dispatch');
    expect(span.tags.find((tag: { key: string }) => tag.key === 'big').value).toBe('9223372036854775807');
    expect(span.logs).toHaveLength(2);
    expect(process.serviceName).toBe('frontend');
  });

  it('answers 404 naming the span when the trace lacks it', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/spans/00000000000000ff`);
    expect(res.status).toBe(404);
    expect(res.json.errors[0].msg).toBe(`span "00000000000000ff" not found in trace ${SHORT_TRACE_ID}`);
  });
});

describe('GET /api/ui/traces/{id}/find', () => {
  it('answers the ids of the spans whose tags, logs or names match', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/find?q=${encodeURIComponent('span.kind=server backend')}`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ spanIDs: ['00000000000000a3'], truncated: false });
    const log = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/find?q=second`);
    expect(log.json.data.spanIDs).toEqual(['00000000000000a1']);
  });

  it('refuses an over-long find text with a 400 naming q', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/find?q=${'x'.repeat(257)}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg).toBe("unable to parse param 'q': longer than 256 characters");
  });
});

describe('GET /api/v3/trace-summaries', () => {
  const iso = (micros: number): string => new Date(micros / 1000).toISOString();
  const window = `query.startTimeMin=${iso(NOW - 3_600_000_000)}&query.startTimeMax=${iso(NOW)}`;

  it('answers {summaries: [TraceSummary]} for the traces a search finds', async () => {
    const res = await api.get(`/api/v3/trace-summaries?query.serviceName=frontend&${window}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['summaries']);
    expect(res.json.summaries).toHaveLength(1);
    const [summary] = res.json.summaries;
    expect(summary).toMatchObject({ traceId: SHORT_TRACE_ID, rootServiceName: 'frontend', rootOperationName: 'GET /dispatch', spanCount: 3, errorSpanCount: 1 });
    expect(summary.minStartTimeUnixNano).toMatch(/^\d+000$/);
    expect(BigInt(summary.maxEndTimeUnixNano) > BigInt(summary.minStartTimeUnixNano)).toBe(true);
  });

  it('answers an empty list when nothing matches, and api_v3 errors for bad parameters', async () => {
    const none = await api.get(`/api/v3/trace-summaries?query.serviceName=nobody&${window}`);
    expect(none.status).toBe(200);
    expect(none.json).toEqual({ summaries: [] });
    const bad = await api.get(`/api/v3/trace-summaries?query.serviceName=frontend&${window}&query.durationMin=fast`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/query.durationMin/);
    const noWindow = await api.get('/api/v3/trace-summaries?query.serviceName=frontend');
    expect(noWindow.status).toBe(400);
  });
});

describe('POST /api/transform', () => {
  const post = async (body: string | Uint8Array, contentType = 'application/json') => {
    const response = await fetch(`${api.base}/api/transform`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, json: JSON.parse(await response.text()) };
  };

  it('turns an OTLP JSON export into Jaeger UI JSON traces without storing them', async () => {
    const spans = shortTrace().map((s) => (s.process.serviceName === 'backend' ? { ...s, process: { serviceName: 'transform-only', tags: [] } } : s));
    const res = await post(encodeOtlpJson(spans));
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(1);
    const trace = res.json.data[0];
    expect(trace.traceID).toBe('000000000000a001'); // a 64-bit id, printed as Jaeger prints it
    expect(trace.spans).toHaveLength(3);
    expect([...new Set(Object.values(trace.processes).map((p: any) => p.serviceName))].sort()).toEqual(['frontend', 'transform-only']);
    const services = await api.get('/api/services');
    expect(services.json.data).not.toContain('transform-only');
  });

  it('answers 400 in Jaeger\'s envelope for an empty, malformed or non-OTLP body, and 413 past the limit', async () => {
    for (const body of ['', '{', '[1,2]', '{"resourceSpans": 5}', 'null']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].code).toBe(400);
      expect(res.json.errors[0].msg.length).toBeGreaterThan(10);
    }
    const huge = new Uint8Array(MAX_TRANSFORM_BYTES + 1).fill(0x20);
    const response = await fetch(`${api.base}/api/transform`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    const still = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}`);
    expect(still.status).toBe(200);
  });
});

describe('GET /api/ui/traces/{id}/logs', () => {
  const asked: TraceLogQuery[] = [];
  let failWith: Error | undefined;
  const logs: TraceLogReader = {
    description: 'logs-* on http://logs:9200',
    async findTraceLogs(query): Promise<TraceLogResult> {
      asked.push(query);
      if (failWith) throw failWith;
      return { total: 3, lines: [{ timestamp: 5, spanId: '00000000000000a1', level: 'info', message: 'dispatching', fields: { 'http.method': 'GET' }, index: 'logs-a', id: '1' }, { timestamp: 6, message: 'no span', fields: {}, index: 'logs-a', id: '2' }] };
    },
    close: async () => undefined,
  };
  let withLogs: TestServer;
  beforeAll(async () => {
    withLogs = await startTestServer({}, undefined, { traceLogs: logs });
  });
  afterAll(async () => {
    await withLogs.stop();
  });

  it("asks the logs cluster for the trace's id over its time range and answers the lines with their span ids", async () => {
    const res = await withLogs.get(`/api/ui/traces/${SHORT_TRACE_ID}/logs`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      total: 3,
      searched: 'logs-* on http://logs:9200',
      lines: [
        { timestamp: 5, spanID: '00000000000000a1', level: 'info', message: 'dispatching', fields: { 'http.method': 'GET' }, index: 'logs-a', id: '1' },
        { timestamp: 6, message: 'no span', fields: {}, index: 'logs-a', id: '2' },
      ],
    });
    const spans = shortTrace();
    expect(asked.at(-1)).toMatchObject({
      traceId: SHORT_TRACE_ID,
      startMicros: Math.min(...spans.map((span) => span.startTime)),
      endMicros: Math.max(...spans.map((span) => span.startTime + span.duration)),
    });
  });

  it('answers 502 naming the cluster when it fails, 404 for an unknown trace, 400 for a bad id', async () => {
    failWith = new Error('log lines of trace x could not be read from logs-* on http://logs:9200: connect ECONNREFUSED');
    try {
      const res = await withLogs.get(`/api/ui/traces/${SHORT_TRACE_ID}/logs`);
      expect(res.status).toBe(502);
      expect(res.json.errors[0].msg).toMatch(/could not be read from logs-\* on http:\/\/logs:9200: connect ECONNREFUSED/);
    } finally {
      failWith = undefined;
    }
    expect((await withLogs.get('/api/ui/traces/00000000000000000000000000000fff/logs')).status).toBe(404);
    expect((await withLogs.get('/api/ui/traces/zz/logs')).status).toBe(400);
  });

  it('answers 501 saying how to turn logs on when none are configured', async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/logs`);
    expect(res.status).toBe(501);
    expect(res.json.errors[0].msg).toMatch(/--query\.logs\.server-urls/);
  });
});

describe('GET /api/ui/traces/{id}/filter', () => {
  const where = (conditions: unknown): string => `where=${encodeURIComponent(JSON.stringify(conditions))}`;

  it('answers the ids of the spans that meet every condition, in the adjusted trace', async () => {
    const errors = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?${where([{ field: 'status', op: '=', value: 'error' }])}`);
    expect(errors.status).toBe(200);
    expect(errors.json.data).toEqual({ spanIDs: ['00000000000000a1'], total: 1 });
    const frontendNotServer = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?${where([{ field: 'service', op: '=', value: 'frontend' }, { field: 'kind', op: '!=', value: 'server' }])}`);
    expect(frontendNotServer.json.data.spanIDs).toEqual(['00000000000000a2']);
    const events = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?${where([{ field: 'log', key: 'event', op: '=~', value: '^fir' }])}`);
    expect(events.json.data.spanIDs).toEqual(['00000000000000a1']);
    expect((await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter`)).json.data.total).toBe(3);
  });

  it("answers 400 naming 'where' and the condition for a bad filter, an over-long one, or a bad trace id", async () => {
    const res = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?${where([{ field: 'duration', op: '>', value: 'slow' }])}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].msg).toBe(`unable to parse param 'where': condition 1: "slow" is not a duration: use a number with a unit, e.g. 250ms, 1.5s, 800us`);
    const long = await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?where=${'x'.repeat(8_193)}`);
    expect(long.status).toBe(400);
    expect(long.json.errors[0].msg).toMatch(/longer than 8192 characters/);
    expect((await api.get(`/api/ui/traces/${SHORT_TRACE_ID}/filter?where=%5B`)).json.errors[0].msg).toMatch(/^unable to parse param 'where': not JSON/);
    expect((await api.get('/api/ui/traces/nothex/filter')).status).toBe(400);
  });

  it('stops a regular expression that backtracks without end, answers 400 saying so, and keeps serving', async () => {
    const traceId = 'c'.repeat(32);
    const hostile = await startTestServer({}, [buildSpan(traceId, '1'.repeat(16), NOW - 60_000_000, { tags: [{ key: 'payload', type: 'string', value: `${'a'.repeat(40)}!` }] })]);
    try {
      const started = performance.now();
      const res = await hostile.get(`/api/ui/traces/${traceId}/filter?${where([{ field: 'tag', key: 'payload', op: '=~', value: '^(a+)+$' }])}`);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].msg).toBe("the filter ran longer than 2000 ms on the trace's 1 spans and was stopped: simplify its regular expressions");
      expect(performance.now() - started).toBeLessThan(5_000);
      expect((await hostile.get(`/api/ui/traces/${traceId}/filter?${where([{ field: 'tag', key: 'payload', op: 'exists' }])}`)).json.data.total).toBe(1);
    } finally {
      await hostile.stop();
    }
  });
});
