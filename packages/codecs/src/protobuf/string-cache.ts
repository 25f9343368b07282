import { decodeUtf8 } from './utf8.js';

/**
 * Decodes short strings that repeat from message to message (tag keys, operation and service names) through a
 * small direct-mapped cache: a hit costs one hash and one comparison over the bytes, allocates nothing, and hands
 * out the same string again, whose hash V8 has already computed for later map lookups.
 */
const CACHE_SIZE = 4096; // power of two
const MAX_CACHED_LENGTH = 32;
const cachedStrings: string[] = new Array<string>(CACHE_SIZE).fill('');

export function decodeUtf8Cached(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_CACHED_LENGTH || length === 0) return decodeUtf8(bytes, start, end);
  let hash = length;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  const slot = (hash ^ (hash >>> 15)) & (CACHE_SIZE - 1);
  const cached = cachedStrings[slot]!;
  if (cached.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (cached.charCodeAt(i) !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return cached;
  }
  const decoded = decodeUtf8(bytes, start, end);
  // Only strings with one char per byte are kept, so the byte comparison above is an exact test.
  if (decoded.length === length) cachedStrings[slot] = decoded;
  return decoded;
}
