/** Conversions between model microseconds and google.protobuf Timestamp/Duration {seconds, nanos}. */
export interface SecondsNanos {
    seconds: number;
    nanos: number;
}
/** Timestamp: nanos always in [0, 1e9), seconds floored (negative times count down from the epoch). */
export declare function microsToTimestamp(micros: number): SecondsNanos;
/** Duration: seconds and nanos carry the same sign, as google.protobuf.Duration requires. */
export declare function microsToDuration(micros: number): SecondsNanos;
/** Whole microseconds (floored toward minus infinity for sub-microsecond nanos). */
export declare function secondsNanosToMicros(seconds: number, nanos: number): number;
//# sourceMappingURL=time.d.ts.map