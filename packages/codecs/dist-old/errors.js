/**
 * A payload that cannot be decoded. Carries the format, the byte offset (when known) and the field path, so a
 * receiver can answer with a message that tells the sender what is wrong.
 */
export class DecodeError extends Error {
    format;
    detail;
    location;
    name = 'DecodeError';
    constructor(format, detail, location = {}) {
        const where = [
            location.field !== undefined ? `field ${location.field}` : undefined,
            location.offset !== undefined ? `at byte ${location.offset}` : undefined,
        ]
            .filter(Boolean)
            .join(', ');
        super(`${format}: ${detail}${where ? ` (${where})` : ''}`);
        this.format = format;
        this.detail = detail;
        this.location = location;
    }
}
//# sourceMappingURL=errors.js.map