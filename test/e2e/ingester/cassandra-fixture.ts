import cassandra from 'cassandra-driver';
import { loadConfig } from '@skein/runtime';
import { applySchema, cassandraClient, cassandraConnectionOptions, dropKeyspaces, singleNodeSchema } from '@skein/storage-cassandra';
import { uniqueName } from '../../jest/service-address.js';

/** A keyspace of its own with Jaeger's schema (applied by the schema tool), and direct reads of its `traces`. */
export class CassandraFixture {
  readonly keyspace: string;
  #client: cassandra.Client | undefined;

  constructor(
    readonly address: string,
    prefix: string,
  ) {
    this.keyspace = uniqueName(prefix).toLowerCase();
  }

  private get connection() {
    return loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: this.address });
  }

  async create(traceTtlSeconds = 3_600, keyspace = this.keyspace): Promise<string> {
    await applySchema(this.connection, singleNodeSchema(keyspace, traceTtlSeconds));
    return keyspace;
  }

  async client(): Promise<cassandra.Client> {
    if (!this.#client) {
      this.#client = await cassandraClient(this.connection);
      await this.#client.connect();
    }
    return this.#client;
  }

  /** `traceID/spanID` of every stored span row (a span stored twice under two hashes counts twice). */
  async spanKeys(): Promise<string[]> {
    const client = await this.client();
    const keys: string[] = [];
    let pageState: string | undefined;
    do {
      const page = await client.execute(`SELECT trace_id, span_id FROM ${this.keyspace}.traces`, [], { fetchSize: 5_000, readTimeout: 60_000, ...(pageState ? { pageState } : {}) });
      for (const row of page.rows) keys.push(`${(row['trace_id'] as Buffer).toString('hex')}/${(row['span_id'] as cassandra.types.Long).toUnsigned().toString(16).padStart(16, '0')}`);
      pageState = page.pageState ?? undefined;
    } while (pageState);
    return keys;
  }

  async cleanup(...keyspaces: string[]): Promise<void> {
    await this.#client?.shutdown();
    this.#client = undefined;
    await dropKeyspaces(this.connection, this.keyspace, ...keyspaces);
  }
}
