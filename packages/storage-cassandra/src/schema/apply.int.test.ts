/**
 * @services cassandra
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, cassandraClient, dropKeyspaces } from './apply.js';
import { resolveSchemaParams } from './params.js';

const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });
const keyspace = uniqueName('schema').toLowerCase();
const params = resolveSchemaParams({
  mode: 'test',
  datacenter: undefined,
  traceTtlSeconds: 3_600,
  dependenciesTtlSeconds: 86_400,
  keyspace,
  replication: undefined,
  replicationFactor: undefined,
  compactionWindow: '2h',
});

const TABLES = ['dependencies_v2', 'duration_index', 'leases', 'operation_names_v2', 'operation_throughput', 'sampling_probabilities', 'service_name_index', 'service_names', 'service_operation_index', 'skein_span_metrics', 'tag_index', 'traces'];

describe("applying Jaeger's v004 schema to Cassandra 5", () => {
  afterAll(async () => {
    await dropKeyspaces(connection, keyspace);
  });

  it('creates every table, and applying again changes nothing', async () => {
    const first = await applySchema(connection, params);
    expect(first).toEqual({ keyspace, statements: 18, tables: TABLES });
    const again = await applySchema(connection, params);
    expect(again).toEqual(first);
  }, 120_000);

  it("has Jaeger's column types, UDT fields and table options, as Cassandra reports them", async () => {
    const client = await cassandraClient(connection);
    try {
      const columns = await client.execute('SELECT column_name, type, kind FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, 'traces'], { prepare: true });
      const types = Object.fromEntries(columns.rows.map((row) => [row['column_name'], `${row['kind']} ${row['type']}`]));
      expect(types).toEqual({
        trace_id: 'partition_key blob',
        span_id: 'clustering bigint',
        span_hash: 'clustering bigint',
        parent_id: 'regular bigint',
        operation_name: 'regular text',
        flags: 'regular int',
        start_time: 'regular bigint',
        duration: 'regular bigint',
        tags: 'regular list<frozen<keyvalue>>',
        logs: 'regular list<frozen<log>>',
        refs: 'regular list<frozen<span_ref>>',
        process: 'regular frozen<process>',
      });
      const udt = await client.execute('SELECT field_names, field_types FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?', [keyspace, 'keyvalue'], { prepare: true });
      expect(udt.rows[0]?.['field_names']).toEqual(['key', 'value_type', 'value_string', 'value_bool', 'value_long', 'value_double', 'value_binary']);
      expect(udt.rows[0]?.['field_types']).toEqual(['text', 'text', 'text', 'boolean', 'bigint', 'double', 'blob']);
      const options = await client.execute('SELECT table_name, default_time_to_live, compaction FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], { prepare: true });
      const byTable = new Map(options.rows.map((row) => [String(row['table_name']), row]));
      expect(byTable.get('traces')?.['default_time_to_live']).toBe(3_600);
      expect(byTable.get('tag_index')?.['default_time_to_live']).toBe(3_600);
      expect(byTable.get('dependencies_v2')?.['default_time_to_live']).toBe(86_400);
      expect(byTable.get('leases')?.['default_time_to_live']).toBe(0);
      expect(byTable.get('traces')?.['compaction']).toMatchObject({ class: 'org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy', compaction_window_size: '2', compaction_window_unit: 'HOURS' });
      const order = await client.execute('SELECT column_name, clustering_order FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, 'duration_index'], { prepare: true });
      expect(Object.fromEntries(order.rows.filter((row) => row['clustering_order'] !== 'none').map((row) => [row['column_name'], row['clustering_order']]))).toEqual({ duration: 'desc', start_time: 'desc', trace_id: 'asc' });
    } finally {
      await client.shutdown();
    }
  });

  it('says which hosts it could not reach', async () => {
    const nowhere = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: '127.0.0.1:1', CASSANDRA_CONNECT_TIMEOUT: '1000' });
    await expect(applySchema(nowhere, params)).rejects.toThrow('cannot reach Cassandra at 127.0.0.1:1: 127.0.0.1:1');
  });

  it('passes on what Cassandra refuses, with the statement', async () => {
    const bad = { ...params, keyspace: uniqueName('bad').toLowerCase(), replication: "{'class': 'NoSuchStrategy'}" };
    await expect(applySchema(connection, bad)).rejects.toThrow(`Cassandra refused "CREATE KEYSPACE IF NOT EXISTS ${bad.keyspace}`);
  });
});
