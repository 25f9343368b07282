import type { Option } from '@skein/runtime';

/** One `skein` subcommand. Long-running ones serve an admin port and take the common options. */
export interface SkeinCommand {
  readonly name: string;
  readonly summary: string;
  /** Options beyond the common ones (which long-running commands get automatically). */
  readonly options: Record<string, Option<unknown>>;
  /** Default admin port for long-running commands (Jaeger's), absent for one-shot tools. */
  readonly adminPort?: number;
  /** Runs with the raw flag values given on the command line; resolves to the exit code. */
  run(flags: Record<string, string | undefined>, positionals: string[]): Promise<number>;
}

/** Exit code for a command that exists in the plan but not yet in this build. */
export const EXIT_NOT_BUILT = 2;

export function notBuiltYet(spec: { name: string; summary: string; adminPort?: number; trackedAs: string }): SkeinCommand {
  return {
    name: spec.name,
    summary: `${spec.summary} (not built yet)`,
    options: {},
    ...(spec.adminPort === undefined ? {} : { adminPort: spec.adminPort }),
    async run() {
      process.stderr.write(`skein ${spec.name}: not built yet (${spec.trackedAs}).\n`);
      return EXIT_NOT_BUILT;
    },
  };
}
