/** A parsed JSON object; read its fields only through {@link field} so `__proto__` and friends stay plain data. */
export type JsonObject = Record<string, unknown>;
/** Deepest nesting of arrays and objects accepted: above the 64 attribute-value levels the span decoders allow (about four brackets each). */
export declare const MAX_JSON_DEPTH = 512;
/**
 * Parses a JSON payload, turning every failure (bad UTF-8, syntax, stack) into a DecodeError. `subject` names the
 * payload in the UTF-8 error ("payload", or "body" for HTTP formats).
 */
export declare function parseJsonPayload(payload: Uint8Array, format: string, subject?: string): unknown;
export declare function isJsonObject(value: unknown): value is JsonObject;
/** An own property only, under either of its names (proto3 JSON accepts lowerCamelCase and the proto name). */
export declare function field(object: JsonObject, camel: string, snake?: string): unknown;
/** The typed field reads every proto3 JSON decoder needs, bound to its format for the errors they raise. */
export interface JsonFieldReaders {
    /** Throws a DecodeError naming the field path. */
    fail(path: string, detail: string): never;
    /** A string field; absent or null reads as "". */
    string(value: unknown, path: string): string;
    /** A repeated field; absent or null reads as []. */
    array(value: unknown, path: string): unknown[];
}
export declare function jsonFieldReaders(format: string): JsonFieldReaders;
//# sourceMappingURL=json-input.d.ts.map