import type { Span } from '@skein/model';
/** Model spans as a Zipkin v2 JSON array: the reverse of the decoding rules in the README. */
export declare function encodeZipkinV2Json(spans: readonly Span[]): Uint8Array;
//# sourceMappingURL=json-v2-encode.d.ts.map