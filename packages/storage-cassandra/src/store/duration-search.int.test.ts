/**
 * @services cassandra
 */
import { afterAll, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { buildSpan, hexId } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, dropKeyspaces } from '../schema/apply.js';
import { singleNodeSchema } from '../schema/params.js';
import { CassandraStorage } from './cassandra-storage.js';

const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });
const keyspace = uniqueName('duration').toLowerCase();
const HOUR = 3_600_000_000;

afterAll(() => dropKeyspaces(connection, keyspace), 60_000);

it('searches a duration range in a window through duration_index, across hourly buckets, newest first', async () => {
  await applySchema(connection, singleNodeSchema(keyspace, 86_400));
  const storage = await CassandraStorage.open({ connection, keyspace });
  try {
    const now = Date.now() * 1000;
    const spans = [
      { hoursAgo: 0, duration: 5_000, operation: 'GET /a' },
      { hoursAgo: 1, duration: 9_000, operation: 'GET /a' },
      { hoursAgo: 2, duration: 7_000, operation: 'GET /b' },
      { hoursAgo: 3, duration: 100, operation: 'GET /a' },
      { hoursAgo: 50, duration: 8_000, operation: 'GET /a' },
    ].map(({ hoursAgo, duration, operation }, i) => ({ ...buildSpan(hexId(0x50, i + 1, 32), hexId(0x50, i + 1, 16), now - hoursAgo * HOUR, { serviceName: 'timed' }), duration, operationName: operation }));
    await storage.createSpanWriter().writeSpans(spans);
    const reader = storage.createSpanReader();
    const window = { startTimeMin: now - 4 * HOUR, startTimeMax: now + 1 };
    const ids = (...indexes: number[]) => indexes.map((i) => spans[i]!.traceId);
    expect(await reader.findTraceIds({ serviceName: 'timed', durationMin: 5_000, ...window })).toEqual(ids(0, 1, 2));
    expect(await reader.findTraceIds({ serviceName: 'timed', durationMin: 5_000, durationMax: 8_000, ...window })).toEqual(ids(0, 2));
    expect(await reader.findTraceIds({ serviceName: 'timed', operationName: 'GET /a', durationMin: 1_000, ...window })).toEqual(ids(0, 1));
    expect(await reader.findTraceIds({ serviceName: 'timed', durationMin: 5_000, ...window, limit: 1 })).toEqual(ids(0));
    expect(await reader.findTraceIds({ serviceName: 'timed', durationMax: 200, startTimeMin: now - 60 * HOUR, startTimeMax: now + 1 })).toEqual(ids(3));
    expect(await reader.findTraceIds({ serviceName: 'timed', durationMin: 7_500, startTimeMin: now - 60 * HOUR, startTimeMax: now + 1 })).toEqual(ids(1, 4));
  } finally {
    await storage.close();
  }
}, 60_000);
