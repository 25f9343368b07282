/**
 * Go's `time.Duration.String()` for a number of microseconds (fractions kept to the nanosecond), e.g. `1.5s`,
 * `2m3.25s`, `1h0m0s`, `-250ms`, `100µs`, `799.5µs`,
 * so that the warnings the adjusters add read exactly like Jaeger's.
 */
export function formatGoDuration(micros: number): string {
  const nanos = BigInt(Math.round(micros * 1000));
  if (nanos === 0n) return '0s';
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const sign = negative ? '-' : '';
  if (abs < 1_000_000_000n) {
    if (abs < 1000n) return `${sign}${abs}ns`;
    if (abs < 1_000_000n) return `${sign}${fixed(abs, 1000n, 3)}µs`;
    return `${sign}${fixed(abs, 1_000_000n, 6)}ms`;
  }
  const totalSeconds = abs / 1_000_000_000n;
  const fractionNanos = abs % 1_000_000_000n;
  const hours = totalSeconds / 3600n;
  const minutes = (totalSeconds % 3600n) / 60n;
  const seconds = totalSeconds % 60n;
  const secondsText = `${seconds}${fraction(fractionNanos, 9)}s`;
  if (hours > 0n) return `${sign}${hours}h${minutes}m${secondsText}`;
  if (minutes > 0n) return `${sign}${minutes}m${secondsText}`;
  return `${sign}${secondsText}`;
}

/** `value / unit` with the remainder written as up to `digits` decimals, trailing zeros dropped. */
function fixed(value: bigint, unit: bigint, digits: number): string {
  return `${value / unit}${fraction(value % unit, digits)}`;
}

function fraction(remainder: bigint, digits: number): string {
  if (remainder === 0n) return '';
  return `.${remainder.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
