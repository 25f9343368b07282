const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9_-]*={0,2}$/;
export function bytesToBase64(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
/** Standard or URL-safe base64 (protobuf JSON accepts both), padding optional; undefined when malformed. */
export function base64ToBytes(text) {
    if (!BASE64.test(text) && !BASE64_URL.test(text))
        return undefined;
    if (text.replace(/=+$/, '').length % 4 === 1)
        return undefined;
    return new Uint8Array(Buffer.from(text, 'base64'));
}
//# sourceMappingURL=base64.js.map