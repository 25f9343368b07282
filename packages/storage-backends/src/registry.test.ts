import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@skein/runtime';
import { openStorage, spanStorageTypeOption, STORAGE_TYPES, storageOptions } from './registry.js';
import { SQLITE_FILE_NAME } from './sqlite-backend.js';
import { span } from './testing/span.js';

describe('storage backends registry', () => {
  it('knows every store by its SPAN_STORAGE_TYPE name', () => {
    expect(STORAGE_TYPES).toEqual(['memory', 'sqlite', 'elasticsearch', 'opensearch', 'cassandra']);
  });

  it('merges every backend option under one flag each (es.* shared by Elasticsearch and OpenSearch)', () => {
    const flags = Object.values(storageOptions()).map((o) => o.flag);
    expect(flags).toEqual(expect.arrayContaining(['memory.max-traces', 'data-dir', 'sqlite.max-span-age', 'es.server-urls', 'es.index-prefix']));
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('limits SPAN_STORAGE_TYPE to what a command allows and names the choices', () => {
    const options = { type: spanStorageTypeOption(['kafka', ...STORAGE_TYPES], 'kafka') };
    expect(loadConfig(options, {}, { SPAN_STORAGE_TYPE: 'opensearch' }).type).toBe('opensearch');
    expect(() => loadConfig(options, {}, { SPAN_STORAGE_TYPE: 'mysql' })).toThrow(/"mysql" is not one of kafka, memory, sqlite, elasticsearch, opensearch, cassandra/);
  });

  it('refuses an unknown type with the list of known ones', () => {
    expect(() => openStorage('mysql', {})).toThrow('unknown SPAN_STORAGE_TYPE "mysql" (one of memory, sqlite, elasticsearch, opensearch, cassandra)');
  });

  it.each(['memory', 'sqlite'])('opens %s from loaded options, and what is written reads back', async (type) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skein-backends-'));
    const values = loadConfig(storageOptions(), { 'data-dir': dataDir, 'memory.max-traces': '10' }, {});
    const storage = await openStorage(type, values);
    try {
      const written = span('00000000000000000000000000000abc', '0000000000000001');
      await storage.createSpanWriter().writeSpans([written]);
      const trace = await storage.createSpanReader().getTrace(written.traceId);
      expect(trace?.spans.map((s) => s.spanId)).toEqual(['0000000000000001']);
      expect(await storage.createSpanReader().getServices()).toEqual(['registry-test']);
    } finally {
      await storage.close();
    }
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(type === 'sqlite');
  });
});
