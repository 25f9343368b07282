import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { buildSpan, hexId } from '@skein/storage/testing';
import { RUNS_PER_MERGE } from './posting-runs.js';
import { RUN_BUILDING, RUN_LIVE } from './schema.js';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.js';

const START = 1_700_000_000_000_000;
const SERVICE = 'merged';

/** Batch `n`'s span: a tag value of its own and one every batch shares. */
const spanOf = (n: number) =>
  buildSpan(hexId(9, n + 1, 32), hexId(9, n + 1, 16), START + n * 1_000, {
    serviceName: SERVICE,
    tags: [
      { key: 'request.id', type: 'string', value: `req-${n}` },
      { key: 'component', type: 'string', value: 'http' },
    ],
  });

interface RunCounts {
  byState: Record<number, number>;
  liveOfLevel: Record<number, number>;
  liveRowCount: number;
  rowsInLiveRuns: number;
  rowsInOtherRuns: number;
}

function runCounts(path: string): RunCounts {
  const db = new Database(path, { readonly: true });
  try {
    const byState: Record<number, number> = {};
    for (const row of db.prepare('SELECT state, count(*) AS n FROM posting_runs GROUP BY state').all() as Array<{ state: number; n: number }>) {
      byState[row.state] = row.n;
    }
    const liveOfLevel: Record<number, number> = {};
    const live = db.prepare(`SELECT level, count(*) AS n FROM posting_runs WHERE state = ${RUN_LIVE} GROUP BY level`).all() as Array<{ level: number; n: number }>;
    for (const row of live) liveOfLevel[row.level] = row.n;
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
    return {
      byState,
      liveOfLevel,
      liveRowCount: count(`SELECT coalesce(sum(row_count), 0) FROM posting_runs WHERE state = ${RUN_LIVE}`),
      rowsInLiveRuns: count(`SELECT count(*) FROM postings WHERE run IN (SELECT id FROM posting_runs WHERE state = ${RUN_LIVE})`),
      rowsInOtherRuns: count(`SELECT count(*) FROM postings WHERE run NOT IN (SELECT id FROM posting_runs WHERE state = ${RUN_LIVE})`),
    };
  } finally {
    db.close();
  }
}

