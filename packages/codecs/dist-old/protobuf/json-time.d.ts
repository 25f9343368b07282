/**
 * proto3 JSON forms of google.protobuf.Timestamp ("2017-01-26T16:46:31.639875Z") and Duration ("0.001s"), as Go's
 * jsonpb writes them: fractional digits in groups of 3 (none, ms, µs or ns), UTC with "Z".
 */
export declare function formatTimestampMicros(micros: number): string;
export declare function formatDurationMicros(micros: number): string;
/** Microseconds since the epoch, or undefined when the text is not an RFC 3339 timestamp. */
export declare function parseTimestampMicros(text: string): number | undefined;
/** Microseconds, or undefined when the text is not a proto3 JSON duration. */
export declare function parseDurationMicros(text: string): number | undefined;
//# sourceMappingURL=json-time.d.ts.map