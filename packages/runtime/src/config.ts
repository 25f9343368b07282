import type { Option } from './option.js';

export type OptionValues<O extends Record<string, Option<unknown>>> = {
  [K in keyof O]: O[K] extends Option<infer T> ? T : never;
};

/** Every problem found in the configuration at once, each naming the flag, its variable and what to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Resolves options with the precedence flag > environment variable > default, and validates all of them before
 * anything starts. `flags` holds the raw text given on the command line, keyed by flag name.
 */
export function loadConfig<O extends Record<string, Option<unknown>>>(
  options: O,
  flags: Readonly<Record<string, string | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
): OptionValues<O> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, opt] of Object.entries(options)) {
    const fromFlag = flags[opt.flag];
    const fromEnv = env[opt.env];
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
    const source = fromFlag !== undefined ? `--${opt.flag}` : `env ${opt.env} (flag --${opt.flag})`;
    if (raw === undefined) {
      if (opt.defaultValue === undefined) {
        problems.push(`--${opt.flag} (env ${opt.env}) is required: ${opt.description}`);
      } else {
        values[key] = opt.defaultValue;
      }
      continue;
    }
    try {
      values[key] = opt.parse(raw);
    } catch (error) {
      problems.push(`${source}: ${error instanceof Error ? error.message : String(error)} (${opt.description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as OptionValues<O>;
}
