export { cassandraConnectionOptions, contactPoints, type CassandraConnectionConfig } from './connection-options.js';
export { applySchema, cassandraClient, type AppliedSchema } from './schema/apply.js';
export { schemaScript, schemaStatements, SCHEMA_VERSION } from './schema/cql.js';
export { schemaOptions } from './schema/options.js';
export { resolveSchemaParams, SchemaParamsError, type SchemaInputs, type SchemaParams } from './schema/params.js';
