import { expect } from '@jest/globals';

/** What the smoke test needs from either official client: both expose the same REST calls. */
export interface SearchClientLike {
  indices: {
    putIndexTemplate(params: object): Promise<unknown>;
    refresh(params: object): Promise<unknown>;
    get(params: object): Promise<unknown>;
    delete(params: object): Promise<unknown>;
    deleteIndexTemplate(params: object): Promise<unknown>;
  };
  bulk(params: object): Promise<unknown>;
  search(params: object): Promise<unknown>;
}

/** Body of a response: the OpenSearch client wraps it in `{ body }`, the Elasticsearch v8 client does not. */
const bodyOf = <T>(response: unknown): T =>
  (response && typeof response === 'object' && 'body' in response ? (response as { body: T }).body : response) as T;

/** Index template → bulk → search, asserting the template's mapping was applied and the documents are found. */
export async function templateBulkSearch(client: SearchClientLike, prefix: string): Promise<void> {
  const template = `${prefix}-template`;
  const index = `${prefix}-span-2026-11-21`;
  await client.indices.putIndexTemplate({
    name: template,
    body: {
      index_patterns: [`${prefix}-span-*`],
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { properties: { traceID: { type: 'keyword' }, duration: { type: 'long' }, operationName: { type: 'keyword' } } },
      },
    },
  });
  const docs = Array.from({ length: 50 }, (_, i) => ({ traceID: `trace-${i % 10}`, duration: i * 1000, operationName: `op-${i % 3}` }));
  const bulk = bodyOf<{ errors: boolean; items: unknown[] }>(
    await client.bulk({ refresh: 'wait_for', body: docs.flatMap((doc) => [{ index: { _index: index } }, doc]) }),
  );
  expect(bulk.errors).toBe(false);
  expect(bulk.items).toHaveLength(50);

  const mapping = bodyOf<Record<string, { mappings: { properties: Record<string, { type: string }> } }>>(
    await client.indices.get({ index }),
  );
  expect(mapping[index]?.mappings.properties['traceID']?.type).toBe('keyword');

  const found = bodyOf<{ hits: { total: { value: number }; hits: Array<{ _source: { traceID: string } }> } }>(
    await client.search({ index, body: { query: { bool: { filter: [{ term: { traceID: 'trace-3' } }, { range: { duration: { gte: 10_000 } } }] } } } }),
  );
  expect(found.hits.total.value).toBe(4);
  expect(found.hits.hits.every((hit) => hit._source.traceID === 'trace-3')).toBe(true);

  await client.indices.delete({ index });
  await client.indices.deleteIndexTemplate({ name: template });
}
