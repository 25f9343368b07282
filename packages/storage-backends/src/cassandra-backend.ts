import { option, parseBoolean, parseDurationMs, parseList, type Option } from '@skein/runtime';
import { cassandraConnectionOptions, openCassandraStorage, type CassandraConnectionConfig } from '@skein/storage-cassandra';
import type { StorageBackend } from './backend.js';

/** The connection options under keys of their own (`cassandraServers`, …): every store's options share one table. */
const connectionKeys = Object.keys(cassandraConnectionOptions) as Array<keyof typeof cassandraConnectionOptions>;
const prefixed = (key: string): string => `cassandra${key[0]!.toUpperCase()}${key.slice(1)}`;

export const cassandraOptions = {
  cassandraArchiveEnabled: option({ flag: 'cassandra-archive.enabled', description: 'keep archived traces (POST /api/archive/{id}) in --cassandra-archive.keyspace', parse: parseBoolean, defaultValue: false }),
  cassandraArchiveKeyspace: option({
    flag: 'cassandra-archive.keyspace',
    description: 'keyspace of archived traces, created by skein cassandra-schema apply with TRACE_TTL=0 so they do not expire',
    parse: (raw: string) => raw.trim(),
    defaultValue: 'jaeger_v1_archive',
    valueName: '<keyspace>',
  }),
  cassandraArchiveServers: option({
    flag: 'cassandra-archive.servers',
    description: "the archive's Cassandra hosts; empty: the span store's (--cassandra.servers)",
    parse: parseList,
    defaultValue: [] as string[],
    valueName: '<host,…>',
  }),
  ...(Object.fromEntries(connectionKeys.map((key) => [prefixed(key), cassandraConnectionOptions[key]])) as Record<string, Option<unknown>>),
  cassandraKeyspace: option({
    flag: 'cassandra.keyspace',
    description: 'keyspace of the spans (create it with skein cassandra-schema apply)',
    parse: (raw: string) => {
      if (!/^[a-zA-Z0-9_]{1,48}$/.test(raw.trim())) throw new Error('a keyspace name is 1–48 letters, digits or underscores');
      return raw.trim();
    },
    defaultValue: 'jaeger_v1_test',
    valueName: '<keyspace>',
  }),
  cassandraIndexTags: option({ flag: 'cassandra.index.tags', description: 'index span tags for search', parse: parseBoolean, defaultValue: true }),
  cassandraIndexLogs: option({ flag: 'cassandra.index.logs', description: 'index log fields for search', parse: parseBoolean, defaultValue: true }),
  cassandraIndexProcessTags: option({ flag: 'cassandra.index.process-tags', description: 'index process tags for search', parse: parseBoolean, defaultValue: true }),
  cassandraIndexTagBlacklist: option({ flag: 'cassandra.index.tag-blacklist', description: 'comma-separated tag keys never indexed', parse: parseList, defaultValue: [] as string[], valueName: '<key,…>' }),
  cassandraIndexTagWhitelist: option({ flag: 'cassandra.index.tag-whitelist', description: 'comma-separated tag keys; when set, only these are indexed', parse: parseList, defaultValue: [] as string[], valueName: '<key,…>' }),
  cassandraIndexTagIndexHourly: option({
    flag: 'cassandra.index.tag-index-hourly',
    description: "keep tag rows in tag_index_hourly (hourly partitions, no hot partitions; needs TAG_INDEX_HOURLY=true skein cassandra-schema) instead of Jaeger's tag_index, which Jaeger's reader then cannot search by tag; a tag search without a start time reads the service index instead",
    parse: parseBoolean,
    defaultValue: false,
  }),
  cassandraWriteCacheTtl: option({
    flag: 'cassandra.span-store-write-cache-ttl',
    description: 'how long a written service or operation name is not written again',
    parse: parseDurationMs,
    defaultValue: 12 * 3_600_000,
    valueName: '<duration>',
  }),
};

export const cassandraBackend: StorageBackend = {
  name: 'cassandra',
  summary: "Jaeger's v004 keyspace on Cassandra (CASSANDRA_SERVERS, CASSANDRA_KEYSPACE)",
  options: cassandraOptions,
  async open(values) {
    const blacklist = values['cassandraIndexTagBlacklist'] as string[];
    const whitelist = values['cassandraIndexTagWhitelist'] as string[];
    if (blacklist.length > 0 && whitelist.length > 0) {
      throw new Error('--cassandra.index.tag-blacklist and --cassandra.index.tag-whitelist exclude each other: set one of them');
    }
    const connection = Object.fromEntries(connectionKeys.map((key) => [key, values[prefixed(key)]])) as CassandraConnectionConfig;
    const archiveServers = values['cassandraArchiveServers'] as string[];
    return openCassandraStorage({
      connection,
      ...(values['cassandraArchiveEnabled']
        ? { archive: { keyspace: values['cassandraArchiveKeyspace'] as string, ...(archiveServers.length > 0 ? { connection: { ...connection, servers: archiveServers } } : {}) } }
        : {}),
      keyspace: values['cassandraKeyspace'] as string,
      tagIndex: {
        tags: values['cassandraIndexTags'] as boolean,
        logs: values['cassandraIndexLogs'] as boolean,
        processTags: values['cassandraIndexProcessTags'] as boolean,
        blacklist: new Set(blacklist),
        whitelist: new Set(whitelist),
      },
      nameCacheTtlMs: values['cassandraWriteCacheTtl'] as number,
      tagIndexHourly: values['cassandraIndexTagIndexHourly'] as boolean,
    });
  },
};
