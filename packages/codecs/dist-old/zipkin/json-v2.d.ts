import type { RejectedSpan } from '../codec.js';
import type { ZipkinV2Span } from './v2-span.js';
/** Zipkin v2 JSON spans (`POST /api/v2/spans`); a malformed span is rejected, the rest kept. */
export declare function spansFromV2Json(items: readonly unknown[], rejected: RejectedSpan[]): ZipkinV2Span[];
//# sourceMappingURL=json-v2.d.ts.map