/**
 * @services opensearch, elasticsearch
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { buildSpan, hexId } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { BulkWriteError } from './bulk/bulk-errors.js';
import type { SearchEngineFlavor } from './config.js';
import type { ElasticsearchStorage } from './elasticsearch-storage.js';
import { disposeTestStorage, openTestStorage } from './testing/test-storage.js';

const TIMEOUT_MS = 60_000;

const engines: Array<[SearchEngineFlavor, 'OPENSEARCH_URL' | 'ELASTICSEARCH_URL']> = [
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
];

const T0 = Date.parse('2023-03-01T12:00:00Z') * 1000;

describe.each(engines)('%s with hostile input', (flavor, env) => {
  let storage: ElasticsearchStorage;
  const prefix = uniqueName(`skeinhostile${flavor}`).toLowerCase();

  beforeAll(async () => {
    storage = await openTestStorage(flavor, serviceAddress(env), prefix, { tagsAsFieldsAll: true });
  });

  afterAll(async () => {
    await storage.close();
    await disposeTestStorage(flavor, serviceAddress(env), prefix);
  });

  it('stores and returns huge values, __proto__ and odd keys, unicode, with tags as fields on', async () => {
    const huge = 'x'.repeat(1_000_000) + '🧵';
    const built: Span = buildSpan(hexId(0x40, 1, 32), hexId(0x40, 1, 16), T0, {
      serviceName: 'hostile-ü-🧵',
      operationName: 'op '.repeat(200),
      tags: [
        { key: 'huge', type: 'string', value: huge },
        { key: '__proto__', type: 'string', value: 'p' },
        { key: 'constructor', type: 'string', value: 'c' },
        { key: '...', type: 'string', value: 'dots' },
        { key: 'a\u0000b', type: 'string', value: 'nul key' },
        { key: '', type: 'string', value: 'empty key' },
        { key: 'ключ.名前', type: 'string', value: 'значение 世界 \u202e' },
        { key: 'short', type: 'string', value: 'findable' },
      ],
    });
    const span: Span = { ...built, process: { serviceName: 'hostile-ü-🧵', tags: [{ key: '__proto__', type: 'bool', value: true }] } };
    await storage.createSpanWriter().writeSpans([span]);
    await storage.refresh();
    const reader = storage.createSpanReader();
    const trace = await reader.getTrace(span.traceId);
    expect(trace?.spans).toHaveLength(1);
    expect(trace!.spans[0]).toEqual(span);
    expect(Object.getPrototypeOf(trace!.spans[0]!.tags)).toBe(Array.prototype);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    expect(await reader.findTraceIds({ serviceName: 'hostile-ü-🧵', tags: { short: 'findable', '__proto__': 'p' } })).toEqual([span.traceId]);
    expect(await reader.findTraceIds({ serviceName: 'hostile-ü-🧵', tags: { 'ключ.名前': 'значение 世界 \u202e' } })).toEqual([span.traceId]);
    // Values above the keyword limit are kept but not indexed, as in Jaeger: searching one finds nothing, fails nothing.
    expect(await reader.findTraceIds({ serviceName: 'hostile-ü-🧵', tags: { huge } })).toEqual([]);
    expect(await reader.getOperations({ service: 'hostile-ü-🧵' })).toEqual([{ name: 'op '.repeat(200), spanKind: '' }]); // no span.kind tag: kind ''
  }, TIMEOUT_MS);

  it('rejects a span the mapping refuses, naming it, and still stores the rest of the batch', async () => {
    // An index for one day whose `duration` is a boolean: every span of that day is a permanent mapping conflict.
    const badIndex = `${prefix}-jaeger-span-2001-01-01`;
    await storage.transport.request({
      method: 'PUT',
      path: `/${badIndex}`,
      body: JSON.stringify({ mappings: { properties: { duration: { type: 'boolean' } } } }),
    });
    const bad = buildSpan(hexId(0x41, 1, 32), hexId(0x41, 2, 16), Date.parse('2001-01-01T10:00:00Z') * 1000, { serviceName: 'conflict' });
    const good = buildSpan(hexId(0x41, 2, 32), hexId(0x41, 3, 16), T0, { serviceName: 'conflict' });
    const started = Date.now();
    const error = await storage.createSpanWriter().writeSpans([bad, good]).then(() => undefined, (e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000); // permanent: no retry loop
    expect(error).toBeInstanceOf(BulkWriteError);
    const failure = (error as BulkWriteError).failures;
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatchObject({ index: badIndex, status: 400, retryable: false, description: `span ${bad.traceId}/${bad.spanId}` });
    expect(failure[0]!.errorType).toMatch(/mapper_parsing_exception|document_parsing_exception/);
    expect((error as Error).message).toContain(bad.spanId);
    await storage.refresh();
    expect((await storage.createSpanReader().getTrace(good.traceId))?.spans).toHaveLength(1);
  }, TIMEOUT_MS);
});
