import type { Process, Span, Tag } from '@skein/model';
/**
 * Skein → OTLP, the reverse of {@link translateSpan} by the rules of Jaeger's `jaegerproto_to_traces.go`:
 * `span.kind` → kind, `error`/`otel.status_code`/`otel.status_description` → status, `w3c.tracestate` →
 * traceState, scope tags → the scope, the first same-trace CHILD_OF reference → parent, other references → links
 * carrying `opentracing.ref_type`, a log's `event` field → the event name, process → resource with
 * `service.name`. Deliberate difference: binary tags stay bytes (Jaeger turns them into base64 strings).
 */
export interface OtlpOutSpan {
    traceId: string;
    spanId: string;
    parentSpanId: string;
    traceState: string;
    flags: number;
    name: string;
    kind: number;
    startMicros: number;
    endMicros: number;
    attributes: Tag[];
    events: Array<{
        timeMicros: number;
        name: string;
        attributes: Tag[];
    }>;
    links: Array<{
        traceId: string;
        spanId: string;
        attributes: Tag[];
    }>;
    statusCode: number;
    statusMessage: string;
}
export interface OtlpOutScope {
    name: string;
    version: string;
    spans: OtlpOutSpan[];
}
export interface OtlpOutResource {
    attributes: Tag[];
    scopes: OtlpOutScope[];
}
export declare function spanToOtlp(span: Span): {
    scope: {
        name: string;
        version: string;
    };
    span: OtlpOutSpan;
};
export declare function processToResourceAttributes(process: Process): Tag[];
/** Groups spans into resources (equal processes merge) and scopes, keeping the input order within each. */
export declare function spansToOtlp(spans: readonly Span[]): OtlpOutResource[];
//# sourceMappingURL=from-model.d.ts.map