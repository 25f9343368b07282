import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from './commands/registry.js';
import { optionsOf } from './main.js';

const BIN = fileURLToPath(new URL('../bin/skein.js', import.meta.url));
const skein = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('the skein command (built binary)', () => {
  it('lists every subcommand in --help', () => {
    const result = skein('--help');
    expect(result.status).toBe(0);
    for (const name of ['collector', 'ingester', 'query', 'all-in-one', 'agent', 'es-rollover', 'es-index-cleaner', 'es-mappings', 'cassandra-schema', 'loadgen']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it('says a subcommand is not built yet and exits 2', () => {
    const notBuilt = COMMANDS.find((c) => c.summary.endsWith('(not built yet)'));
    expect(notBuilt).toBeDefined();
    const result = skein(notBuilt!.name);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`skein ${notBuilt!.name}: not built yet`);
  });

  it('rejects an unknown subcommand with a non-zero exit and the help hint', () => {
    const result = skein('colector');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command 'colector'/);
  });

  it('shows usage and exits 2 without a subcommand', () => {
    expect(skein().status).toBe(2);
  });
});

describe('long-running subcommands', () => {
  it.each(COMMANDS.filter((c) => c.adminPort !== undefined).map((c) => [c.name, c] as const))(
    '%s takes Jaeger\'s --admin.http.host-port',
    (_name, command) => {
      const flags = Object.values(optionsOf(command)).map((o) => o.flag);
      expect(flags).toContain('admin.http.host-port');
      const help = skein(command.name, '--help');
      expect(help.stdout).toContain('--admin.http.host-port <host:port>');
      expect(help.stdout).toContain(`default :${command.adminPort}`);
    },
  );
});

describe('skein cassandra-schema', () => {
  const withEnv = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'cassandra-schema', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });

  it("prints the v004 script from Jaeger's variables, for cqlsh", () => {
    const result = withEnv({ MODE: 'prod', DATACENTER: 'eu1', TRACE_TTL: '86400' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("CREATE KEYSPACE IF NOT EXISTS jaeger_v1_eu1 WITH replication = {'class': 'NetworkTopologyStrategy', 'eu1': '2'};");
    expect(result.stdout).toContain('default_time_to_live = 86400');
    expect(result.stdout.match(/^CREATE /gm)).toHaveLength(17);
    expect(result.stderr).toContain('keyspace jaeger_v1_eu1');
  });

  it('flags win over the variables', () => {
    const result = withEnv({ MODE: 'prod' }, 'print', '--mode=test', '--keyspace=traces_x');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('CREATE KEYSPACE IF NOT EXISTS traces_x');
  });

  it('exits 2 saying what to set, for a missing MODE, a bad value or an unknown action', () => {
    const noMode = withEnv({ MODE: '' });
    expect(noMode.status).toBe(2);
    expect(noMode.stderr).toContain('MODE is missing: set MODE=prod');
    expect(noMode.stdout).toBe('');
    const badTtl = withEnv({ MODE: 'test', TRACE_TTL: 'two days' });
    expect(badTtl.status).toBe(2);
    expect(badTtl.stderr).toContain('TRACE_TTL');
    const action = withEnv({ MODE: 'test' }, 'drop');
    expect(action.status).toBe(2);
    expect(action.stderr).toContain('the action must be print or apply, got "drop"');
  });

  it('exits 1 naming the hosts when apply cannot reach Cassandra', () => {
    const result = withEnv({ MODE: 'test', CASSANDRA_SERVERS: '127.0.0.1:1', CASSANDRA_CONNECT_TIMEOUT: '1000' }, 'apply');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot reach Cassandra at 127.0.0.1:1');
  });
});
