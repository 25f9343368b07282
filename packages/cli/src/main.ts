import { Command, Option as CommanderOption } from 'commander';
import { commonOptions, type Option } from '@skein/runtime';
import type { SkeinCommand } from './commands/command.js';
import { COMMANDS } from './commands/registry.js';

/** All options a subcommand accepts: its own plus, for long-running ones, the common ones (admin port, logs). */
export function optionsOf(command: SkeinCommand): Record<string, Option<unknown>> {
  return command.adminPort === undefined ? command.options : { ...commonOptions(command.adminPort), ...command.options };
}

function describeOption(opt: Option<unknown>): string {
  const fallback = opt.defaultValue === undefined ? 'required' : `default ${formatDefault(opt.defaultValue)}`;
  return `${opt.description} (env ${opt.env}; ${fallback})`;
}

function formatDefault(value: unknown): string {
  if (value && typeof value === 'object' && 'port' in value && 'host' in value) {
    const { host, port } = value as { host: string; port: number };
    return `${host === '0.0.0.0' ? '' : host}:${port}`;
  }
  return JSON.stringify(value);
}

export function buildProgram(onResult: (code: number) => void): Command {
  const program = new Command('skein')
    .description('Skein: a distributed-tracing backend that runs where Jaeger runs, on the protocols Jaeger takes')
    .showHelpAfterError()
    .enablePositionalOptions();

  for (const command of COMMANDS) {
    const sub = program.command(command.name).description(command.summary).allowExcessArguments(true);
    const options = optionsOf(command);
    const attributeByFlag = new Map<string, string>();
    for (const opt of Object.values(options)) {
      const cliOption = new CommanderOption(`--${opt.flag} ${opt.valueName}`, describeOption(opt));
      attributeByFlag.set(opt.flag, cliOption.attributeName());
      sub.addOption(cliOption);
    }
    sub.action(async (_opts: unknown, cmd: Command) => {
      const given = cmd.opts<Record<string, string | undefined>>();
      const flags = Object.fromEntries([...attributeByFlag].map(([flag, attribute]) => [flag, given[attribute]]));
      onResult(await command.run(flags, cmd.args));
    });
  }
  return program;
}

/** Runs `skein` with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((result) => {
    code = result;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  await program.parseAsync(argv, { from: 'user' });
  return code;
}
