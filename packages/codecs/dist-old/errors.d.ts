/**
 * A payload that cannot be decoded. Carries the format, the byte offset (when known) and the field path, so a
 * receiver can answer with a message that tells the sender what is wrong.
 */
export declare class DecodeError extends Error {
    readonly format: string;
    readonly detail: string;
    readonly location: {
        offset?: number;
        field?: string;
    };
    readonly name = "DecodeError";
    constructor(format: string, detail: string, location?: {
        offset?: number;
        field?: string;
    });
}
//# sourceMappingURL=errors.d.ts.map