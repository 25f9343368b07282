import type { Tag } from '@skein/model';
/**
 * Zipkin's v1 span shape (zipkincore.thrift), the common ground every Zipkin format is brought to before Jaeger's
 * translation rules run, exactly as Jaeger's own collector does. Ids are lowercase hex of the i64 two's complement.
 */
export interface ZipkinEndpoint {
    serviceName: string;
    /** IPv4 packed big-endian into a uint32; 0 when absent. */
    ipv4: number;
    /** 16 bytes, or undefined when absent. */
    ipv6: Uint8Array | undefined;
    /** 0 when absent. */
    port: number;
}
export interface ZipkinAnnotation {
    timestamp: number;
    value: string;
    host: ZipkinEndpoint | undefined;
}
/** A binary annotation with its value already converted to a typed tag (its key is `tag.key`). */
export interface ZipkinBinaryAnnotation {
    tag: Tag;
    host: ZipkinEndpoint | undefined;
}
export interface ZipkinV1Span {
    traceIdHigh: string | undefined;
    traceId: string;
    id: string;
    parentId: string | undefined;
    name: string;
    annotations: ZipkinAnnotation[];
    binaryAnnotations: ZipkinBinaryAnnotation[];
    debug: boolean;
    timestamp: number | undefined;
    duration: number | undefined;
    /** Only set for spans converted from v2: the service name of last resort. */
    localEndpoint?: ZipkinEndpoint | undefined;
}
/** A span the source format could not even bring to v1 shape (bad id syntax, bad endpoint…). */
export interface ZipkinSpanProblem {
    reason: string;
    traceId?: string;
    spanId?: string;
}
/** Core and well-known annotation values and binary annotation keys of zipkincore.thrift. */
export declare const ZipkinConst: {
    readonly CLIENT_SEND: "cs";
    readonly CLIENT_RECV: "cr";
    readonly SERVER_SEND: "ss";
    readonly SERVER_RECV: "sr";
    readonly MESSAGE_SEND: "ms";
    readonly MESSAGE_RECV: "mr";
    readonly LOCAL_COMPONENT: "lc";
    readonly CLIENT_ADDR: "ca";
    readonly SERVER_ADDR: "sa";
    readonly MESSAGE_ADDR: "ma";
};
//# sourceMappingURL=v1-span.d.ts.map