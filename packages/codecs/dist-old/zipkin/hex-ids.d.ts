export interface TraceIdHalves {
    high: string;
    low: string;
}
export declare function parseZipkinTraceId(text: string): TraceIdHalves | undefined;
export declare function parseZipkinSpanId(text: string): string | undefined;
//# sourceMappingURL=hex-ids.d.ts.map