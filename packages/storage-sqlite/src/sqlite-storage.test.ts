import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { buildSpan, hexId, loadFieldTypesFixture, normalizeTrace, runConformanceSuite } from '@skein/storage/testing';
import { TOP_RUN_LEVEL } from './schema.js';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.js';

runConformanceSuite('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'skein-sqlite-'));
  return {
    storage: openSqliteStorage({ path: join(dir, 'spans.db'), archivePath: join(dir, 'archive.db') }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('sqlite storage files', () => {
  let dir: string;
  let open: SqliteStorage[] = [];
  const openAt = (options: Partial<Parameters<typeof openSqliteStorage>[0]> = {}): SqliteStorage => {
    const storage = openSqliteStorage({ path: join(dir, 'spans.db'), ...options });
    open.push(storage);
    return storage;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skein-sqlite-'));
  });
  afterEach(async () => {
    for (const storage of open) await storage.close();
    open = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back everything after closing and reopening the file', async () => {
    const spans = loadFieldTypesFixture();
    const first = openAt();
    await first.createSpanWriter().writeSpans(spans);
    await first.close();
    const second = openAt();
    const trace = await second.createSpanReader().getTrace(spans[0]!.traceId);
    expect(normalizeTrace(trace!)).toEqual(normalizeTrace({ traceId: spans[0]!.traceId, spans }));
    expect(await second.createSpanReader().getServices()).toEqual([spans[0]!.process.serviceName]);
    // Idempotency holds across restarts too: the catalog and the unique key come back from the file.
    await second.createSpanWriter().writeSpans(spans);
    expect((await second.createSpanReader().getTrace(spans[0]!.traceId))?.spans).toHaveLength(spans.length);
  });

  it('sweeps spans older than maxAge, with their tag rows and names', async () => {
    const now = 1_700_000_000_000_000;
    const hour = 3_600_000_000;
    const storage = openAt({ retention: { maxAgeMicros: 24 * hour }, nowMicros: () => now });
    const old = buildSpan(hexId(1, 1, 32), hexId(1, 1, 16), now - 48 * hour, { serviceName: 'old-service' });
    const fresh = buildSpan(hexId(1, 2, 32), hexId(1, 2, 16), now - hour, { serviceName: 'fresh-service' });
    await storage.createSpanWriter().writeSpans([old, fresh]);
    const result = await storage.sweep();
    expect(result.deletedSpans).toBe(1);
    const reader = storage.createSpanReader();
    expect(await reader.getTrace(old.traceId)).toBeNull();
    expect(await reader.getTrace(fresh.traceId)).not.toBeNull();
    expect(await reader.getServices()).toEqual(['fresh-service']);
    expect(await reader.findTraceIds({ serviceName: 'old-service', tags: { 'host.name': 'gen-1' } })).toEqual([]);
    // The writer's name cache was refreshed: the swept service can come back.
    await storage.createSpanWriter().writeSpans([{ ...old, startTime: now }]);
    expect(await reader.getServices()).toEqual(['fresh-service', 'old-service']);
  });

  it('sweeps the oldest spans once the file outgrows maxBytes', async () => {
    const storage = openAt({ retention: { maxBytes: 1_000_000 } });
    const padding = 'x'.repeat(2_000);
    const spans = Array.from({ length: 2_000 }, (_, i) =>
      buildSpan(hexId(2, i + 1, 32), hexId(2, i + 1, 16), 1_700_000_000_000_000 + i, {
        tags: [{ key: 'padding', type: 'string', value: padding }],
      }),
    );
    for (let i = 0; i < spans.length; i += 500) await storage.createSpanWriter().writeSpans(spans.slice(i, i + 500));
    expect(storage.usedBytes()).toBeGreaterThan(1_000_000);
    const result = await storage.sweep();
    expect(result.deletedSpans).toBeGreaterThan(0);
    expect(storage.usedBytes()).toBeLessThanOrEqual(1_000_000);
    const reader = storage.createSpanReader();
    expect(await reader.getTrace(spans[0]!.traceId)).toBeNull();
    expect(await reader.getTrace(spans[1_999]!.traceId)).not.toBeNull();
    // Hashing 4 MB of tag values is slow under Jest's module transform (about 10 s here), fast in the product.
  }, 60_000);

  it('refuses a file of an older schema version, naming the file and the versions', async () => {
    const path = join(dir, 'spans.db');
    const old = new Database(path);
    old.pragma('user_version = 1');
    old.close();
    expect(() => openAt()).toThrow(`SQLite file ${path} has schema version 1; this Skein reads only version 4`);
  });

  /** Rewrites a file of this version into the layout of version 3: postings in one index, no runs. */
  function downgradeToVersion3(path: string): void {
    const db = new Database(path);
    db.exec(`
      DROP INDEX postings_by_run;
      DROP TABLE posting_runs;
      CREATE TABLE postings_v3 (id INTEGER PRIMARY KEY, hour INTEGER NOT NULL, key_hash INTEGER NOT NULL, max_start INTEGER NOT NULL, entries BLOB NOT NULL);
      INSERT INTO postings_v3 SELECT id, hour, key_hash, max_start, entries FROM postings;
      DROP TABLE postings;
      ALTER TABLE postings_v3 RENAME TO postings;
      CREATE INDEX postings_by_key ON postings (hour, key_hash, max_start);
    `);
    db.pragma('user_version = 3');
    db.close();
  }

  const taggedSpan = (n: number, value: string) =>
    buildSpan(hexId(4, n, 32), hexId(4, n, 16), 1_700_000_000_000_000 + n, { serviceName: 'upgraded', tags: [{ key: 'step', type: 'string', value }] });

  it.each([2, 3])('upgrades a version %i file in place, keeping its spans and their postings', async (version) => {
    const path = join(dir, 'spans.db');
    const old = taggedSpan(1, 'before');
    const before = openAt();
    await before.createSpanWriter().writeSpans([old]);
    await before.close();
    downgradeToVersion3(path);
    if (version === 2) {
      const downgrade = new Database(path);
      downgrade.exec('DROP TABLE span_metrics');
      downgrade.pragma('user_version = 2');
      downgrade.close();
    }

    const after = openAt();
    const reader = after.createSpanReader();
    expect((await reader.getTrace(old.traceId))?.spans).toHaveLength(1);
    expect(await reader.findTraceIds({ serviceName: 'upgraded', tags: { step: 'before' } })).toEqual([old.traceId]);
    const fresh = taggedSpan(2, 'after');
    await after.createSpanWriter().writeSpans([fresh]);
    expect(await reader.findTraceIds({ serviceName: 'upgraded' })).toEqual([fresh.traceId, old.traceId]);
    const row = { id: 'w-1', bucketStartMs: 60_000, bucketMs: 60_000, service: 's', operation: 'o', spanKind: 'server', calls: 1, errors: 0, durationSumMicros: 5, latencies: '' };
    await after.createSpanMetricsWriter().writeSpanMetrics([row]);
    expect(await after.createSpanMetricsReader().readSpanMetrics({ services: ['s'], startMs: 0, endMs: 120_000 })).toEqual([row]);
    await after.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(4);
    expect(check.prepare('SELECT level, row_count FROM posting_runs WHERE id = 1').get()).toEqual({ level: TOP_RUN_LEVEL, row_count: expect.any(Number) });
    check.close();
  });

  it('stores a trace written over several batches once per span, and finds it by either batch', async () => {
    const storage = openAt();
    const traceId = hexId(3, 1, 32);
    const first = buildSpan(traceId, hexId(3, 1, 16), 1_700_000_000_000_000, { tags: [{ key: 'step', type: 'string', value: 'one' }] });
    const second = buildSpan(traceId, hexId(3, 2, 16), 1_700_000_000_000_100, { tags: [{ key: 'step', type: 'string', value: 'two' }] });
    const writer = storage.createSpanWriter();
    await writer.writeSpans([first]);
    await writer.writeSpans([first, second]);
    const reader = storage.createSpanReader();
    expect((await reader.getTrace(traceId))?.spans.map((span) => span.spanId)).toEqual([first.spanId, second.spanId]);
    const service = first.process.serviceName;
    expect(await reader.findTraceIds({ serviceName: service, tags: { step: 'one' } })).toEqual([traceId]);
    expect(await reader.findTraceIds({ serviceName: service, tags: { step: 'two' } })).toEqual([traceId]);
  });

  it('refuses to be used after close', async () => {
    const storage = openAt();
    await storage.close();
    await expect(storage.createSpanReader().getServices()).rejects.toThrow('sqlite');
    await expect(storage.createSpanWriter().writeSpans([])).rejects.toThrow('closed');
  });
});
