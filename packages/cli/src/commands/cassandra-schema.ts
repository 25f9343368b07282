import { ConfigError, loadConfig, type OptionValues } from '@skein/runtime';
import { applySchema, cassandraConnectionOptions, resolveSchemaParams, schemaOptions, schemaScript, SchemaParamsError, type SchemaParams } from '@skein/storage-cassandra';
import type { SkeinCommand } from './command.js';

const options = { ...schemaOptions, ...cassandraConnectionOptions };
type Config = OptionValues<typeof options>;
const ACTIONS = ['print', 'apply'] as const;

/**
 * `skein cassandra-schema print|apply`: Jaeger's v004 keyspace from the same variables as Jaeger's schema script
 * (`MODE=test skein cassandra-schema print | cqlsh` works as `create.sh | cqlsh` did); `apply` runs it against
 * `--cassandra.servers` and is idempotent.
 */
export const cassandraSchemaCommand: SkeinCommand = {
  name: 'cassandra-schema',
  summary: "print or apply Jaeger's v004 Cassandra keyspace and tables (MODE, DATACENTER, TRACE_TTL, … as Jaeger's script): cassandra-schema print|apply",
  options,
  async run(flags, [action = 'print']) {
    let config: Config;
    let params: SchemaParams;
    try {
      config = loadConfig(options, flags);
      params = resolveSchemaParams({
        mode: config.mode,
        datacenter: config.datacenter,
        traceTtlSeconds: config.traceTtl,
        dependenciesTtlSeconds: config.dependenciesTtl,
        keyspace: config.keyspace,
        replication: config.replication,
        replicationFactor: config.replicationFactor,
        compactionWindow: config.compactionWindow,
        tagIndexHourly: config.tagIndexHourly,
      });
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof SchemaParamsError)) throw error;
      process.stderr.write(`skein cassandra-schema: ${error.message}\n`);
      return 2;
    }
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      process.stderr.write(`skein cassandra-schema: the action must be ${ACTIONS.join(' or ')}, got "${action.slice(0, 64)}"\n`);
      return 2;
    }
    process.stderr.write(
      `skein cassandra-schema: keyspace ${params.keyspace}, replication ${params.replication}, trace TTL ${params.traceTtlSeconds} s, ` +
        `dependencies TTL ${params.dependenciesTtlSeconds} s, compaction window ${params.compactionWindowSize} ${params.compactionWindowUnit}\n`,
    );
    if (action === 'print') {
      process.stdout.write(schemaScript(params));
      return 0;
    }
    try {
      const applied = await applySchema(config, params);
      process.stdout.write(`${JSON.stringify(applied)}\n`);
      return 0;
    } catch (error) {
      process.stderr.write(`skein cassandra-schema: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
