/**
 * Rows shared with Jaeger: what Skein writes, read with the CQL of Jaeger's v004 Cassandra reader; what Jaeger's
 * writer inserts (its statements, hand-written here), read by Skein.
 *
 * @services cassandra
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import cassandra from 'cassandra-driver';
import type { Span } from '@skein/model';
import { loadConfig } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../../../test/jest/service-address.js';
import { cassandraConnectionOptions } from '../connection-options.js';
import { applySchema, cassandraClient, dropKeyspaces } from '../schema/apply.js';
import { singleNodeSchema } from '../schema/params.js';
import { CassandraStorage } from './cassandra-storage.js';

const { Long } = cassandra.types;
const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: serviceAddress('CASSANDRA_CONTACT_POINTS') });
const keyspace = uniqueName('compat').toLowerCase();
const START = Date.UTC(2026, 10, 30, 12, 0, 0) * 1000;
let storage: CassandraStorage;
let client: cassandra.Client;

const span: Span = {
  traceId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  spanId: 'fedcba9876543210',
  operationName: 'GET /cart',
  references: [{ refType: 'CHILD_OF', traceId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', spanId: '0000000000000001' }],
  flags: 1,
  startTime: START,
  duration: 1234,
  tags: [
    { key: 'span.kind', type: 'string', value: 'server' },
    { key: 'http.status_code', type: 'int64', value: -9_223_372_036_854_775_808n },
    { key: 'error', type: 'bool', value: true },
    { key: 'ratio', type: 'float64', value: 0.5 },
    { key: 'blob', type: 'binary', value: new Uint8Array([0, 255, 7]) },
  ],
  logs: [{ timestamp: START + 10, fields: [{ key: 'event', type: 'string', value: 'retry' }] }],
  process: { serviceName: 'cart', tags: [{ key: 'hostname', type: 'string', value: 'node-1' }] },
  warnings: ['clock skew adjusted'],
};

beforeAll(async () => {
  await applySchema(connection, singleNodeSchema(keyspace, 3_600));
  storage = await CassandraStorage.open({ connection, keyspace });
  client = await cassandraClient(connection, keyspace);
  await client.connect();
}, 60_000);
afterAll(async () => {
  await storage?.close();
  await client?.shutdown();
  await dropKeyspaces(connection, keyspace);
}, 60_000);

describe("Skein's rows, read as Jaeger's reader reads them", () => {
  beforeAll(async () => {
    await storage.createSpanWriter().writeSpans([span]);
  });
  const traceId = Buffer.from(span.traceId, 'hex');
  const run = async (query: string, params: unknown[]) => (await client.execute(query, params, { prepare: true })).rows;

  it('traces: a 16-byte trace id, signed bigint span ids, the UDTs with value_type names and warnings as tags', async () => {
    const [row] = await run('SELECT trace_id, span_id, parent_id, operation_name, flags, start_time, duration, tags, logs, refs, process FROM traces WHERE trace_id = ?', [traceId]);
    expect((row!['trace_id'] as Buffer).length).toBe(16);
    expect(String(row!['span_id'])).toBe(Long.fromString('fedcba9876543210', true, 16).toSigned().toString());
    expect(String(row!['span_id']).startsWith('-')).toBe(true);
    expect(String(row!['parent_id'])).toBe('1');
    expect(row!['operation_name']).toBe('GET /cart');
    expect(String(row!['start_time'])).toBe(String(START));
    expect(String(row!['duration'])).toBe('1234');
    const tags = (row!['tags'] as Array<Record<string, unknown>>).map((t) => [t['key'], t['value_type']]);
    expect(tags).toEqual([
      ['span.kind', 'string'],
      ['http.status_code', 'int64'],
      ['error', 'bool'],
      ['ratio', 'float64'],
      ['blob', 'binary'],
      ['$$span.warning.1', 'string'],
    ]);
    const int64 = (row!['tags'] as Array<Record<string, unknown>>)[1]!;
    expect(String(int64['value_long'])).toBe('-9223372036854775808');
    expect((row!['refs'] as Array<Record<string, unknown>>).map((r) => [r['ref_type'], String(r['span_id'])])).toEqual([['child-of', '1']]);
    expect((row!['process'] as Record<string, unknown>)['service_name']).toBe('cart');
    expect(String((row!['logs'] as Array<Record<string, unknown>>)[0]!['ts'])).toBe(String(START + 10));
  });

  it('the index tables answer Jaeger\'s queries', async () => {
    expect((await run('SELECT service_name FROM service_names', [])).map((r) => r['service_name'])).toEqual(['cart']);
    expect((await run('SELECT span_kind, operation_name FROM operation_names_v2 WHERE service_name = ?', ['cart'])).map((r) => [r['span_kind'], r['operation_name']])).toEqual([['server', 'GET /cart']]);
    const window = [Long.fromNumber(START - 1), Long.fromNumber(START + 1)];
    const ids = (rows: cassandra.types.Row[]) => rows.map((r) => (r['trace_id'] as Buffer).toString('hex'));
    expect(ids(await run('SELECT trace_id FROM service_operation_index WHERE service_name = ? AND operation_name = ? AND start_time > ? AND start_time < ? ORDER BY start_time DESC LIMIT ?', ['cart', 'GET /cart', ...window, 60]))).toEqual([span.traceId]);
    expect(ids(await run('SELECT trace_id FROM tag_index WHERE service_name = ? AND tag_key = ? AND tag_value = ? and start_time > ? and start_time < ? ORDER BY start_time DESC LIMIT ?', ['cart', 'http.status_code', '-9223372036854775808', ...window, 60]))).toEqual([span.traceId]);
    expect(ids(await run('SELECT trace_id FROM tag_index WHERE service_name = ? AND tag_key = ? AND tag_value = ? and start_time > ? and start_time < ? ORDER BY start_time DESC LIMIT ?', ['cart', 'hostname', 'node-1', ...window, 60]))).toEqual([span.traceId]);
    const buckets = await Promise.all(Array.from({ length: 10 }, (_, bucket) => run('SELECT trace_id FROM service_name_index WHERE bucket = ? AND service_name = ? AND start_time > ? AND start_time < ?', [bucket, 'cart', ...window])));
    expect(buckets.flatMap(ids)).toEqual([span.traceId]);
    const hour = new Date(Math.round(START / 1000 / 3_600_000) * 3_600_000);
    for (const operation of ['', 'GET /cart']) {
      expect(ids(await run('SELECT trace_id FROM duration_index WHERE bucket = ? AND service_name = ? AND operation_name = ? AND duration > ? AND duration < ? LIMIT ?', [hour, 'cart', operation, Long.fromNumber(1000), Long.fromNumber(2000), 60]))).toEqual([span.traceId]);
    }
  });
});

describe("Jaeger's rows, read by Skein", () => {
  it('reads a span inserted with the statements of Jaeger\'s writer, its parent_id without a reference included', async () => {
    const jaegerTrace = Buffer.from('00000000000000000000000000000abc', 'hex');
    const kv = (key: string, valueType: string, fields: Record<string, unknown>) => ({ key, value_type: valueType, value_string: '', value_bool: false, value_long: Long.ZERO, value_double: 0, value_binary: Buffer.alloc(0), ...fields });
    await client.execute(
      'INSERT INTO traces(trace_id, span_id, span_hash, parent_id, operation_name, flags, start_time, duration, tags, logs, refs, process) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [jaegerTrace, Long.fromNumber(2), Long.fromNumber(77), Long.fromNumber(1), 'SELECT', 1, Long.fromNumber(START), Long.fromNumber(500), [kv('db.rows', 'int64', { value_long: Long.fromNumber(3) }), kv('$$span.warning.1', 'string', { value_string: 'from Jaeger' })], [], [], { service_name: 'db', tags: [kv('ip', 'string', { value_string: '10.0.0.1' })] }],
      { prepare: true },
    );
    await client.execute('INSERT INTO service_name_index(service_name, bucket, start_time, trace_id) VALUES (?, ?, ?, ?)', ['db', 7, Long.fromNumber(START), jaegerTrace], { prepare: true });
    await client.execute('INSERT INTO tag_index(trace_id, span_id, service_name, start_time, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)', [jaegerTrace, Long.fromNumber(2), 'db', Long.fromNumber(START), 'db.rows', '3'], { prepare: true });
    const trace = await storage.createSpanReader().getTrace('00000000000000000000000000000abc');
    expect(trace?.spans).toEqual([
      {
        traceId: '00000000000000000000000000000abc',
        spanId: '0000000000000002',
        operationName: 'SELECT',
        references: [{ refType: 'CHILD_OF', traceId: '00000000000000000000000000000abc', spanId: '0000000000000001' }],
        flags: 1,
        startTime: START,
        duration: 500,
        tags: [{ key: 'db.rows', type: 'int64', value: 3n }],
        logs: [],
        process: { serviceName: 'db', tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' }] },
        warnings: ['from Jaeger'],
      },
    ]);
    const reader = storage.createSpanReader();
    expect(await reader.findTraceIds({ serviceName: 'db', startTimeMin: START - 1, startTimeMax: START + 1 })).toEqual(['00000000000000000000000000000abc']);
    expect(await reader.findTraceIds({ serviceName: 'db', tags: { 'db.rows': '3' }, startTimeMin: START - 1, startTimeMax: START + 1 })).toEqual(['00000000000000000000000000000abc']);
  });

  it('reports a row it cannot read with the span and the field', async () => {
    const badTrace = Buffer.from('00000000000000000000000000000bad', 'hex');
    await client.execute(
      'INSERT INTO traces(trace_id, span_id, span_hash, operation_name, start_time, duration, tags, process) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [badTrace, Long.fromNumber(5), Long.ZERO, 'x', Long.fromNumber(START), Long.ONE, [{ key: 'odd', value_type: 'decimal', value_string: '1.5' }], { service_name: 'db', tags: [] }],
      { prepare: true },
    );
    await expect(storage.createSpanReader().getTrace('00000000000000000000000000000bad')).rejects.toThrow('span 0000000000000005 of trace 00000000000000000000000000000bad: tag "odd" has value_type "decimal"');
  });
});
