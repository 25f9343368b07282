/**
 * @services cassandra
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { buildSpan, hexId } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, cassandraClient, dropKeyspaces } from '../schema/apply.js';
import { singleNodeSchema } from '../schema/params.js';
import { CassandraStorage } from './cassandra-storage.js';

const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });
const keyspace = uniqueName('hourly').toLowerCase();
const jaegerOnly = uniqueName('nohourly').toLowerCase();
const HOUR = 3_600_000_000;
const now = Date.now() * 1000;

const schema = (name: string, tagIndexHourly: boolean) =>
  applySchema(connection, singleNodeSchema(name, 86_400, { tagIndexHourly }));

beforeAll(async () => {
  await schema(keyspace, true);
  await schema(jaegerOnly, false);
}, 60_000);
afterAll(() => dropKeyspaces(connection, keyspace, jaegerOnly), 120_000);

describe('the hourly tag index (--cassandra.index.tag-index-hourly)', () => {
  it('finds traces by tag across hourly partitions, newest first, and leaves Jaeger\'s tag_index empty', async () => {
    const storage = await CassandraStorage.open({ connection, keyspace, tagIndexHourly: true });
    try {
      const spans = [0, 1, 2, 30].map((hoursAgo, i) =>
        buildSpan(hexId(0x40, i + 1, 32), hexId(0x40, i + 1, 16), now - hoursAgo * HOUR, { serviceName: 'hourly', tags: [{ key: 'http.method', type: 'string', value: 'GET' }] }),
      );
      await storage.createSpanWriter().writeSpans(spans);
      const reader = storage.createSpanReader();
      const window = { startTimeMin: now - 3 * HOUR, startTimeMax: now + 1 };
      expect(await reader.findTraceIds({ serviceName: 'hourly', tags: { 'http.method': 'GET' }, ...window })).toEqual(spans.slice(0, 3).map((s) => s.traceId));
      expect(await reader.findTraceIds({ serviceName: 'hourly', tags: { 'http.method': 'GET' }, ...window, limit: 2 })).toEqual(spans.slice(0, 2).map((s) => s.traceId));
      // Older than the first 24 hourly partitions read together: found in the next round.
      expect(await reader.findTraceIds({ serviceName: 'hourly', tags: { 'http.method': 'GET' }, startTimeMin: now - 31 * HOUR, startTimeMax: now + 1 })).toEqual(spans.map((s) => s.traceId));
      const client = await cassandraClient(connection, keyspace);
      try {
        expect((await client.execute('SELECT COUNT(*) FROM tag_index')).rows[0]!['count'].toString()).toBe('0');
        expect(Number((await client.execute('SELECT COUNT(*) FROM tag_index_hourly')).rows[0]!['count'])).toBeGreaterThan(0);
      } finally {
        await client.shutdown();
      }
    } finally {
      await storage.close();
    }
  });

  it('refuses a keyspace made without TAG_INDEX_HOURLY, naming the command', async () => {
    await expect(CassandraStorage.open({ connection, keyspace: jaegerOnly, tagIndexHourly: true })).rejects.toThrow(
      `keyspace ${jaegerOnly} in Cassandra at ${serviceAddress('CASSANDRA_CONTACT_POINTS')} lacks the tables tag_index_hourly: apply the schema with \`TAG_INDEX_HOURLY=true skein cassandra-schema apply\``,
    );
  });
});
