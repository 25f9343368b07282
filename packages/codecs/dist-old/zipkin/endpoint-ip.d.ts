/** Textual IPv4/IPv6 ⇄ the packed forms Zipkin's Thrift endpoint uses. */
/** "1.2.3.4" → uint32, or undefined when not a dotted quad. */
export declare function parseIpv4(text: string): number | undefined;
export declare function formatIpv4(n: number): string;
/** IPv6 text (with `::` and an optional trailing dotted quad) → 16 bytes, or undefined when malformed. */
export declare function parseIpv6(text: string): Uint8Array | undefined;
/** 16 bytes → uncompressed IPv6 text (lowercase, leading zeros dropped per group). */
export declare function formatIpv6(bytes: Uint8Array): string;
//# sourceMappingURL=endpoint-ip.d.ts.map