import { type IdResult } from '../protobuf/index.js';
/** OTLP ids are exactly 16/8 bytes (protobuf) or 32/16 hex characters (JSON); anything else is refused. */
export declare function otlpIdFromBytes(bytes: Uint8Array, width: 8 | 16, field: string): IdResult;
export declare function otlpIdFromHex(text: string, width: 8 | 16, field: string): IdResult;
/** A parent id: empty or all zeros means "no parent" (Jaeger tests `parentSpanID != 0`). */
export declare function isNoParent(result: IdResult): boolean;
//# sourceMappingURL=ids.d.ts.map