import type { Span } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import { type JsonObject } from '../protobuf/index.js';
/**
 * Jaeger's Kafka `json` encoding: one `jaeger.api_v2.Span` (process embedded) in the proto3 JSON mapping as Go's
 * gogo `jsonpb.Marshaler{}` writes it — lowerCamelCase names, zero values omitted, enums by name, int64 as
 * strings, ids as base64 of their 16/8 big-endian bytes, RFC 3339 timestamps, "1.5s" durations.
 */
export declare const JAEGER_JSON_FORMAT = "jaeger.json.span";
export declare function spanToJaegerJson(span: Span): JsonObject;
export declare function encodeJaegerJsonSpan(span: Span): Uint8Array;
/** proto3 JSON int64: a decimal string or a number. */
export declare function asInt64(value: unknown, path: string): bigint;
/** proto3 JSON double: a number or "NaN" / "Infinity" / "-Infinity" (or a numeric string). */
export declare function asDouble(value: unknown, path: string): number;
export declare function spanFromJaegerJson(value: unknown, out: DecodedBatch): void;
export declare function decodeJaegerJsonSpan(payload: Uint8Array): DecodedBatch;
//# sourceMappingURL=json.d.ts.map