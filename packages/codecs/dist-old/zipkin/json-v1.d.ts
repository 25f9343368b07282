import type { RejectedSpan } from '../codec.js';
import type { ZipkinV1Span } from './v1-span.js';
/** Zipkin v1 JSON spans (`POST /api/v1/spans`) to v1 shape; a malformed span is rejected, the rest kept. */
export declare function spansFromV1Json(items: readonly unknown[], rejected: RejectedSpan[]): ZipkinV1Span[];
export declare function idsFromJson(obj: Record<string, unknown>): Pick<ZipkinV1Span, 'traceIdHigh' | 'traceId' | 'id' | 'parentId'>;
//# sourceMappingURL=json-v1.d.ts.map