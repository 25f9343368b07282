import { createHash } from 'node:crypto';
import { spanContentHash, type Span } from '@skein/model';

/**
 * A span's document id: trace id + span id + content hash. A redelivered span overwrites itself; a different span
 * reusing the ids (Zipkin shared spans) gets its own document.
 */
export function spanDocumentId(span: Span, contentHash: string = spanContentHash(span)): string {
  return `${span.traceId}-${span.spanId}-${contentHash}`;
}

/** One service document per (service, operation, span kind) and index. */
export function serviceDocumentId(serviceName: string, operationName: string, spanKind: string): string {
  return stableHash(['service', serviceName, operationName, spanKind]);
}

/** One trace-location document per (trace, time bucket). */
export function traceLocationDocumentId(traceId: string, bucketStartMs: number): string {
  return `${traceId}-${bucketStartMs}`;
}

/** A dependency document per timestamp, so writing the same links again replaces them. */
export function dependenciesDocumentId(timestampMicros: number): string {
  return `deps-${timestampMicros}`;
}

/** 128 bits of SHA-1 over the JSON of the parts: ids stay short whatever the names' length. */
function stableHash(parts: readonly string[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
