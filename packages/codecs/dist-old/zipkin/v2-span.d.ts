import type { ZipkinEndpoint } from './v1-span.js';
export type ZipkinKind = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
/** A Zipkin v2 span (zipkin2 JSON / proto3) with ids already parsed to lowercase hex. */
export interface ZipkinV2Span {
    traceIdHigh: string | undefined;
    traceId: string;
    id: string;
    parentId: string | undefined;
    name: string;
    kind: ZipkinKind | undefined;
    timestamp: number | undefined;
    duration: number | undefined;
    localEndpoint: ZipkinEndpoint | undefined;
    remoteEndpoint: ZipkinEndpoint | undefined;
    annotations: {
        timestamp: number;
        value: string;
    }[];
    /** In input order. */
    tags: [string, string][];
    debug: boolean;
    shared: boolean;
}
//# sourceMappingURL=v2-span.d.ts.map