import { COMMANDS, optionsOf } from '@skein/cli';

/** What a `skein` subcommand accepts, from the same option definitions the binary reads. */
export interface CommandContract {
  name: string;
  envNames: Set<string>;
  flags: Set<string>;
  /** Default ports of its listeners (host-port options) and its admin port. */
  ports: Set<number>;
  adminPort: number | undefined;
}

export function contractOf(name: string): CommandContract {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new Error(`"${name}" is not a skein subcommand (have ${COMMANDS.map((c) => c.name).join(', ')})`);
  const options = Object.values(optionsOf(command));
  const ports = new Set<number>();
  for (const option of options) {
    const value = option.defaultValue as { host?: unknown; port?: unknown } | null | undefined;
    if (value && typeof value === 'object' && typeof value.port === 'number' && typeof value.host === 'string') ports.add(value.port);
  }
  return {
    name,
    envNames: new Set(options.map((option) => option.env)),
    flags: new Set(options.map((option) => option.flag)),
    ports,
    adminPort: command.adminPort,
  };
}

/** The `--flag` names of `--flag=value` / `--flag value` arguments. */
export function flagsIn(args: readonly string[]): string[] {
  return args.filter((arg) => arg.startsWith('--')).map((arg) => arg.slice(2).split('=')[0]!);
}

/** An image reference with an explicit tag other than `latest` (or a digest). */
export function isPinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag !== '' && tag !== 'latest';
}

/** Metric names Skein's processes export (every `skein_…` name written in the packages' sources). */
export function isSkeinMetricName(name: string, sources: string): boolean {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  if (sources.includes(base)) return true;
  // The collector's metrics, which the agent's receivers register again under its own prefix.
  const prefixed = /^skein_(collector|agent)_(.+)$/.exec(base);
  if (prefixed && sources.includes(`\${prefix}_${prefixed[2]}\``)) return true;
  // prom-client's default process metrics, registered under the skein_ prefix.
  return /^skein_(process_|nodejs_)/.test(base);
}
