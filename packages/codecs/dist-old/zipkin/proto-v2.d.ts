import type { RejectedSpan } from '../codec.js';
import type { ZipkinV2Span } from './v2-span.js';
export declare const ZIPKIN_PROTO_FORMAT = "zipkin.v2.proto";
/**
 * Reads `zipkin.proto3.ListOfSpans` (1: repeated Span). Span: 1 trace_id bytes(8|16), 2 parent_id bytes(8),
 * 3 id bytes(8), 4 kind enum, 5 name, 6 timestamp fixed64, 7 duration uint64, 8 local_endpoint, 9 remote_endpoint,
 * 10 annotations, 11 tags map<string,string>, 12 debug, 13 shared. Endpoint: 1 service_name, 2 ipv4 bytes(4),
 * 3 ipv6 bytes(16), 4 port int32. Annotation: 1 timestamp fixed64, 2 value.
 */
export declare function spansFromV2Proto(payload: Uint8Array, rejected: RejectedSpan[]): ZipkinV2Span[];
//# sourceMappingURL=proto-v2.d.ts.map