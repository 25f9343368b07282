/** Timestamp: nanos always in [0, 1e9), seconds floored (negative times count down from the epoch). */
export function microsToTimestamp(micros) {
    const seconds = Math.floor(micros / 1_000_000);
    return { seconds, nanos: (micros - seconds * 1_000_000) * 1000 };
}
/** Duration: seconds and nanos carry the same sign, as google.protobuf.Duration requires. */
export function microsToDuration(micros) {
    const seconds = Math.trunc(micros / 1_000_000);
    return { seconds, nanos: (micros - seconds * 1_000_000) * 1000 };
}
/** Whole microseconds (floored toward minus infinity for sub-microsecond nanos). */
export function secondsNanosToMicros(seconds, nanos) {
    return seconds * 1_000_000 + Math.floor(nanos / 1000);
}
//# sourceMappingURL=time.js.map