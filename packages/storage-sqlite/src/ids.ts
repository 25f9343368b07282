/** Trace and span ids are stored as raw bytes (16 and 8) to keep the indexes small. */
export function idToBytes(hexId: string): Buffer {
  return Buffer.from(hexId, 'hex');
}

export function bytesToId(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
