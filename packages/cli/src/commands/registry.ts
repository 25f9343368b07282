import { agentCommand } from './agent.js';
import { allInOneCommand } from './all-in-one.js';
import { cassandraSchemaCommand } from './cassandra-schema.js';
import { collectorCommand } from './collector.js';
import type { SkeinCommand } from './command.js';
import { esIndexCleanerCommand, esMappingsCommand, esRolloverCommand } from './es-tools.js';
import { ingesterCommand } from './ingester.js';
import { kafkaTopicsCommand } from './kafka-topics.js';
import { loadgenCommand } from './loadgen.js';
import { queryCommand } from './query.js';

/** Every `skein` subcommand, in the order `skein --help` lists them. Adding one is one line here. */
export const COMMANDS: readonly SkeinCommand[] = [
  collectorCommand,
  ingesterCommand,
  queryCommand,
  allInOneCommand,
  agentCommand,
  esRolloverCommand,
  esIndexCleanerCommand,
  esMappingsCommand,
  kafkaTopicsCommand,
  cassandraSchemaCommand,
  loadgenCommand,
];
