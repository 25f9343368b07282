/**
 * @services opensearch, elasticsearch, cassandra
 */
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { applySchema, cassandraConnectionOptions, singleNodeSchema } from '@skein/storage-cassandra';
import { openStorage, storageOptions } from './registry.js';
import { span } from './testing/span.js';

describe.each([
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
] as const)('opening %s through the registry', (type, urlEnv) => {
  it('reads ES_* options as Jaeger names them, writes and reads back', async () => {
    const prefix = uniqueName('backends');
    const values = loadConfig(storageOptions(), {}, {
      ES_SERVER_URLS: serviceAddress(urlEnv),
      ES_INDEX_PREFIX: prefix,
      ES_NUM_REPLICAS: '0',
      ES_NUM_SHARDS: '1',
    });
    const storage = await openStorage(type, values);
    try {
      const written = span('0000000000000000000000000000beef', '00000000000000aa');
      await storage.createSpanWriter().writeSpans([written]);
      await fetch(`${serviceAddress(urlEnv)}/${prefix}-*/_refresh`, { method: 'POST' });
      const trace = await storage.createSpanReader().getTrace(written.traceId);
      expect(trace?.spans.map((s) => [s.spanId, s.operationName, s.process.serviceName])).toEqual([['00000000000000aa', 'GET /registry', 'registry-test']]);
      const indices = (await (await fetch(`${serviceAddress(urlEnv)}/_cat/indices/${prefix}-*?format=json`)).json()) as Array<{ index: string }>;
      expect(indices.map((i) => i.index).some((name) => name.startsWith(`${prefix}-jaeger-span-`))).toBe(true);
    } finally {
      await storage.close();
      await fetch(`${serviceAddress(urlEnv)}/${prefix}-*`, { method: 'DELETE' });
    }
  });
});

describe('opening cassandra through the registry', () => {
  const env = (keyspace: string) => ({ CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS'), CASSANDRA_KEYSPACE: keyspace });

  it("reads CASSANDRA_* options as Jaeger names them, writes and reads back in the schema tool's keyspace", async () => {
    const keyspace = uniqueName('backends').toLowerCase();
    const connection = loadConfig(cassandraConnectionOptions, {}, env(keyspace));
    await applySchema(connection, singleNodeSchema(keyspace, 3_600));
    const storage = await openStorage('cassandra', loadConfig(storageOptions(), {}, env(keyspace)));
    try {
      const written = span('0000000000000000000000000000beef', '00000000000000aa');
      await storage.createSpanWriter().writeSpans([written]);
      const trace = await storage.createSpanReader().getTrace(written.traceId);
      expect(trace?.spans.map((s) => [s.spanId, s.operationName, s.process.serviceName])).toEqual([['00000000000000aa', 'GET /registry', 'registry-test']]);
      expect(await storage.createSpanReader().getServices()).toEqual(['registry-test']);
    } finally {
      await storage.close();
    }
  });

  it('opens the archive keyspace with --cassandra-archive.enabled, and names it when it is missing', async () => {
    const keyspace = uniqueName('backends').toLowerCase();
    const archive = uniqueName('archive').toLowerCase();
    const connection = loadConfig(cassandraConnectionOptions, {}, env(keyspace));
    for (const [name, ttl] of [[keyspace, 3_600], [archive, 0]] as const) {
      await applySchema(connection, singleNodeSchema(name, ttl));
    }
    const storage = await openStorage('cassandra', loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_ARCHIVE_ENABLED: 'true', CASSANDRA_ARCHIVE_KEYSPACE: archive }));
    try {
      expect(storage.capabilities.archive).toBe(true);
      const written = span('0000000000000000000000000000cafe', '00000000000000ab');
      await storage.createArchiveSpanWriter!().writeSpans([written]);
      expect((await storage.createArchiveSpanReader!().getTrace(written.traceId))?.spans).toHaveLength(1);
      expect(await storage.createSpanReader().getTrace(written.traceId)).toBeNull();
    } finally {
      await storage.close();
    }
    await expect(openStorage('cassandra', loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_ARCHIVE_ENABLED: 'true', CASSANDRA_ARCHIVE_KEYSPACE: 'no_such_archive' }))).rejects.toThrow(
      'cannot open the Cassandra archive: keyspace no_such_archive does not exist',
    );
  });

  it('refuses a keyspace without the schema, saying how to create it', async () => {
    const keyspace = uniqueName('absent').toLowerCase();
    await expect(openStorage('cassandra', loadConfig(storageOptions(), {}, env(keyspace)))).rejects.toThrow(
      `keyspace ${keyspace} does not exist in Cassandra at ${serviceAddress('CASSANDRA_CONTACT_POINTS')}: create it with`,
    );
  });

  it('takes --cassandra.consistency, and says when TLS settings cannot work', async () => {
    const keyspace = uniqueName('backends').toLowerCase();
    await applySchema(loadConfig(cassandraConnectionOptions, {}, env(keyspace)), singleNodeSchema(keyspace, 3_600));
    const quorum = await openStorage('cassandra', loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_CONSISTENCY: 'QUORUM' }));
    try {
      const written = span('0000000000000000000000000000c0de', '00000000000000ac');
      await quorum.createSpanWriter().writeSpans([written]);
      expect((await quorum.createSpanReader().getTrace(written.traceId))?.spans).toHaveLength(1);
    } finally {
      await quorum.close();
    }
    expect(() => loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_CONSISTENCY: 'MOST' })).toThrow('CASSANDRA_CONSISTENCY');
    await expect(openStorage('cassandra', loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_TLS_ENABLED: 'true', CASSANDRA_TLS_CERT: '/etc/hostname' }))).rejects.toThrow(
      '--cassandra.tls.cert and --cassandra.tls.key go together',
    );
    await expect(openStorage('cassandra', loadConfig(storageOptions(), {}, { ...env(keyspace), CASSANDRA_TLS_ENABLED: 'true', CASSANDRA_CONNECT_TIMEOUT: '2000' }))).rejects.toThrow(
      `cannot open Cassandra storage (keyspace ${keyspace}, Cassandra at ${serviceAddress('CASSANDRA_CONTACT_POINTS')})`,
    );
  }, 60_000);

  it('refuses both a tag blacklist and a whitelist', async () => {
    const values = loadConfig(storageOptions(), {}, { ...env('jaeger_v1_test'), CASSANDRA_INDEX_TAG_BLACKLIST: 'a', CASSANDRA_INDEX_TAG_WHITELIST: 'b' });
    await expect(openStorage('cassandra', values)).rejects.toThrow('exclude each other');
  });
});
