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
