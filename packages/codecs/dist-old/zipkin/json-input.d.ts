import type { RejectedSpan } from '../codec.js';
import { isJsonObject, type JsonObject } from '../protobuf/json-input.js';
export type { JsonObject };
/** Parses a JSON body that must be an array (of spans). Any parse problem is a DecodeError. */
export declare function parseJsonArray(format: string, payload: Uint8Array): unknown[];
export declare const isObject: typeof isJsonObject;
/** Reads an own property only, so keys like `__proto__` or `constructor` in input never reach prototypes. */
export declare function own(obj: JsonObject, key: string): unknown;
export declare function ownString(obj: JsonObject, key: string): string | undefined;
export declare function ownNumber(obj: JsonObject, key: string): number | undefined;
/** Thrown inside a span's conversion; becomes a per-span rejection, not a batch failure. */
export declare class SpanProblem extends Error {
}
/**
 * Converts each JSON span with `convert`. A SpanProblem rejects only that span, with the ids it carried when they
 * are strings; the other spans are kept.
 */
export declare function convertJsonSpans<T>(items: readonly unknown[], convert: (item: unknown) => T, rejected: RejectedSpan[]): T[];
//# sourceMappingURL=json-input.d.ts.map