async function eventually(check: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('sqlite posting runs', () => {
  let dir: string;
  let path: string;
  let open: SqliteStorage[] = [];
  const openAt = (writerThread: boolean): SqliteStorage => {
    const storage = openSqliteStorage({ path, writerThread });
    open.push(storage);
    return storage;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skein-runs-'));
    path = join(dir, 'spans.db');
  });
  afterEach(async () => {
    for (const storage of open) await storage.close();
    open = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the runs of many batches across levels, keeping every row once and every trace findable', async () => {
    const batches = RUNS_PER_MERGE * RUNS_PER_MERGE + 40;
    const storage = openAt(false);
    const writer = storage.createSpanWriter();
    await writer.writeSpans([spanOf(0)]);
    // The service, request.id, component and the span's process tags: the same number of keys in every batch.
    const rowsPerBatch = runCounts(path).rowsInLiveRuns;
    expect(rowsPerBatch).toBeGreaterThanOrEqual(3);
    for (let n = 1; n < batches; n += 1) await writer.writeSpans([spanOf(n)]);

    const counts = runCounts(path);
    expect(counts.liveOfLevel[2]).toBe(1);
    expect(counts.liveOfLevel[0] ?? 0).toBeLessThan(2 * RUNS_PER_MERGE);
    expect(counts.byState[RUN_BUILDING] ?? 0).toBeLessThanOrEqual(2);
    // Merges copy rows, never lose or double them.
    expect(counts.rowsInLiveRuns).toBe(rowsPerBatch * batches);
    expect(counts.liveRowCount).toBe(rowsPerBatch * batches);

    const reader = storage.createSpanReader();
    for (const n of [0, 1, 17, RUNS_PER_MERGE * RUNS_PER_MERGE - 1, batches - 1]) {
      expect(await reader.findTraceIds({ serviceName: SERVICE, tags: { 'request.id': `req-${n}` } })).toEqual([spanOf(n).traceId]);
    }
    const newestFirst = Array.from({ length: batches }, (_, n) => spanOf(batches - 1 - n).traceId);
    expect(await reader.findTraceIds({ serviceName: SERVICE, limit: batches })).toEqual(newestFirst);
    expect(await reader.findTraceIds({ serviceName: SERVICE, tags: { component: 'http' }, limit: 25 })).toEqual(newestFirst.slice(0, 25));
  }, 60_000);

  it('merges on the writer thread while it is idle and deletes the merged runs', async () => {
    const storage = openAt(true);
    const writer = storage.createSpanWriter();
    const batches = 3 * RUNS_PER_MERGE;
    await writer.writeSpans([spanOf(0)]);
    const rowsPerBatch = runCounts(path).rowsInLiveRuns;
    for (let n = 1; n < batches; n += 1) await writer.writeSpans([spanOf(n)]);
    await eventually(() => {
      const counts = runCounts(path);
      expect(counts.liveOfLevel[0] ?? 0).toBeLessThan(RUNS_PER_MERGE);
      expect(counts.byState).toEqual({ [RUN_LIVE]: expect.any(Number) });
      expect(counts.rowsInOtherRuns).toBe(0);
      expect(counts.rowsInLiveRuns).toBe(rowsPerBatch * batches);
    });
    const found = await storage.createSpanReader().findTraceIds({ serviceName: SERVICE, limit: batches });
    expect(new Set(found).size).toBe(batches);
  }, 60_000);

  it('drops a run left half built by a crash, and searches never see its rows', async () => {
    const first = openAt(false);
    for (let n = 0; n < 4; n += 1) await first.createSpanWriter().writeSpans([spanOf(n)]);
    await first.close();
    // A merge that stopped after copying some rows: its run is still being built.
    const db = new Database(path);
    const run = Number(db.prepare(`INSERT INTO posting_runs (level, min_hour, max_hour, row_count, state) VALUES (1, 0, 1000000000, 0, ${RUN_BUILDING})`).run().lastInsertRowid);
    db.prepare('INSERT INTO postings (run, hour, key_hash, max_start, entries) SELECT ?, hour, key_hash, max_start, entries FROM postings').run(run);
    db.close();

    const second = openAt(false);
    const reader = second.createSpanReader();
    expect(await reader.findTraceIds({ serviceName: SERVICE })).toEqual([3, 2, 1, 0].map((n) => spanOf(n).traceId));
    await second.createSpanWriter().writeSpans([spanOf(4)]);
    const counts = runCounts(path);
    expect(counts.byState).toEqual({ [RUN_LIVE]: 5 });
    expect(counts.rowsInOtherRuns).toBe(0);
    expect(await reader.findTraceIds({ serviceName: SERVICE })).toEqual([4, 3, 2, 1, 0].map((n) => spanOf(n).traceId));
  });

  it('retention deletes the rows of swept hours from runs that span them, and drops runs wholly swept', async () => {
    const hour = 3_600_000_000;
    const now = START + 100 * hour;
    const storage = openSqliteStorage({ path, writerThread: false, retention: { maxAgeMicros: 24 * hour }, nowMicros: () => now });
    open.push(storage);
    const old = (n: number) => ({ ...spanOf(n), startTime: now - 48 * hour });
    const fresh = (n: number) => ({ ...spanOf(n), startTime: now - hour });
    const writer = storage.createSpanWriter();
    await writer.writeSpans([old(0)]); // a run of the old hour only
    await writer.writeSpans([old(1), fresh(2)]); // a run spanning both hours
    const hours = (): number[] => {
      const db = new Database(path, { readonly: true });
      const rows = db.prepare('SELECT DISTINCT hour FROM postings ORDER BY hour').pluck().all() as number[];
      db.close();
      return rows;
    };
    expect(hours()).toHaveLength(2);
    expect((await storage.sweep()).deletedSpans).toBe(2);
    expect(hours()).toEqual([Math.floor((now - hour) / hour)]);
    expect(runCounts(path).byState).toEqual({ [RUN_LIVE]: 1 });
    expect(await storage.createSpanReader().findTraceIds({ serviceName: SERVICE })).toEqual([spanOf(2).traceId]);
  });
});
