/**
 * The parameters of Jaeger's schema script (`MODE`, `DATACENTER`, `TRACE_TTL`, `DEPENDENCIES_TTL`, `KEYSPACE`,
 * `REPLICATION`, `REPLICATION_FACTOR`, `COMPACTION_WINDOW`), resolved by the script's rules into what the CQL needs.
 */
export interface SchemaInputs {
  mode: string | undefined;
  datacenter: string | undefined;
  traceTtlSeconds: number;
  dependenciesTtlSeconds: number;
  keyspace: string | undefined;
  replication: string | undefined;
  /** 0 or undefined: 2 in prod, 1 in test. */
  replicationFactor: number | undefined;
  compactionWindow: string | undefined;
  /** Also create `tag_index_hourly` (Skein's tag index in hourly partitions; see cql.ts). */
  tagIndexHourly?: boolean;
}

export type CompactionWindowUnit = 'MINUTES' | 'HOURS' | 'DAYS';

export interface SchemaParams {
  keyspace: string;
  /** A CQL map literal, e.g. `{'class': 'SimpleStrategy', 'replication_factor': '1'}`. */
  replication: string;
  traceTtlSeconds: number;
  dependenciesTtlSeconds: number;
  /** Time-window compaction of the `traces` table. */
  compactionWindowSize: number;
  compactionWindowUnit: CompactionWindowUnit;
  tagIndexHourly: boolean;
}

export class SchemaParamsError extends Error {
  override readonly name = 'SchemaParamsError';
}

export const DEFAULT_TRACE_TTL_SECONDS = 172_800;
const UNITS: Record<string, CompactionWindowUnit> = { m: 'MINUTES', h: 'HOURS', d: 'DAYS' };

export function resolveSchemaParams(inputs: SchemaInputs): SchemaParams {
  const { mode } = inputs;
  if (mode === undefined || mode === '') throw new SchemaParamsError('MODE is missing: set MODE=prod (replicated, NetworkTopologyStrategy) or MODE=test (one node, SimpleStrategy)');
  if (mode !== 'prod' && mode !== 'test') throw new SchemaParamsError(`MODE=${mode} is not valid: expecting prod or test`);
  let datacenter = inputs.datacenter || undefined;
  let replication = inputs.replication || undefined;
  if (replication === undefined) {
    if (mode === 'prod') {
      if (datacenter === undefined) throw new SchemaParamsError('DATACENTER is missing: MODE=prod replicates with NetworkTopologyStrategy in that datacenter (or give REPLICATION in full)');
      replication = `{'class': 'NetworkTopologyStrategy', '${cqlText(datacenter, 'DATACENTER')}': '${inputs.replicationFactor || 2}'}`;
    } else {
      datacenter ??= 'test';
      replication = `{'class': 'SimpleStrategy', 'replication_factor': '${inputs.replicationFactor || 1}'}`;
    }
  } else if (!/^\{[^;]*\}$/.test(replication.trim())) {
    throw new SchemaParamsError(`REPLICATION=${replication} is not a CQL map such as {'class': 'SimpleStrategy', 'replication_factor': '1'}`);
  }
  const keyspace = inputs.keyspace || (datacenter === undefined ? undefined : `jaeger_v1_${datacenter}`);
  if (keyspace === undefined) throw new SchemaParamsError('KEYSPACE is missing: with REPLICATION given and no DATACENTER, name the keyspace (KEYSPACE=...)');
  if (!/^[a-zA-Z0-9_]+$/.test(keyspace)) throw new SchemaParamsError(`KEYSPACE=${keyspace} has characters other than letters, digits and underscores`);
  if (keyspace.length > 48) throw new SchemaParamsError(`KEYSPACE=${keyspace} is longer than Cassandra's 48 characters`);
  const { size, unit } = compactionWindowOf(inputs.compactionWindow, inputs.traceTtlSeconds);
  return {
    keyspace,
    replication: replication.trim(),
    traceTtlSeconds: inputs.traceTtlSeconds,
    dependenciesTtlSeconds: inputs.dependenciesTtlSeconds,
    compactionWindowSize: size,
    compactionWindowUnit: unit,
    tagIndexHourly: inputs.tagIndexHourly ?? false,
  };
}

/** `COMPACTION_WINDOW` as `<n>m|h|d`; without it, as Jaeger's script: the TTL in minutes / 30, rounded up, in minutes. */
function compactionWindowOf(window: string | undefined, traceTtlSeconds: number): { size: number; unit: CompactionWindowUnit } {
  if (window) {
    const match = /^([0-9]+)([mhd])$/.exec(window);
    if (!match || Number(match[1]) === 0) throw new SchemaParamsError(`COMPACTION_WINDOW=${window} is not valid: a positive number followed by m (minutes), h (hours) or d (days), e.g. 2h`);
    return { size: Number(match[1]), unit: UNITS[match[2]!]! };
  }
  return { size: Math.max(1, Math.ceil(Math.floor(traceTtlSeconds / 60) / 30)), unit: 'MINUTES' };
}

/** A value placed inside a CQL string literal, where a quote would end it. */
function cqlText(value: string, name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new SchemaParamsError(`${name}=${value} has characters other than letters, digits, '.', '-' and '_'`);
  return value;
}

/** `MODE=test` parameters for one keyspace (one node, SimpleStrategy): what tests, benchmarks and local setups use. */
export function singleNodeSchema(keyspace: string, traceTtlSeconds: number, extra: { tagIndexHourly?: boolean } = {}): SchemaParams {
  return resolveSchemaParams({ mode: 'test', datacenter: undefined, traceTtlSeconds, dependenciesTtlSeconds: 0, keyspace, replication: undefined, replicationFactor: undefined, compactionWindow: undefined, ...extra });
}
