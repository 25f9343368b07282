import type { Client, QueryOptions, types } from 'cassandra-driver';
import { StorageError } from '@skein/storage';

/** A prepared statement whose failure says what the store was doing: `${what} in Cassandra failed: …`. */
export async function execute(client: Client, query: string, params: unknown[], what: string, options: QueryOptions = {}): Promise<types.ResultSet> {
  try {
    return await client.execute(query, params, { prepare: true, ...options });
  } catch (error) {
    throw new StorageError(`${what} in Cassandra failed: ${(error as Error).message}`, { cause: error });
  }
}
