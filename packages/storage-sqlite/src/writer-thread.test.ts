import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { buildSpan, hexId } from '@skein/storage/testing';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.js';
import { ThreadWriter } from './writer-client.js';

describe('the SQLite writer thread', () => {
  let dir: string;
  let storage: SqliteStorage | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skein-sqlite-thread-'));
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes batches sent together in one go, each span once, and answers each batch', async () => {
    storage = openSqliteStorage({ path: join(dir, 'spans.db') });
    const writer = storage.createSpanWriter();
    const traceId = hexId(7, 1, 32);
    const spans = Array.from({ length: 40 }, (_, i) => buildSpan(traceId, hexId(7, i + 1, 16), 1_700_000_000_000_000 + i));
    // Overlapping batches in flight at once: the thread groups what waits, and a span in two batches is stored once.
    await Promise.all([writer.writeSpans(spans.slice(0, 20)), writer.writeSpans(spans.slice(10, 30)), writer.writeSpans(spans.slice(20))]);
    const trace = await storage.createSpanReader().getTrace(traceId);
    expect(trace?.spans.map((span) => span.spanId).sort()).toEqual(spans.map((span) => span.spanId).sort());
  });

  it('fails only the batch that cannot be written when batches share a transaction', async () => {
    storage = openSqliteStorage({ path: join(dir, 'spans.db') });
    const writer = storage.createSpanWriter();
    const good = [buildSpan(hexId(8, 1, 32), hexId(8, 1, 16), 1_700_000_000_000_000), buildSpan(hexId(8, 2, 32), hexId(8, 2, 16), 1_700_000_000_000_000)];
    const bad = buildSpan('not-a-trace-id', hexId(8, 3, 16), 1_700_000_000_000_000);
    const outcomes = await Promise.allSettled([writer.writeSpans([good[0]!]), writer.writeSpans([bad]), writer.writeSpans([good[1]!])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (outcomes[1] as PromiseRejectedResult).reason as Error;
    expect(reason.message).toContain(`writing 1 spans to SQLite file ${join(dir, 'spans.db')} failed`);
    expect(reason.message).toContain('not-a-trace-id');
    const reader = storage.createSpanReader();
    for (const span of good) expect((await reader.getTrace(span.traceId))?.spans).toHaveLength(1);
  });

  it('fails the requests of a thread that stops, with the reason, and starts a new thread for the next', async () => {
    const writer = new ThreadWriter({ path: join(dir, 'missing', 'spans.db'), synchronous: 'NORMAL', cacheSizeMiB: 8 });
    try {
      const first = writer.send({ op: 'throughput', timestamp: 1, throughput: '[]' });
      await expect(first).rejects.toThrow(`the SQLite writer thread of ${join(dir, 'missing', 'spans.db')} stopped (exit code 1)`);
      await expect(first).rejects.toThrow('directory does not exist');
      // A new thread, which fails the same way: the file still cannot be opened.
      await expect(writer.send({ op: 'throughput', timestamp: 2, throughput: '[]' })).rejects.toThrow('stopped (exit code 1)');
    } finally {
      await writer.close();
    }
  });

  it('finishes every write sent before close, then refuses more', async () => {
    storage = openSqliteStorage({ path: join(dir, 'spans.db') });
    const writer = storage.createSpanWriter();
    const spans = Array.from({ length: 10 }, (_, i) => buildSpan(hexId(9, i + 1, 32), hexId(9, i + 1, 16), 1_700_000_000_000_000 + i));
    const writes = spans.map((span) => writer.writeSpans([span]));
    const closed = storage.close();
    await Promise.all(writes);
    await closed;
    await expect(writer.writeSpans(spans)).rejects.toThrow('closed');
    storage = openSqliteStorage({ path: join(dir, 'spans.db') });
    const reader = storage.createSpanReader();
    for (const span of spans) expect(await reader.getTrace(span.traceId)).not.toBeNull();
  });
});
