import type { SchemaParams } from './params.js';

/** Jaeger's schema version these statements create; a keyspace Jaeger's v004 readers and writers use as is. */
export const SCHEMA_VERSION = 'v004';

/** Tombstones are kept this long (3 hours) so a node that was down that long still learns of deletions. */
const GC_GRACE_SECONDS = 10_800;

type Column = readonly [name: string, type: string];

function columns(list: readonly Column[]): string {
  return list.map(([name, type]) => `  ${name} ${type}`).join(',\n');
}

function timeWindowed(size: number, unit: string): string {
  return `compaction = {'class': 'org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy', 'compaction_window_size': '${size}', 'compaction_window_unit': '${unit}'}`;
}

const SIZE_TIERED = "compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'min_threshold': '4', 'max_threshold': '32'}";

/**
 * The statements that create the keyspace, in order (types before the tables that use them). Every one is
 * `IF NOT EXISTS`, so applying them again changes nothing. The column names, types, keys, clustering orders and
 * table options are those of Jaeger's `v004.cql.tmpl`, so Jaeger's query and collector read and write the keyspace.
 */
export function schemaStatements(p: SchemaParams): string[] {
  const ks = p.keyspace;
  const kv = `frozen<list<frozen<${ks}.keyvalue>>>`;
  // Options of the trace and index tables: expire with the traces, and no speculative retries (Jaeger's choice).
  const expiring = (compaction: string): string =>
    `WITH ${compaction}\n  AND default_time_to_live = ${p.traceTtlSeconds}\n  AND speculative_retry = 'NONE'\n  AND gc_grace_seconds = ${GC_GRACE_SECONDS}`;
  const hourly = timeWindowed(1, 'HOURS');
  const table = (name: string, cols: readonly Column[], key: string, options: string, clustering?: string): string =>
    `CREATE TABLE IF NOT EXISTS ${ks}.${name} (\n${columns(cols)},\n  PRIMARY KEY (${key})\n) ${clustering ? `WITH CLUSTERING ORDER BY (${clustering})\n  AND ${options.replace(/^WITH /, '')}` : options}`;
  const type = (name: string, cols: readonly Column[]): string => `CREATE TYPE IF NOT EXISTS ${ks}.${name} (\n${columns(cols)}\n)`;

  return [
    `CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = ${p.replication}`,
    type('keyvalue', [
      ['key', 'text'],
      ['value_type', 'text'],
      ['value_string', 'text'],
      ['value_bool', 'boolean'],
      ['value_long', 'bigint'],
      ['value_double', 'double'],
      ['value_binary', 'blob'],
    ]),
    type('log', [
      ['ts', 'bigint'],
      ['fields', kv],
    ]),
    type('span_ref', [
      ['ref_type', 'text'],
      ['trace_id', 'blob'],
      ['span_id', 'bigint'],
    ]),
    type('process', [
      ['service_name', 'text'],
      ['tags', kv],
    ]),
    table(
      'traces',
      [
        ['trace_id', 'blob'],
        ['span_id', 'bigint'],
        ['span_hash', 'bigint'],
        ['parent_id', 'bigint'],
        ['operation_name', 'text'],
        ['flags', 'int'],
        ['start_time', 'bigint'],
        ['duration', 'bigint'],
        ['tags', 'list<frozen<keyvalue>>'],
        ['logs', 'list<frozen<log>>'],
        ['refs', 'list<frozen<span_ref>>'],
        ['process', 'frozen<process>'],
      ],
      'trace_id, span_id, span_hash',
      expiring(timeWindowed(p.compactionWindowSize, p.compactionWindowUnit)),
    ),
    table('service_names', [['service_name', 'text']], 'service_name', expiring(SIZE_TIERED)),
    table(
      'operation_names_v2',
      [
        ['service_name', 'text'],
        ['span_kind', 'text'],
        ['operation_name', 'text'],
      ],
      '(service_name), span_kind, operation_name',
      expiring(SIZE_TIERED),
    ),
    table(
      'service_operation_index',
      [
        ['service_name', 'text'],
        ['operation_name', 'text'],
        ['start_time', 'bigint'],
        ['trace_id', 'blob'],
      ],
      '(service_name, operation_name), start_time',
      expiring(hourly),
      'start_time DESC',
    ),
    table(
      'service_name_index',
      [
        ['service_name', 'text'],
        ['bucket', 'int'],
        ['start_time', 'bigint'],
        ['trace_id', 'blob'],
      ],
      '(service_name, bucket), start_time',
      expiring(hourly),
      'start_time DESC',
    ),
    table(
      'duration_index',
      [
        ['service_name', 'text'],
        ['operation_name', 'text'],
        ['bucket', 'timestamp'],
        ['duration', 'bigint'],
        ['start_time', 'bigint'],
        ['trace_id', 'blob'],
      ],
      '(service_name, operation_name, bucket), duration, start_time, trace_id',
      expiring(hourly),
      'duration DESC, start_time DESC',
    ),
    table(
      'tag_index',
      [
        ['service_name', 'text'],
        ['tag_key', 'text'],
        ['tag_value', 'text'],
        ['start_time', 'bigint'],
        ['trace_id', 'blob'],
        ['span_id', 'bigint'],
      ],
      '(service_name, tag_key, tag_value), start_time, trace_id, span_id',
      expiring(hourly),
      'start_time DESC',
    ),
    ...(p.tagIndexHourly
      ? [
          // Not Jaeger's: `tag_index` split into hourly partitions, so a common tag value (http.method=GET) does not
          // grow one partition for the whole TTL (jaeger#3028). Jaeger ignores the table.
          table(
            'tag_index_hourly',
            [
              ['service_name', 'text'],
              ['tag_key', 'text'],
              ['tag_value', 'text'],
              ['bucket', 'timestamp'],
              ['start_time', 'bigint'],
              ['trace_id', 'blob'],
              ['span_id', 'bigint'],
            ],
            '(service_name, tag_key, tag_value, bucket), start_time, trace_id, span_id',
            expiring(hourly),
            'start_time DESC',
          ),
        ]
      : []),
    type('dependency', [
      ['parent', 'text'],
      ['child', 'text'],
      ['call_count', 'bigint'],
      ['source', 'text'],
    ]),
    table(
      'dependencies_v2',
      [
        ['ts_bucket', 'timestamp'],
        ['ts', 'timestamp'],
        ['dependencies', 'list<frozen<dependency>>'],
      ],
      'ts_bucket, ts',
      `WITH ${SIZE_TIERED}\n  AND default_time_to_live = ${p.dependenciesTtlSeconds}`,
      'ts DESC',
    ),
    table(
      'operation_throughput',
      [
        ['bucket', 'int'],
        ['ts', 'timeuuid'],
        ['throughput', 'text'],
      ],
      'bucket, ts',
      '',
      'ts DESC',
    ),
    table(
      'sampling_probabilities',
      [
        ['bucket', 'int'],
        ['ts', 'timeuuid'],
        ['hostname', 'text'],
        ['probabilities', 'text'],
      ],
      'bucket, ts',
      '',
      'ts DESC',
    ),
    // Not Jaeger's: RED metrics rows (see @skein/storage's SpanMetricsRow), one partition per service and day, kept
    // as long as the traces. Jaeger ignores the table.
    table(
      'skein_span_metrics',
      [
        ['service_name', 'text'],
        ['day', 'int'],
        ['bucket_start', 'bigint'],
        ['row_id', 'text'],
        ['bucket_ms', 'int'],
        ['operation_name', 'text'],
        ['span_kind', 'text'],
        ['calls', 'bigint'],
        ['errors', 'bigint'],
        ['duration_sum', 'bigint'],
        ['latencies', 'text'],
      ],
      '(service_name, day), bucket_start, row_id',
      expiring(timeWindowed(1, 'DAYS')),
    ),
    table(
      'leases',
      [
        ['name', 'text'],
        ['owner', 'text'],
      ],
      'name',
      '',
    ),
  ].map((statement) => statement.replace(/\n  AND $/, '').trimEnd());
}

/** The statements as a script for `cqlsh`, with a header saying what made it. */
export function schemaScript(p: SchemaParams): string {
  const header = [
    `-- Jaeger's ${SCHEMA_VERSION} Cassandra schema, written by skein cassandra-schema`,
    `-- keyspace ${p.keyspace}, replication ${p.replication}`,
    `-- trace TTL ${p.traceTtlSeconds} s, dependencies TTL ${p.dependenciesTtlSeconds} s, traces compaction window ${p.compactionWindowSize} ${p.compactionWindowUnit}`,
  ];
  return `${header.join('\n')}\n\n${schemaStatements(p).map((statement) => `${statement};`).join('\n\n')}\n`;
}
