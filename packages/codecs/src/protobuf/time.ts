/** Conversions between model microseconds and google.protobuf Timestamp/Duration {seconds, nanos}. */
export interface SecondsNanos {
  seconds: number;
  nanos: number;
}

/** Timestamp: nanos always in [0, 1e9), seconds floored (negative times count down from the epoch). */
export function microsToTimestamp(micros: number): SecondsNanos {
  const seconds = Math.floor(micros / 1_000_000);
  return { seconds, nanos: (micros - seconds * 1_000_000) * 1000 };
}

/** Duration: seconds and nanos carry the same sign, as google.protobuf.Duration requires. */
export function microsToDuration(micros: number): SecondsNanos {
  const seconds = Math.trunc(micros / 1_000_000);
  return { seconds, nanos: (micros - seconds * 1_000_000) * 1000 };
}

/** Whole microseconds (floored toward minus infinity for sub-microsecond nanos). */
export function secondsNanosToMicros(seconds: number, nanos: number): number {
  return seconds * 1_000_000 + Math.floor(nanos / 1000);
}
