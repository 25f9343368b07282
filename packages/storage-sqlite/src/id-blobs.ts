import { traceIdFromBytes, writeIdBytes, type TraceId } from '@skein/model';

/** A trace id as the 16-byte Buffer better-sqlite3 binds as a BLOB (it does not bind a plain Uint8Array). */
export function traceIdBlob(traceId: TraceId): Buffer {
  const blob = Buffer.allocUnsafe(16);
  writeIdBytes(traceId, blob, 0, 'traceId');
  return blob;
}

export function traceIdOfBlob(blob: Uint8Array): TraceId {
  return traceIdFromBytes(blob, 'trace_chunks.trace_id');
}
