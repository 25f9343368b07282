import { describe, expect, it } from '@jest/globals';
import { schemaScript, schemaStatements } from './cql.js';
import { resolveSchemaParams } from './params.js';

const params = resolveSchemaParams({
  mode: 'test',
  datacenter: undefined,
  traceTtlSeconds: 3_600,
  dependenciesTtlSeconds: 86_400,
  keyspace: 'ks1',
  replication: undefined,
  replicationFactor: undefined,
  compactionWindow: '2h',
});

describe('the v004 statements', () => {
  const statements = schemaStatements(params);

  it('create the keyspace, then every type before the tables that use it, all IF NOT EXISTS', () => {
    const created = statements.map((statement) => /^CREATE (KEYSPACE|TYPE|TABLE) IF NOT EXISTS (\S+)/.exec(statement)?.slice(1, 3).join(' '));
    expect(created).toEqual([
      'KEYSPACE ks1',
      'TYPE ks1.keyvalue',
      'TYPE ks1.log',
      'TYPE ks1.span_ref',
      'TYPE ks1.process',
      'TABLE ks1.traces',
      'TABLE ks1.service_names',
      'TABLE ks1.operation_names_v2',
      'TABLE ks1.service_operation_index',
      'TABLE ks1.service_name_index',
      'TABLE ks1.duration_index',
      'TABLE ks1.tag_index',
      'TYPE ks1.dependency',
      'TABLE ks1.dependencies_v2',
      'TABLE ks1.operation_throughput',
      'TABLE ks1.sampling_probabilities',
      'TABLE ks1.skein_span_metrics',
      'TABLE ks1.leases',
    ]);
  });

  it('carry the TTLs and the compaction window where Jaeger puts them', () => {
    const traces = statements.find((statement) => statement.includes('ks1.traces ('))!;
    expect(traces).toContain("'compaction_window_size': '2', 'compaction_window_unit': 'HOURS'");
    expect(traces).toContain('default_time_to_live = 3600');
    expect(traces).toContain('PRIMARY KEY (trace_id, span_id, span_hash)');
    expect(statements.find((statement) => statement.includes('ks1.dependencies_v2'))).toContain('default_time_to_live = 86400');
    expect(statements.find((statement) => statement.includes('ks1.tag_index'))).toContain('WITH CLUSTERING ORDER BY (start_time DESC)');
    // Skein's RED metrics expire with the traces.
    expect(statements.find((statement) => statement.includes('ks1.skein_span_metrics'))).toContain('default_time_to_live = 3600');
    for (const name of ['operation_throughput', 'sampling_probabilities', 'leases']) {
      expect(statements.find((statement) => statement.includes(`ks1.${name} (`))).not.toContain('default_time_to_live');
    }
  });

  it("add Skein's hourly tag index only when asked, after Jaeger's tables it does not change", () => {
    expect(statements.some((statement) => statement.includes('tag_index_hourly'))).toBe(false);
    const withHourly = schemaStatements({ ...params, tagIndexHourly: true });
    expect(withHourly.filter((statement) => !statement.includes('tag_index_hourly'))).toEqual(statements);
    expect(withHourly.find((statement) => statement.includes('tag_index_hourly'))).toContain('PRIMARY KEY ((service_name, tag_key, tag_value, bucket), start_time, trace_id, span_id)');
  });

  it('print as one cqlsh script, statements ended by semicolons', () => {
    const script = schemaScript(params);
    expect(script.split(';\n').length - 1).toBe(statements.length);
    expect(script).toMatch(/^-- Jaeger's v004 Cassandra schema/);
  });
});
