import type { DecodedBatch } from '../codec.js';
import { type OtlpTranslateOptions } from './translate.js';
/**
 * OTLP/JSON (the OTLP spec's JSON encoding): proto3 JSON mapping with hex trace/span ids. Field names in
 * lowerCamelCase or their proto names, enums as numbers or names, 64-bit integers as strings or numbers.
 */
export declare const OTLP_JSON_FORMAT = "otlp.json";
export declare function decodeOtlpJsonValue(root: unknown, options?: OtlpTranslateOptions): DecodedBatch;
export declare function decodeOtlpJson(payload: Uint8Array, options?: OtlpTranslateOptions): DecodedBatch;
//# sourceMappingURL=decode-json.d.ts.map