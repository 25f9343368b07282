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
    expect(result.stdout.match(/^CREATE /gm)).toHaveLength(18); // Jaeger's 17 and Skein's span metrics table
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

describe('skein agent', () => {
  const agent = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'agent', '--admin.http.host-port=127.0.0.1:0', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, REPORTER_GRPC_HOST_PORT: '' } });

  it('exits 2 naming what to set when a start-up setting is missing or wrong', () => {
    const noCollector = agent();
    expect(noCollector.status).toBe(2);
    expect(noCollector.stderr).toContain('--reporter.grpc.host-port (REPORTER_GRPC_HOST_PORT) is required');
    const badList = agent('--reporter.grpc.host-port=collector-without-port');
    expect(badList.status).toBe(2);
    expect(badList.stderr).toContain('reporter.grpc.host-port');
    const badTags = agent('--reporter.grpc.host-port=c:14250', '--agent.tags=zone');
    expect(badTags.status).toBe(2);
    expect(badTags.stderr).toContain('"zone" is not key=value');
    const missingCa = agent('--reporter.grpc.host-port=c:14250', '--reporter.grpc.tls.enabled=true', '--reporter.grpc.tls.ca=/nonexistent/ca.pem');
    expect(missingCa.status).toBe(2);
    expect(missingCa.stderr).toContain('cannot read --reporter.grpc.tls.ca /nonexistent/ca.pem');
  });
});

describe('skein loadgen', () => {
  const loadgen = (...args: string[]) => spawnSync(process.execPath, [BIN, 'loadgen', ...args], { encoding: 'utf8', timeout: 20_000 });

  it('exits 2 naming the flag for a bad protocol, endpoint, rate or log target', () => {
    const cases: Array<[string[], string]> = [
      [['--protocol=carrier-pigeon'], 'protocol'],
      [['--protocol=otlp-grpc', '--endpoint=http://127.0.0.1:4317'], '--endpoint for otlp-grpc is host:port'],
      [['--protocol=zipkin', '--endpoint=127.0.0.1:9411'], '--endpoint for zipkin is a URL'],
      [['--rate=-3'], 'rate'],
      [['--error-rate=1.5'], 'error-rate'],
      [['--depth=0'], 'depth'],
      [['--logs=elasticsearch'], '--logs=elasticsearch needs --logs.server-urls'],
      [['--logs=elasticsearch', '--logs.server-urls=ftp://x'], 'is not an http(s) URL'],
      [['--logs=elasticsearch', '--logs.server-urls=http://127.0.0.1:9200', '--logs.index=Logs'], 'is not a valid index name'],
    ];
    for (const [args, message] of cases) {
      const result = loadgen(...args, '--traces=1');
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toContain(message);
    }
  });

  it('exits 1 with the reason when nothing is accepted (no receiver listening)', () => {
    const result = loadgen('--protocol=otlp-http', '--endpoint=http://127.0.0.1:9/v1/traces', '--traces=2', '--rate=0', '--large-trace-every=0');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the receiver took none of the \d+ spans; last error: POST http:\/\/127\.0\.0\.1:9\/v1\/traces/);
  });
});
