import type { StorageFactory } from '@skein/storage';
import type { CassandraStorageOptions } from './store/cassandra-storage.js';
export { cassandraConnectionOptions, contactPoints, type CassandraConnectionConfig } from './connection-options.js';
export { applySchema, cassandraClient, dropKeyspaces, type AppliedSchema } from './schema/apply.js';
export { schemaScript, schemaStatements, SCHEMA_VERSION } from './schema/cql.js';
export { schemaOptions } from './schema/options.js';
export { resolveSchemaParams, singleNodeSchema, SchemaParamsError, type SchemaInputs, type SchemaParams } from './schema/params.js';
export type { CassandraStorageOptions } from './store/cassandra-storage.js';
export type { TagIndexFilter } from './store/index-rows.js';

/** Opens the Cassandra span store; the driver and the store load on this first call, not with the package. */
export async function openCassandraStorage(options: CassandraStorageOptions): Promise<StorageFactory> {
  const { CassandraStorage } = await import('./store/cassandra-storage.js');
  return CassandraStorage.open(options);
}
