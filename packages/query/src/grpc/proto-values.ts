import { status as Status } from '@grpc/grpc-js';

/** A `google.protobuf.Timestamp` or `Duration` as proto-loader decodes it (seconds as a decimal string). */
export interface SecondsNanos {
  seconds: string;
  nanos: number;
}

/** A request the handler refuses, with the gRPC code to answer. */
export class GrpcRequestError extends Error {
  constructor(
    readonly code: Status,
    message: string,
  ) {
    super(message);
  }
}

export function invalidArgument(message: string): GrpcRequestError {
  return new GrpcRequestError(Status.INVALID_ARGUMENT, message);
}

/**
 * Whole µs of a Timestamp, or undefined when it is absent or not after the epoch: Jaeger's Go clients send the zero
 * `time.Time` (year 1) for "no bound", since gogoproto makes these fields non-nullable.
 */
export function timestampMicros(value: SecondsNanos | null | undefined, field: string): number | undefined {
  if (!value) return undefined;
  const micros = secondsNanosMicros(value, field);
  return micros <= 0 ? undefined : micros;
}

/** Whole µs of a Duration (rounded down), or undefined when absent or zero. */
export function durationMicros(value: SecondsNanos | null | undefined, field: string): number | undefined {
  if (!value) return undefined;
  const micros = secondsNanosMicros(value, field);
  if (micros < 0) throw invalidArgument(`${field} must not be negative`);
  return micros === 0 ? undefined : micros;
}

function secondsNanosMicros(value: SecondsNanos, field: string): number {
  const seconds = Number(value.seconds);
  const micros = seconds * 1_000_000 + Math.floor(value.nanos / 1000);
  if (!Number.isSafeInteger(micros) || value.nanos < 0 || value.nanos > 999_999_999) {
    throw invalidArgument(`${field} is out of range (${value.seconds} s, ${value.nanos} ns)`);
  }
  return micros;
}

/** µs as a Timestamp / Duration message value. */
export function secondsNanos(micros: number): SecondsNanos {
  const seconds = Math.floor(micros / 1_000_000);
  return { seconds: String(seconds), nanos: (micros - seconds * 1_000_000) * 1000 };
}
