const UNITS: ReadonlyArray<[suffix: string, micros: number]> = [
  ['h', 3_600_000_000],
  ['m', 60_000_000],
  ['s', 1_000_000],
  ['ms', 1_000],
  ['us', 1],
  ['µs', 1],
];

/** A duration in µs as people read it: `850µs`, `12.3ms`, `4.56s`, `2m 5s`, `1h 2m`. */
export function formatDuration(micros: number): string {
  if (!Number.isFinite(micros)) return '–';
  const sign = micros < 0 ? '-' : '';
  const value = Math.abs(micros);
  if (value < 1_000) return `${sign}${round(value)}µs`;
  if (value < 1_000_000) return `${sign}${round(value / 1_000)}ms`;
  if (value < 60_000_000) return `${sign}${round(value / 1_000_000)}s`;
  const totalSeconds = Math.round(value / 1_000_000);
  if (totalSeconds < 3_600) return `${sign}${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${sign}${Math.floor(totalMinutes / 60)}h ${totalMinutes % 60}m`;
}

/** Three significant digits at most, trailing zeros dropped (`1.5`, `12.3`, `456`). */
function round(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/**
 * Parses what a person types in a duration field: a number with a unit (`1.2s`, `100ms`, `250us`, `250µs`, `2m`,
 * `1h`), several summed (`1m30s`). Returns µs, or throws an Error saying what is wrong.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') throw new Error('a duration is empty');
  let rest = trimmed;
  let total = 0;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(h|ms|m|s|us|µs)\s*/.exec(rest);
    if (!match) throw new Error(`"${text}" is not a duration: use a number with a unit, e.g. 100ms, 1.5s, 250us, 2m`);
    const unit = UNITS.find(([suffix]) => suffix === match[2])!;
    total += Number(match[1]) * unit[1];
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** µs as a Go duration string for the query API (`1500us`). */
export function toGoDuration(micros: number): string {
  return `${Math.round(micros)}us`;
}
