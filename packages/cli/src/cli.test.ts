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
