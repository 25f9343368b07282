import { allInOneCommand } from './all-in-one.js';
import { cassandraSchemaCommand } from './cassandra-schema.js';
import { collectorCommand } from './collector.js';
import { notBuiltYet, type SkeinCommand } from './command.js';
import { esIndexCleanerCommand, esMappingsCommand, esRolloverCommand } from './es-tools.js';
import { ingesterCommand } from './ingester.js';
import { kafkaTopicsCommand } from './kafka-topics.js';
import { queryCommand } from './query.js';

/** Every `skein` subcommand, in the order `skein --help` lists them. Adding one is one line here. */
export const COMMANDS: readonly SkeinCommand[] = [
  collectorCommand,
  ingesterCommand,
  queryCommand,
  allInOneCommand,
  notBuiltYet({ name: 'agent', summary: 'receive UDP spans next to applications and forward them to collectors', adminPort: 14271, trackedAs: 'the agent issue' }),
  esRolloverCommand,
  esIndexCleanerCommand,
  esMappingsCommand,
  kafkaTopicsCommand,
  cassandraSchemaCommand,
  notBuiltYet({ name: 'loadgen', summary: 'send synthetic traces to a collector over any protocol', trackedAs: 'the load generator issue' }),
];
