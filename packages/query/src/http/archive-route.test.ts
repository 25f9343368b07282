import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { SHORT_TRACE_ID, shortTrace, startTestServer, type TestServer } from '../testing/fixtures.js';

/** A stand-in UI build holding only Jaeger's capability placeholder. */
const uiBuild = mkdtempSync(join(tmpdir(), 'skein-archive-ui-'));
writeFileSync(join(uiBuild, 'index.html'), '<html><script>JAEGER_STORAGE_CAPABILITIES = DEFAULT_STORAGE_CAPABILITIES;</script></html>');
afterAll(() => rmSync(uiBuild, { recursive: true, force: true }));

const EMPTY_ENVELOPE = { data: [], total: 0, limit: 0, offset: 0, errors: null };
const ARCHIVED_ONLY_ID = '00000000000000000000000000abcdef';

function archivedOnlyTrace(): Span[] {
  return shortTrace().map((span) => ({ ...span, traceId: ARCHIVED_ONLY_ID, references: [] }));
}

describe('POST /api/archive/{traceID} with archive storage', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ staticFilesDir: uiBuild }, undefined, { withArchive: true });
  });
  afterAll(async () => {
    await api.stop();
  });

  const post = (path: string, init: RequestInit = {}) => fetch(api.base + path, { method: 'POST', ...init });

  it("copies the stored trace to the archive and answers Jaeger's empty envelope", async () => {
    const archive = api.storage.createArchiveSpanReader();
    expect(await archive.getTrace(SHORT_TRACE_ID)).toBeNull();
    const res = await post(`/api/archive/${SHORT_TRACE_ID}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(EMPTY_ENVELOPE);
    const archived = await archive.getTrace(SHORT_TRACE_ID);
    // Stored spans, unadjusted: the same start times as written.
    expect(archived?.spans.map((s) => [s.spanId, s.startTime]).sort()).toEqual(
      shortTrace().map((s) => [s.spanId, s.startTime]).sort(),
    );
    // Archiving again (the UI's button pressed twice) keeps one copy.
    expect((await post(`/api/archive/${SHORT_TRACE_ID}`, { body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((await archive.getTrace(SHORT_TRACE_ID))?.spans).toHaveLength(3);
  });

  it('serves a trace that only the archive holds through /api/traces/{id} and /api/v3/traces/{id}', async () => {
    await api.storage.createArchiveSpanWriter().writeSpans(archivedOnlyTrace());
    const v1 = await api.get(`/api/traces/${ARCHIVED_ONLY_ID}`);
    expect(v1.status).toBe(200);
    expect(v1.json.data[0].spans).toHaveLength(3);
    const v3 = await api.get(`/api/v3/traces/${ARCHIVED_ONLY_ID}`);
    expect(v3.status).toBe(200);
    // Archiving a trace that is only in the archive already is a success, not a 404.
    expect((await post(`/api/archive/${ARCHIVED_ONLY_ID}`)).status).toBe(200);
  });

  it('answers 404 for an unknown trace, 400 for a malformed id and 413 for an oversized body, in the envelope', async () => {
    const unknown = await post('/api/archive/0123456789abcdef0123456789abcdef');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ data: null, errors: [{ code: 404, msg: 'trace not found' }] });
    const malformed = await post('/api/archive/not-a-trace-id');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ msg: string }> }).errors[0]!.msg).toMatch(/traceID/);
    const huge = await post(`/api/archive/${SHORT_TRACE_ID}`, { body: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
  });

  it('tells the served UI that archive storage exists', async () => {
    const page = await api.get('/search');
    expect(page.text).toMatch(/JAEGER_STORAGE_CAPABILITIES = \{"archiveStorage":true,"metricsStorage":false,"traceLogs":false\}/);
  });
});

describe('POST /api/archive/{traceID} without archive storage', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ staticFilesDir: uiBuild });
  });
  afterAll(async () => {
    await api.stop();
  });

  it("answers 501 with Jaeger's message and leaves the archive capability off", async () => {
    const res = await fetch(`${api.base}/api/archive/${SHORT_TRACE_ID}`, { method: 'POST' });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ errors: [{ code: 501, msg: 'archive span storage was not configured' }] });
    expect((await api.get('/search')).text).toMatch(/"archiveStorage":false/);
  });
});
