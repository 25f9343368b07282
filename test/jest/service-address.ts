/**
 * The address of a server the global setup provided. A test that reaches for a server it did not declare with
 * `@services` fails here with the fix, instead of skipping or hanging.
 */
export function serviceAddress(envName: 'KAFKA_BROKERS' | 'OPENSEARCH_URL' | 'ELASTICSEARCH_URL' | 'CASSANDRA_CONTACT_POINTS'): string {
  const value = process.env[envName];
  if (!value) {
    throw new Error(`${envName} is not set: declare the server in the test file's docblock (e.g. " * @services kafka")`);
  }
  return value;
}

/** A name no other test run or file will use, for topics, indices and keyspaces on shared servers. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
