/**
 * @services opensearch, elasticsearch
 */
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { openStorage, storageOptions } from './registry.js';
import { span } from './testing/span.js';

describe.each([
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
] as const)('opening %s through the registry', (type, urlEnv) => {
  it('reads ES_* options as Jaeger names them, writes and reads back', async () => {
    const prefix = uniqueName('backends');
    const values = loadConfig(storageOptions(), {}, {
      ES_SERVER_URLS: serviceAddress(urlEnv),
      ES_INDEX_PREFIX: prefix,
      ES_NUM_REPLICAS: '0',
      ES_NUM_SHARDS: '1',
    });
    const storage = await openStorage(type, values);
    try {
      const written = span('0000000000000000000000000000beef', '00000000000000aa');
      await storage.createSpanWriter().writeSpans([written]);
      await fetch(`${serviceAddress(urlEnv)}/${prefix}-*/_refresh`, { method: 'POST' });
      const trace = await storage.createSpanReader().getTrace(written.traceId);
      expect(trace?.spans.map((s) => [s.spanId, s.operationName, s.process.serviceName])).toEqual([['00000000000000aa', 'GET /registry', 'registry-test']]);
      const indices = (await (await fetch(`${serviceAddress(urlEnv)}/_cat/indices/${prefix}-*?format=json`)).json()) as Array<{ index: string }>;
      expect(indices.map((i) => i.index).some((name) => name.startsWith(`${prefix}-jaeger-span-`))).toBe(true);
    } finally {
      await storage.close();
      await fetch(`${serviceAddress(urlEnv)}/${prefix}-*`, { method: 'DELETE' });
    }
  });
});
