/**
 * @services cassandra
 */
import { describe, expect, it } from '@jest/globals';
import cassandraDriver from 'cassandra-driver';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';

describe('Cassandra test server', () => {
  it('creates a keyspace, inserts and selects', async () => {
    const client = new cassandraDriver.Client({ contactPoints: [serviceAddress('CASSANDRA_CONTACT_POINTS')], localDataCenter: 'datacenter1',
      // Schema changes on a node that is still warming up beside other JVMs outlast the driver's 12 s default.
      socketOptions: { readTimeout: 60_000 },
    });
    const keyspace = uniqueName('smoke');
    await client.connect();
    try {
      await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
      await client.execute(`CREATE TABLE ${keyspace}.traces (trace_id blob, span_id bigint, operation_name text, PRIMARY KEY (trace_id, span_id))`);
      const traceId = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex');
      const insert = `INSERT INTO ${keyspace}.traces (trace_id, span_id, operation_name) VALUES (?, ?, ?)`;
      for (const [spanId, op] of [[1n, 'GET /'], [2n, 'SELECT'], [9223372036854775807n, 'max']] as const) {
        await client.execute(insert, [traceId, cassandraDriver.types.Long.fromString(spanId.toString()), op], { prepare: true });
      }
      const rows = (await client.execute(`SELECT span_id, operation_name FROM ${keyspace}.traces WHERE trace_id = ?`, [traceId], { prepare: true })).rows;
      expect(rows.map((row) => [String(row['span_id']), row['operation_name']])).toEqual([
        ['1', 'GET /'],
        ['2', 'SELECT'],
        ['9223372036854775807', 'max'],
      ]);
    } finally {
      await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await client.shutdown();
    }
  });
});
