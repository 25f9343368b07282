/**
 * @services elasticsearch
 */
import { describe, it } from '@jest/globals';
import { Client } from '@elastic/elasticsearch';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { templateBulkSearch } from './search-smoke.js';

describe('Elasticsearch test server', () => {
  it('applies an index template, bulk-indexes and searches (v8 client sending plain JSON to 7.17)', async () => {
    // Elasticsearch 7 rejects the v8 client's `compatible-with=8` media type; plain JSON works on 7, 8 and 9.
    const client = new Client({
      node: serviceAddress('ELASTICSEARCH_URL'),
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
    try {
      await templateBulkSearch(client as never, uniqueName('smoke'));
    } finally {
      await client.close();
    }
  });
});
