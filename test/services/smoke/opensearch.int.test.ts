/**
 * @services opensearch
 */
import { describe, it } from '@jest/globals';
import { Client } from '@opensearch-project/opensearch';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { templateBulkSearch } from './search-smoke.js';

describe('OpenSearch test server', () => {
  it('applies an index template, bulk-indexes and searches', async () => {
    const client = new Client({ node: serviceAddress('OPENSEARCH_URL') });
    try {
      await templateBulkSearch(client as never, uniqueName('smoke'));
    } finally {
      await client.close();
    }
  });
});
