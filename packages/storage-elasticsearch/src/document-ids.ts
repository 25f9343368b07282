import { createHash } from 'node:crypto';
import { spanContentHash, type Span } from '@skein/model';

const TWO_POW_32 = 0x1_0000_0000;

/**
 * A span's document id: its start time, span id and content hash (which covers the trace id too), 24 bytes in
 * base64url. A redelivered span overwrites itself; a different span reusing the ids (Zipkin shared spans) gets its
 * own document.
 *
 * The start time comes first, big-endian, so ids grow with time. Elasticsearch stores a base64url id as its bytes,
 * and checking whether an id already exists (which every write with an explicit id pays for) then stops early in
 * every older segment; random ids (the trace id first, as Skein wrote them before) cost the cluster more CPU per
 * span the larger the index grows (`npm run bench -w @skein/storage-elasticsearch`, `es.document-ids`).
 */
export function spanDocumentId(span: Span, contentHash: string = spanContentHash(span)): string {
  const bytes = Buffer.allocUnsafe(24);
  const micros = Math.max(0, Math.min(span.startTime, Number.MAX_SAFE_INTEGER));
  const high = Math.floor(micros / TWO_POW_32);
  bytes.writeUInt32BE(high, 0);
  bytes.writeUInt32BE(micros - high * TWO_POW_32, 4);
  bytes.write(span.spanId.padStart(16, '0'), 8, 8, 'hex');
  bytes.write(contentHash, 16, 8, 'hex');
  return bytes.toString('base64url');
}

/** One service document per (service, operation, span kind) and index. */
export function serviceDocumentId(serviceName: string, operationName: string, spanKind: string): string {
  return stableHash(['service', serviceName, operationName, spanKind]);
}

/** A dependency document per timestamp, so writing the same links again replaces them. */
export function dependenciesDocumentId(timestampMicros: number): string {
  return `deps-${timestampMicros}`;
}

/** 128 bits of SHA-1 over the JSON of the parts: ids stay short whatever the names' length. */
function stableHash(parts: readonly string[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
