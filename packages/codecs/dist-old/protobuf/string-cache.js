import { asciiString, decodeUtf8 } from './utf8.js';
/**
 * Decodes short strings that repeat from message to message (tag keys, operation and service names) through a
 * small direct-mapped cache: a hit costs one hash and one comparison over the bytes, allocates nothing, and hands
 * out the same string again, whose hash V8 has already computed for later map lookups.
 */
const CACHE_SIZE = 4096; // power of two
const MAX_CACHED_LENGTH = 32;
const cachedStrings = new Array(CACHE_SIZE).fill('');
export function decodeUtf8Cached(bytes, start, end) {
    const length = end - start;
    if (length > MAX_CACHED_LENGTH || length === 0)
        return decodeUtf8(bytes, start, end);
    let hash = length;
    let bits = 0;
    for (let i = start; i < end; i++) {
        const byte = bytes[i];
        bits |= byte;
        hash = Math.imul(hash ^ byte, 0x01000193);
    }
    // Only ASCII is cached (one char per byte), so comparing char codes with bytes is an exact test.
    if (bits >= 0x80)
        return decodeUtf8(bytes, start, end);
    const slot = (hash ^ (hash >>> 15)) & (CACHE_SIZE - 1);
    const cached = cachedStrings[slot];
    if (cached.length === length) {
        let same = true;
        for (let i = 0; i < length; i++) {
            if (cached.charCodeAt(i) !== bytes[start + i]) {
                same = false;
                break;
            }
        }
        if (same)
            return cached;
    }
    const decoded = asciiString(bytes, start, end);
    cachedStrings[slot] = decoded;
    return decoded;
}
//# sourceMappingURL=string-cache.js.map