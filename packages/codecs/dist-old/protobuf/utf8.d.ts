/**
 * An all-ASCII byte range as a string. Built in one piece on purpose: strings grown by `+=` are V8 cons-strings
 * (ropes), and every later regex, compare or hash of one pays to flatten it first (3× the collector's decode time).
 */
export declare function asciiString(bytes: Uint8Array, start: number, end: number): string;
/** Decodes UTF-8; invalid sequences become U+FFFD, as protobuf runtimes commonly do for proto3 strings. */
export declare function decodeUtf8(bytes: Uint8Array, start: number, end: number): string;
/** Exact UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export declare function utf8Length(text: string): number;
export declare function encodeUtf8Into(text: string, target: Uint8Array, offset: number): number;
export declare function encodeUtf8(text: string): Uint8Array;
//# sourceMappingURL=utf8.d.ts.map