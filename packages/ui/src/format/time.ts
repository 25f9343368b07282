const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** µs since the epoch as local `YYYY-MM-DD HH:MM:SS.mmm`. */
export function formatTimestamp(micros: number): string {
  const date = new Date(micros / 1000);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

/** How long ago `micros` was, relative to `nowMicros`: `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`. */
export function formatAgo(micros: number, nowMicros: number): string {
  const seconds = Math.round((nowMicros - micros) / 1_000_000);
  if (seconds < 45) return 'just now';
  const steps: ReadonlyArray<[string, number]> = [
    ['minute', 60],
    ['hour', 3_600],
    ['day', 86_400],
  ];
  let chosen = steps[0]!;
  for (const step of steps) if (seconds >= step[1] * 0.95) chosen = step;
  const count = Math.max(1, Math.round(seconds / chosen[1]));
  return `${count} ${chosen[0]}${count === 1 ? '' : 's'} ago`;
}

/** A value of `<input type="datetime-local">` (local time) as µs since the epoch; NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms * 1000 : Number.NaN;
}

/** µs since the epoch as a value for `<input type="datetime-local">`. */
export function toLocalInput(micros: number): string {
  const date = new Date(micros / 1000);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
