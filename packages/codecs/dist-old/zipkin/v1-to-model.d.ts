import type { DecodedBatch, RejectedSpan } from '../codec.js';
import { type ZipkinV1Span } from './v1-span.js';
export declare const UNKNOWN_SERVICE_NAME = "unknown-service-name";
/** Translates v1-shaped Zipkin spans by Jaeger's rules (sanitizers first). Spans with unusable ids are rejected. */
export declare function decodeZipkinV1(zspans: readonly ZipkinV1Span[], rejected?: RejectedSpan[]): DecodedBatch;
//# sourceMappingURL=v1-to-model.d.ts.map