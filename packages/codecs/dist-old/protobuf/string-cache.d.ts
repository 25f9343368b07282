export declare function decodeUtf8Cached(bytes: Uint8Array, start: number, end: number): string;
//# sourceMappingURL=string-cache.d.ts.map