export declare function bytesToBase64(bytes: Uint8Array): string;
/** Standard or URL-safe base64 (protobuf JSON accepts both), padding optional; undefined when malformed. */
export declare function base64ToBytes(text: string): Uint8Array | undefined;
//# sourceMappingURL=base64.d.ts.map