import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { Client } from 'cassandra-driver';
import { contactPoints, type CassandraConnectionConfig } from '../connection-options.js';
import { schemaStatements } from './cql.js';
import type { SchemaParams } from './params.js';

/**
 * How long one schema change may take. Cassandra answers a DDL statement only once every node has it, which on a
 * busy cluster (or a node still warming up) takes far longer than the driver's 12 s default for queries.
 */
const SCHEMA_CHANGE_TIMEOUT_MS = 60_000;

export interface AppliedSchema {
  keyspace: string;
  statements: number;
  /** Tables of the keyspace after applying, by name. */
  tables: string[];
}

/**
 * A Cassandra client for the connection settings; the caller connects and shuts it down. The driver is loaded here,
 * on first use, so that commands which never talk to Cassandra do not pay for loading it.
 */
export async function cassandraClient(config: CassandraConnectionConfig, keyspace?: string): Promise<Client> {
  const { default: cassandra } = await import('cassandra-driver');
  const consistency = cassandra.types.consistencies[consistencyName(config.consistency)];
  return new cassandra.Client({
    queryOptions: { consistency },
    pooling: { coreConnectionsPerHost: { [cassandra.types.distance.local]: config.connectionsPerHost, [cassandra.types.distance.remote]: 1 } },
    ...(config.tlsEnabled ? { sslOptions: tlsOptionsOf(config) } : {}),
    contactPoints: contactPoints(config),
    ...(config.localDc
      ? { localDataCenter: config.localDc }
      : // Without a local datacenter the driver's default policy refuses to start; spread over every node instead.
        { policies: { loadBalancing: new cassandra.policies.loadBalancing.RoundRobinPolicy() } }),
    ...(config.username ? { credentials: { username: config.username, password: config.password } } : {}),
    ...(keyspace ? { keyspace } : {}),
    socketOptions: { connectTimeout: config.connectTimeoutMs },
  });
}

/**
 * Runs the schema's statements in order. Each is `IF NOT EXISTS`, so applying to a keyspace that has the schema
 * changes nothing; the driver waits for the nodes to agree on the schema after each one.
 */
export async function applySchema(config: CassandraConnectionConfig, params: SchemaParams): Promise<AppliedSchema> {
  const client = await cassandraClient(config);
  try {
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot reach Cassandra at ${contactPoints(config).join(', ')}: ${messageOf(error)}`, { cause: error });
    }
    const statements = schemaStatements(params);
    for (const statement of statements) {
      try {
        await client.execute(statement, [], { readTimeout: SCHEMA_CHANGE_TIMEOUT_MS });
      } catch (error) {
        throw new Error(`Cassandra refused "${statement.split('\n')[0]}": ${messageOf(error)}`, { cause: error });
      }
    }
    const tables = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [params.keyspace], { prepare: true });
    return { keyspace: params.keyspace, statements: statements.length, tables: tables.rows.map((row) => String(row['table_name'])).sort() };
  } finally {
    await client.shutdown();
  }
}

/** Drops the keyspaces that exist among `keyspaces` (test and benchmark clean-up). */
export async function dropKeyspaces(config: CassandraConnectionConfig, ...keyspaces: string[]): Promise<void> {
  const client = await cassandraClient(config);
  try {
    for (const keyspace of keyspaces) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: SCHEMA_CHANGE_TIMEOUT_MS });
  } finally {
    await client.shutdown();
  }
}

/** `LOCAL_QUORUM` → the driver's `localQuorum`. */
function consistencyName(level: CassandraConnectionConfig['consistency']): 'localOne' {
  return level.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as 'localOne';
}

function tlsOptionsOf(config: CassandraConnectionConfig): ConnectionOptions {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read the Cassandra TLS ${what} ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) throw new Error('--cassandra.tls.cert and --cassandra.tls.key go together: set both or neither');
  return {
    rejectUnauthorized: !config.tlsSkipHostVerify,
    ...(config.tlsCa ? { ca: read(config.tlsCa, 'CA') } : {}),
    ...(config.tlsCert ? { cert: read(config.tlsCert, 'certificate'), key: read(config.tlsKey, 'key') } : {}),
    ...(config.tlsServerName ? { servername: config.tlsServerName } : {}),
  };
}

function messageOf(error: unknown): string {
  // The driver's NoHostAvailableError keeps each host's own reason apart.
  const inner = (error as { innerErrors?: Record<string, Error> } | undefined)?.innerErrors;
  if (inner && Object.keys(inner).length > 0) return Object.entries(inner).map(([host, reason]) => `${host}: ${reason.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}
