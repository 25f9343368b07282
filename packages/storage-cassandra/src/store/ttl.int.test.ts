/**
 * @services cassandra
 */
import { afterAll, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { buildSpan } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, dropKeyspaces } from '../schema/apply.js';
import { singleNodeSchema } from '../schema/params.js';
import { CassandraStorage } from './cassandra-storage.js';

const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });
const keyspace = uniqueName('ttl').toLowerCase();

afterAll(() => dropKeyspaces(connection, keyspace), 60_000);

it("lets spans, their index rows and names expire after the keyspace's TRACE_TTL", async () => {
  await applySchema(connection, singleNodeSchema(keyspace, 4));
  const storage = await CassandraStorage.open({ connection, keyspace });
  try {
    const now = Date.now() * 1000;
    const span = buildSpan('0000000000000000000000000000a77d', '00000000000000a1', now, { serviceName: 'short-lived' });
    await storage.createSpanWriter().writeSpans([span]);
    const reader = storage.createSpanReader();
    const query = { serviceName: 'short-lived', tags: { 'host.name': 'gen-1' }, startTimeMin: now - 1, startTimeMax: now + 1 };
    expect((await reader.getTrace(span.traceId))?.spans).toHaveLength(1);
    expect(await reader.findTraceIds(query)).toEqual([span.traceId]);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await reader.getTrace(span.traceId)).toBeNull();
    expect(await reader.findTraceIds(query)).toEqual([]);
    expect(await reader.findTraceIds({ serviceName: 'short-lived' })).toEqual([]);
    expect(await reader.getServices()).toEqual([]);
  } finally {
    await storage.close();
  }
}, 60_000);
