/**
 * @services cassandra
 */
import { loadConfig } from '@skein/runtime';
import { runConformanceSuite } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, dropKeyspaces } from '../schema/apply.js';
import { singleNodeSchema } from '../schema/params.js';
import { CassandraStorage } from './cassandra-storage.js';

const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });

/** A keyspace of its own per test, with Jaeger's schema applied by the schema tool (TTL 0 for the archive's). */
async function freshKeyspace(traceTtlSeconds = 3_600): Promise<string> {
  const keyspace = uniqueName('conf').toLowerCase();
  const params = singleNodeSchema(keyspace, traceTtlSeconds);
  await applySchema(connection, params);
  return keyspace;
}

runConformanceSuite(
  'cassandra',
  async () => {
    const [keyspace, archive] = await Promise.all([freshKeyspace(), freshKeyspace(0)]);
    return {
      storage: await CassandraStorage.open({ connection, keyspace, archive: { keyspace: archive } }),
      dispose: () => dropKeyspaces(connection, keyspace, archive),
    };
  },
  { slowTestTimeoutMs: 120_000 },
);
