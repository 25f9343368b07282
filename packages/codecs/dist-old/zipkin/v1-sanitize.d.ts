import { type ZipkinV1Span } from './v1-span.js';
/**
 * Jaeger's Zipkin sanitizers, applied in Jaeger's order before translation: missing duration, missing start
 * time, zero parent id, and string `error` tags. Mutates and returns the span.
 */
export declare function sanitizeZipkinSpan(span: ZipkinV1Span): ZipkinV1Span;
//# sourceMappingURL=v1-sanitize.d.ts.map