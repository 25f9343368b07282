import { collectorCommand } from './collector.js';
import { notBuiltYet, type SkeinCommand } from './command.js';
import { queryCommand } from './query.js';

/** Every `skein` subcommand, in the order `skein --help` lists them. Adding one is one line here. */
export const COMMANDS: readonly SkeinCommand[] = [
  collectorCommand,
  notBuiltYet({ name: 'ingester', summary: 'consume spans from Kafka and write them to storage', adminPort: 14270, trackedAs: 'the ingester issue' }),
  queryCommand,
  notBuiltYet({ name: 'all-in-one', summary: 'collector, query and UI in one process on the embedded store', adminPort: 14269, trackedAs: 'the query and all-in-one issue' }),
  notBuiltYet({ name: 'agent', summary: 'receive UDP spans next to applications and forward them to collectors', adminPort: 14271, trackedAs: 'the agent issue' }),
  notBuiltYet({ name: 'es-rollover', summary: 'manage Elasticsearch/OpenSearch rollover aliases: init, rollover, lookback', trackedAs: 'the Elasticsearch storage issue' }),
  notBuiltYet({ name: 'es-index-cleaner', summary: 'delete Elasticsearch/OpenSearch span indices older than N days', trackedAs: 'the Elasticsearch storage issue' }),
  notBuiltYet({ name: 'es-mappings', summary: 'print the Elasticsearch/OpenSearch index templates', trackedAs: 'the Elasticsearch storage issue' }),
  notBuiltYet({ name: 'cassandra-schema', summary: 'create or print the Cassandra keyspace and tables', trackedAs: 'the Cassandra storage issue' }),
  notBuiltYet({ name: 'loadgen', summary: 'send synthetic traces to a collector over any protocol', trackedAs: 'the load generator issue' }),
];
