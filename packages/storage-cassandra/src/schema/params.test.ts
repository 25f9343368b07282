import { describe, expect, it } from '@jest/globals';
import { resolveSchemaParams, type SchemaInputs } from './params.js';

const inputs = (overrides: Partial<SchemaInputs>): SchemaInputs => ({
  mode: 'test',
  datacenter: undefined,
  traceTtlSeconds: 172_800,
  dependenciesTtlSeconds: 0,
  keyspace: undefined,
  replication: undefined,
  replicationFactor: undefined,
  compactionWindow: undefined,
  ...overrides,
});

describe("the schema parameters, by the rules of Jaeger's create.sh", () => {
  it('test mode: SimpleStrategy with one copy in jaeger_v1_test, a 96-minute window for the 2-day TTL', () => {
    expect(resolveSchemaParams(inputs({}))).toEqual({
      keyspace: 'jaeger_v1_test',
      replication: "{'class': 'SimpleStrategy', 'replication_factor': '1'}",
      traceTtlSeconds: 172_800,
      dependenciesTtlSeconds: 0,
      compactionWindowSize: 96,
      compactionWindowUnit: 'MINUTES',
      tagIndexHourly: false,
    });
  });

  it('prod mode: NetworkTopologyStrategy in the datacenter, 2 copies unless told, keyspace named after it', () => {
    const prod = resolveSchemaParams(inputs({ mode: 'prod', datacenter: 'dc1' }));
    expect(prod.keyspace).toBe('jaeger_v1_dc1');
    expect(prod.replication).toBe("{'class': 'NetworkTopologyStrategy', 'dc1': '2'}");
    expect(resolveSchemaParams(inputs({ mode: 'prod', datacenter: 'dc1', replicationFactor: 3 })).replication).toBe("{'class': 'NetworkTopologyStrategy', 'dc1': '3'}");
  });

  it('takes REPLICATION whole, KEYSPACE over the derived name, and COMPACTION_WINDOW in m, h or d', () => {
    const params = resolveSchemaParams(inputs({ mode: 'prod', replication: "{'class': 'NetworkTopologyStrategy', 'eu': '3', 'us': '3'}", keyspace: 'tracing', compactionWindow: '2h' }));
    expect(params).toMatchObject({ keyspace: 'tracing', replication: "{'class': 'NetworkTopologyStrategy', 'eu': '3', 'us': '3'}", compactionWindowSize: 2, compactionWindowUnit: 'HOURS' });
    expect(resolveSchemaParams(inputs({ compactionWindow: '1d' }))).toMatchObject({ compactionWindowSize: 1, compactionWindowUnit: 'DAYS' });
    expect(resolveSchemaParams(inputs({ traceTtlSeconds: 3_600 }))).toMatchObject({ compactionWindowSize: 2, compactionWindowUnit: 'MINUTES' });
  });

  it('refuses what the script refuses, saying what to set', () => {
    expect(() => resolveSchemaParams(inputs({ mode: undefined }))).toThrow('MODE is missing: set MODE=prod');
    expect(() => resolveSchemaParams(inputs({ mode: 'staging' }))).toThrow('MODE=staging is not valid: expecting prod or test');
    expect(() => resolveSchemaParams(inputs({ mode: 'prod' }))).toThrow('DATACENTER is missing');
    expect(() => resolveSchemaParams(inputs({ keyspace: 'jaeger-v1' }))).toThrow('KEYSPACE=jaeger-v1 has characters other than letters, digits and underscores');
    expect(() => resolveSchemaParams(inputs({ keyspace: 'k'.repeat(49) }))).toThrow("longer than Cassandra's 48 characters");
    expect(() => resolveSchemaParams(inputs({ compactionWindow: '90s' }))).toThrow('COMPACTION_WINDOW=90s is not valid');
    expect(() => resolveSchemaParams(inputs({ compactionWindow: '0h' }))).toThrow('COMPACTION_WINDOW=0h is not valid');
    expect(() => resolveSchemaParams(inputs({ mode: 'prod', replication: "{'class': 'SimpleStrategy'}; DROP KEYSPACE x" }))).toThrow('is not a CQL map');
    expect(() => resolveSchemaParams(inputs({ mode: 'prod', replication: "{'class': 'NetworkTopologyStrategy', 'dc': '1'}" }))).toThrow('KEYSPACE is missing');
    expect(() => resolveSchemaParams(inputs({ mode: 'prod', datacenter: "dc1'}; DROP" }))).toThrow("DATACENTER=dc1'}; DROP has characters");
  });
});
