import { option, parseInteger, parseList, type OptionValues } from '@skein/runtime';

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
