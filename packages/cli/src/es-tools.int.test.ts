/**
 * @services opensearch, elasticsearch
 */
import { describe, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { runSkein } from './testing/run-skein.js';

const skein = runSkein;

async function aliases(url: string, prefix: string): Promise<Record<string, { aliases: Record<string, unknown> }>> {
  const response = await fetch(`${url}/${prefix}-jaeger-*/_alias`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, { aliases: Record<string, unknown> }>;
}

describe.each([
  ['opensearch', () => serviceAddress('OPENSEARCH_URL')],
  ['elasticsearch', () => serviceAddress('ELASTICSEARCH_URL')],
] as const)('skein es-* tools against %s', (flavor, urlOf) => {
  it('es-rollover init, rollover and lookback manage the aliases; es-index-cleaner removes the prefix\'s indices', async () => {
    const url = urlOf();
    const prefix = uniqueName('cli');
    const common = ['--es.index-prefix', prefix, '--es.num-replicas', '0', '--es.num-shards', '1'];
    const env = { SPAN_STORAGE_TYPE: flavor };
    try {
      const init = await skein(['es-rollover', 'init', url, ...common], env);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const afterInit = await aliases(url, prefix);
      expect(Object.keys(afterInit).sort()).toEqual([
        `${prefix}-jaeger-dependencies-000001`,
        `${prefix}-jaeger-service-000001`,
        `${prefix}-jaeger-span-000001`,
      ]);
      expect(Object.keys(afterInit[`${prefix}-jaeger-span-000001`]!.aliases).sort()).toEqual([
        `${prefix}-jaeger-span-read`,
        `${prefix}-jaeger-span-write`,
      ]);

      const rollover = await skein(['es-rollover', 'rollover', url, ...common, '--conditions', '{"max_docs":0}'], env);
      expect(rollover.code).toBe(0);
      const afterRollover = await aliases(url, prefix);
      // The old index stays in the write alias, no longer as its write index.
      expect(afterRollover[`${prefix}-jaeger-span-000002`]?.aliases[`${prefix}-jaeger-span-write`]).toEqual({ is_write_index: true });
      expect(afterRollover[`${prefix}-jaeger-span-000001`]?.aliases[`${prefix}-jaeger-span-write`]).toEqual({ is_write_index: false });

      const lookback = await skein(['es-rollover', 'lookback', url, ...common, '--unit', 'seconds', '--unit-count', '0'], env);
      expect(lookback.code).toBe(0);
      const afterLookback = await aliases(url, prefix);
      expect(afterLookback[`${prefix}-jaeger-span-000001`]?.aliases).not.toHaveProperty(`${prefix}-jaeger-span-read`);
      expect(afterLookback[`${prefix}-jaeger-span-000002`]?.aliases).toHaveProperty(`${prefix}-jaeger-span-read`);

      const dryRun = await skein(['es-index-cleaner', '0', url, '--es.index-prefix', prefix, '--rollover', 'true', '--dry-run', 'true'], env);
      expect(dryRun.code).toBe(0);
      expect(JSON.parse(dryRun.stdout)).toMatchObject({ dryRun: true, deletedIndices: expect.arrayContaining([`${prefix}-jaeger-span-000001`]) });
      expect(Object.keys(await aliases(url, prefix))).toContain(`${prefix}-jaeger-span-000001`);

      const clean = await skein(['es-index-cleaner', '0', url, '--es.index-prefix', prefix, '--rollover', 'true'], env);
      expect(clean.code).toBe(0);
      const remaining = Object.keys(await aliases(url, prefix));
      expect(remaining).not.toContain(`${prefix}-jaeger-span-000001`);
      expect(remaining).toContain(`${prefix}-jaeger-span-000002`);
    } finally {
      await fetch(`${url}/${prefix}-*`, { method: 'DELETE' });
      for (const name of ['span', 'service', 'dependencies']) {
        await fetch(`${url}/_index_template/${prefix}-jaeger-${name}`, { method: 'DELETE' });
      }
    }
  });
});

describe('skein es-* tools: arguments', () => {
  it('refuses a missing or unknown rollover action and a bad day count with exit 2 and the reason', async () => {
    const noAction = await skein(['es-rollover']);
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toContain('the action must be init, rollover or lookback, got none');
    expect((await skein(['es-rollover', 'shrink'])).stderr).toContain('got "shrink"');
    const badDays = await skein(['es-index-cleaner', 'ten']);
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('the number of days to keep');
    const badFlag = await skein(['es-mappings', '--es.num-shards', '0']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--es\.num-shards: "0" is not a whole number from 1/);
  });

  it('es-mappings prints one PUT _index_template request per index family, with the Kibana aliases', async () => {
    const result = await skein(['es-mappings', '--es.index-prefix', 'prod']);
    expect(result.code).toBe(0);
    const requests = result.stdout.match(/^PUT _index_template\/\S+$/gm) ?? [];
    expect(requests).toEqual(expect.arrayContaining(['PUT _index_template/prod-jaeger-span', 'PUT _index_template/prod-jaeger-service', 'PUT _index_template/prod-jaeger-dependencies']));
    // Kibana's join field: trace.id as an alias of traceID.
    expect(result.stdout).toMatch(/"trace": \{\s*"properties": \{\s*"id": \{\s*"type": "alias",\s*"path": "traceID"/);
  });
});
