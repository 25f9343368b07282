/** Value parsers for options. Each throws an Error saying what a valid value looks like. */

export function parseInteger(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw.trim());
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`"${raw}" is not a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no', ''].includes(value)) return false;
  throw new Error(`"${raw}" is not a boolean (true or false)`);
}

export function parseEnum<const T extends string>(allowed: readonly T[]): (raw: string) => T {
  return (raw) => {
    const value = raw.trim();
    if (!(allowed as readonly string[]).includes(value)) {
      throw new Error(`"${raw}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  };
}

export function parseList(raw: string): string[] {
  return raw.split(',').map((item) => item.trim()).filter(Boolean);
}

export interface HostPort {
  host: string;
  port: number;
}

/** Jaeger's `host:port` form: `:14269` listens on all interfaces, `127.0.0.1:0` on a free loopback port. */
export function parseHostPort(raw: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(raw.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw new Error(`"${raw}" is not host:port (e.g. ":14269" or "127.0.0.1:14269")`);
  }
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

const DURATION_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go duration strings (`100ms`, `1.5s`, `1h30m`), as Jaeger's flags take them; returns milliseconds. */
export function parseDurationMs(raw: string): number {
  const text = raw.trim();
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] as string] as number);
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new Error(`"${raw}" is not a duration (e.g. "500ms", "1.5s", "1h30m")`);
  }
  return total;
}

/** `host:port`, or empty / `off` to switch the listener off (Jaeger: an empty host-port disables a server). */
export function parseOptionalHostPort(raw: string): HostPort | null {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'disabled' || value === 'false') return null;
  return parseHostPort(raw);
}
