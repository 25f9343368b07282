/**
 * @services opensearch, elasticsearch
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSpan, hexId } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { createSearchTransport } from '../client/create-transport.js';
import type { SearchTransport } from '../client/transport.js';
import type { SearchEngineFlavor } from '../config.js';
import { createElasticsearchStorage } from '../elasticsearch-storage.js';
import { disposeTestStorage, testConfig } from '../testing/test-storage.js';
import { cleanIndices } from './index-cleaner.js';
import { aliasMembers, rolloverInit, rolloverLookback, rolloverRollover } from './rollover.js';

const TIMEOUT_MS = 60_000;

const engines: Array<[SearchEngineFlavor, 'OPENSEARCH_URL' | 'ELASTICSEARCH_URL']> = [
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
];

async function indicesOf(transport: SearchTransport, pattern: string): Promise<string[]> {
  const response = await transport.request<Array<{ index: string }>>({
    method: 'GET',
    path: `/_cat/indices/${encodeURIComponent(pattern)}`,
    querystring: { format: 'json', h: 'index', expand_wildcards: 'all' },
  });
  return response.body.map((row) => row.index).sort();
}

describe.each(engines)('%s maintenance tools', (flavor, env) => {
  let transport: SearchTransport;
  const prefixes: string[] = [];
  const newPrefix = (kind: string): string => {
    const prefix = uniqueName(`skeintool${kind}${flavor}`).toLowerCase();
    prefixes.push(prefix);
    return prefix;
  };

  beforeAll(() => {
    transport = createSearchTransport(testConfig(flavor, serviceAddress(env), 'unused'));
  });

  afterAll(async () => {
    await transport.close();
    for (const prefix of prefixes) await disposeTestStorage(flavor, serviceAddress(env), prefix);
  });

  it('rollover: init creates write/read aliases, writes go through them, rollover and lookback move them', async () => {
    const prefix = newPrefix('roll');
    const settings = { indexPrefix: prefix, numShards: 1, numReplicas: 0 };
    const init = await rolloverInit(transport, settings);
    expect(init.map((r) => r.newIndex)).toEqual([`${prefix}-jaeger-span-000001`, `${prefix}-jaeger-service-000001`, `${prefix}-jaeger-dependencies-000001`]);
    expect((await rolloverInit(transport, settings)).map((r) => r.newIndex)).toEqual([undefined, undefined, undefined]);

    const storage = await createElasticsearchStorage(testConfig(flavor, serviceAddress(env), prefix, { useAliases: true, createIndexTemplates: false }));
    try {
      const first = buildSpan(hexId(0x50, 1, 32), hexId(0x50, 1, 16), 1_700_000_000_000_000, { serviceName: 'rolled' });
      await storage.createSpanWriter().writeSpans([first]);

      const notYet = await rolloverRollover(transport, settings); // default max_age 2d: nothing to do yet
      expect(notYet.map((r) => r.rolledOver)).toEqual([false, false, false]);
      const rolled = await rolloverRollover(transport, settings, {});
      expect(rolled.map((r) => r.newIndex)).toEqual([`${prefix}-jaeger-span-000002`, `${prefix}-jaeger-service-000002`, `${prefix}-jaeger-dependencies-000002`]);

      const second = buildSpan(hexId(0x50, 2, 32), hexId(0x50, 2, 16), 1_700_000_000_000_000, { serviceName: 'rolled' });
      await storage.createSpanWriter().writeSpans([second]);
      await storage.refresh();
      const reader = storage.createSpanReader();
      expect(await reader.findTraceIds({ serviceName: 'rolled' })).toHaveLength(2);
      expect((await aliasMembers(transport, `${prefix}-jaeger-span-read`)).map((m) => m.index).sort()).toEqual([
        `${prefix}-jaeger-span-000001`,
        `${prefix}-jaeger-span-000002`,
      ]);

      const lookback = await rolloverLookback(transport, settings, { unit: 'seconds', unitCount: 0 }, () => Date.now() + 1000);
      expect(lookback[0]!.removedFromReadAlias).toEqual([`${prefix}-jaeger-span-000001`]);
      expect((await aliasMembers(transport, `${prefix}-jaeger-span-read`)).map((m) => m.index)).toEqual([`${prefix}-jaeger-span-000002`]);
      expect(await reader.findTraceIds({ serviceName: 'rolled' })).toEqual([second.traceId]);

      const cleaned = await cleanIndices(transport, { numDays: 0, indexPrefix: prefix, rollover: true, now: () => Date.now() });
      expect(cleaned.deletedIndices).toEqual([`${prefix}-jaeger-dependencies-000001`, `${prefix}-jaeger-service-000001`, `${prefix}-jaeger-span-000001`]);
      expect(await indicesOf(transport, `${prefix}-jaeger-span-*`)).toEqual([`${prefix}-jaeger-span-000002`]);
    } finally {
      await storage.close();
    }
  }, TIMEOUT_MS);

  it('index cleaner: deletes daily and hourly indices older than N days by the date in their name', async () => {
    const prefix = newPrefix('clean');
    const now = Date.parse('2024-05-10T15:00:00Z');
    const names = [
      `${prefix}-jaeger-span-2024-05-01`,
      `${prefix}-jaeger-span-2024-05-08`,
      `${prefix}-jaeger-span-2024-05-09`,
      `${prefix}-jaeger-span-2024-05-10`,
      `${prefix}-jaeger-span-2024-05-08-23`,
      `${prefix}-jaeger-service-2024-05-08`,
      `${prefix}-jaeger-dependencies-2024-05-09`,
      `${prefix}-jaeger-spanmetrics-2024-05-08`,
      `${prefix}-jaeger-spanmetrics-2024-05-09`,
      `${prefix}-jaeger-span-notadate`,
    ];
    for (const name of names) {
      await transport.request({ method: 'PUT', path: `/${name}`, body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }) });
    }
    const dry = await cleanIndices(transport, { numDays: 2, indexPrefix: prefix, now: () => now, dryRun: true });
    expect(dry.cutoffMs).toBe(Date.parse('2024-05-09T00:00:00Z'));
    expect(dry.deletedIndices).toEqual([
      `${prefix}-jaeger-service-2024-05-08`,
      `${prefix}-jaeger-span-2024-05-01`,
      `${prefix}-jaeger-span-2024-05-08`,
      `${prefix}-jaeger-span-2024-05-08-23`,
      `${prefix}-jaeger-spanmetrics-2024-05-08`,
    ]);
    expect(await indicesOf(transport, `${prefix}-*`)).toHaveLength(names.length);
    await cleanIndices(transport, { numDays: 2, indexPrefix: prefix, now: () => now });
    expect(await indicesOf(transport, `${prefix}-*`)).toEqual(
      [
        `${prefix}-jaeger-dependencies-2024-05-09`,
        `${prefix}-jaeger-span-2024-05-09`,
        `${prefix}-jaeger-span-2024-05-10`,
        `${prefix}-jaeger-span-notadate`,
        `${prefix}-jaeger-spanmetrics-2024-05-09`,
      ].sort(),
    );
  }, TIMEOUT_MS);

  it('index cleaner: removes trace locations of the deleted days, so old traces are not looked for there', async () => {
    const prefix = newPrefix('loc');
    const storage = await createElasticsearchStorage(testConfig(flavor, serviceAddress(env), prefix));
    try {
      const old = buildSpan(hexId(0x51, 1, 32), hexId(0x51, 1, 16), Date.parse('2020-01-01T00:00:00Z') * 1000, { serviceName: 'aged' });
      const fresh = buildSpan(hexId(0x51, 2, 32), hexId(0x51, 2, 16), Date.now() * 1000, { serviceName: 'aged' });
      await storage.createSpanWriter().writeSpans([old, fresh]);
      await storage.refresh();
      const result = await cleanIndices(transport, { numDays: 7, indexPrefix: prefix });
      expect(result.deletedIndices).toContain(`${prefix}-jaeger-span-2020-01-01`);
      expect(result.deletedIndices.some((name) => name.includes(new Date().toISOString().slice(0, 10)))).toBe(false);
      expect(result.deletedTraceLocations).toBe(1);
      await storage.refresh();
      expect(await storage.createSpanReader().getTrace(old.traceId)).toBeNull();
      expect((await storage.createSpanReader().getTrace(fresh.traceId))?.spans).toHaveLength(1);
    } finally {
      await storage.close();
    }
  }, TIMEOUT_MS);
});
