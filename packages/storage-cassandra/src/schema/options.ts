import { option, parseBoolean, parseInteger } from '@skein/runtime';
import { DEFAULT_TRACE_TTL_SECONDS } from './params.js';

const text = (raw: string): string => raw.trim();

/**
 * The schema tool's parameters under the variable names of Jaeger's `create.sh` (`MODE`, `DATACENTER`, …), so a
 * deploy job that ran Jaeger's schema container runs this with the same environment.
 */
export const schemaOptions = {
  mode: option({ flag: 'mode', env: 'MODE', description: 'prod (NetworkTopologyStrategy, needs DATACENTER) or test (SimpleStrategy, one node)', parse: text, defaultValue: '', valueName: '<prod|test>' }),
  datacenter: option({ flag: 'datacenter', env: 'DATACENTER', description: 'datacenter of the replication (prod); names the keyspace jaeger_v1_<datacenter> (test: "test")', parse: text, defaultValue: '', valueName: '<name>' }),
  traceTtl: option({ flag: 'trace-ttl', env: 'TRACE_TTL', description: 'seconds spans and their index rows live', parse: parseInteger(0, 2_147_483_647), defaultValue: DEFAULT_TRACE_TTL_SECONDS, valueName: '<seconds>' }),
  dependenciesTtl: option({ flag: 'dependencies-ttl', env: 'DEPENDENCIES_TTL', description: 'seconds dependency links live; 0 keeps them', parse: parseInteger(0, 2_147_483_647), defaultValue: 0, valueName: '<seconds>' }),
  keyspace: option({ flag: 'keyspace', env: 'KEYSPACE', description: 'keyspace name (default jaeger_v1_<datacenter>)', parse: text, defaultValue: '', valueName: '<name>' }),
  replication: option({ flag: 'replication', env: 'REPLICATION', description: "the whole replication map, e.g. {'class': 'NetworkTopologyStrategy', 'dc1': '3'}; overrides DATACENTER and REPLICATION_FACTOR", parse: text, defaultValue: '', valueName: '<cql map>' }),
  replicationFactor: option({ flag: 'replication-factor', env: 'REPLICATION_FACTOR', description: 'copies of each row (default 2 in prod, 1 in test)', parse: parseInteger(1, 100), defaultValue: 0, valueName: '<n>' }),
  tagIndexHourly: option({
    flag: 'tag-index-hourly',
    env: 'TAG_INDEX_HOURLY',
    description: "also create tag_index_hourly, Skein's tag index in hourly partitions (for --cassandra.index.tag-index-hourly; Jaeger ignores it)",
    parse: parseBoolean,
    defaultValue: false,
  }),
  compactionWindow: option({ flag: 'compaction-window', env: 'COMPACTION_WINDOW', description: 'time window of the traces table compaction, e.g. 2h (default: the trace TTL / 30, in minutes)', parse: text, defaultValue: '', valueName: '<n>m|h|d' }),
};
