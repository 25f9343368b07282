import { option, parseBoolean, parseEnum, parseInteger, parseList, type OptionValues } from '@skein/runtime';

/** Cassandra's consistency levels, as Jaeger's `--cassandra.consistency` names them. */
export const CONSISTENCY_LEVELS = ['ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'LOCAL_ONE'] as const;
const path = (raw: string): string => raw.trim();

/** How Skein reaches Cassandra, under Jaeger's flag and variable names (`--cassandra.servers` is `CASSANDRA_SERVERS`). */
export const cassandraConnectionOptions = {
  servers: option({
    flag: 'cassandra.servers',
    description: 'comma-separated Cassandra hosts (host or host:port)',
    parse: (raw: string) => {
      const servers = parseList(raw);
      if (servers.length === 0) throw new Error('at least one host is required, e.g. cassandra-1,cassandra-2');
      return servers;
    },
    defaultValue: ['127.0.0.1'],
    valueName: '<host,…>',
  }),
  port: option({ flag: 'cassandra.port', description: 'CQL native port of hosts given without one', parse: parseInteger(1, 65_535), defaultValue: 9042, valueName: '<port>' }),
  localDc: option({
    flag: 'cassandra.local-dc',
    description: 'the datacenter whose nodes are queried first; empty spreads queries over every node',
    parse: (raw: string) => raw.trim(),
    defaultValue: '',
    valueName: '<datacenter>',
  }),
  username: option({ flag: 'cassandra.username', description: 'user for password authentication', parse: (raw: string) => raw, defaultValue: '', valueName: '<user>' }),
  password: option({ flag: 'cassandra.password', description: 'password for password authentication', parse: (raw: string) => raw, defaultValue: '', valueName: '<password>' }),
  consistency: option({
    flag: 'cassandra.consistency',
    description: `consistency level of reads and writes (${CONSISTENCY_LEVELS.join(', ')})`,
    parse: parseEnum(CONSISTENCY_LEVELS),
    defaultValue: 'LOCAL_ONE',
    valueName: '<level>',
  }),
  connectionsPerHost: option({ flag: 'cassandra.connections-per-host', description: 'connections kept to each host', parse: parseInteger(1, 64), defaultValue: 2, valueName: '<n>' }),
  tlsEnabled: option({ flag: 'cassandra.tls.enabled', description: 'connect over TLS', parse: parseBoolean, defaultValue: false }),
  tlsCa: option({ flag: 'cassandra.tls.ca', description: 'CA bundle that signed the servers\' certificates (PEM file)', parse: path, defaultValue: '', valueName: '<file>' }),
  tlsCert: option({ flag: 'cassandra.tls.cert', description: 'client certificate (PEM file), for servers that require one', parse: path, defaultValue: '', valueName: '<file>' }),
  tlsKey: option({ flag: 'cassandra.tls.key', description: "the client certificate's private key (PEM file)", parse: path, defaultValue: '', valueName: '<file>' }),
  tlsServerName: option({ flag: 'cassandra.tls.server-name', description: 'name to expect in the servers\' certificates (default: the host connected to)', parse: path, defaultValue: '', valueName: '<name>' }),
  tlsSkipHostVerify: option({ flag: 'cassandra.tls.skip-host-verify', description: "accept any server certificate (tests only: it allows a man in the middle)", parse: parseBoolean, defaultValue: false }),
  connectTimeoutMs: option({
    flag: 'cassandra.connect-timeout',
    description: 'how long to wait for a connection to a host, in milliseconds',
    parse: parseInteger(100, 600_000),
    defaultValue: 5_000,
    valueName: '<ms>',
  }),
};

export type CassandraConnectionConfig = OptionValues<typeof cassandraConnectionOptions>;

/** `host:port` for every server, the port added where a server has none. */
export function contactPoints(config: Pick<CassandraConnectionConfig, 'servers' | 'port'>): string[] {
  return config.servers.map((server) => (/:\d+$/.test(server) && !server.startsWith('[') ? server : server.startsWith('[') && /\]:\d+$/.test(server) ? server : `${server}:${config.port}`));
}
