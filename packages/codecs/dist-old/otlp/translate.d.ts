import type { Process, Span, Tag } from '@skein/model';
import type { DecodedBatch, RejectedSpan } from '../codec.js';
import type { OtlpScopeInput, OtlpSpanInput } from './input.js';
/**
 * OTLP → Skein, by the rules Jaeger applies (OpenTelemetry collector-contrib `pkg/translator/jaeger`,
 * `traces_to_jaegerproto.go`, which Jaeger's OTLP receiver uses). The README table lists them.
 */
/** Jaeger's service name for a resource without attributes. */
export declare const NO_SERVICE_NAME = "OTLPResourceNoServiceName";
export declare const TagKey: {
    readonly spanKind: "span.kind";
    readonly statusCode: "otel.status_code";
    readonly statusDescription: "otel.status_description";
    readonly error: "error";
    readonly scopeName: "otel.scope.name";
    readonly scopeVersion: "otel.scope.version";
    /** Pre-1.0 names, still written by older exporters and read back by Jaeger. */
    readonly libraryName: "otel.library.name";
    readonly libraryVersion: "otel.library.version";
    readonly traceState: "w3c.tracestate";
    readonly event: "event";
    readonly refType: "opentracing.ref_type";
    readonly serviceName: "service.name";
    readonly droppedAttributes: "otel.dropped_attributes_count";
    readonly droppedEvents: "otel.dropped_events_count";
    readonly droppedLinks: "otel.dropped_links_count";
};
export declare const KIND_TAG_VALUES: Readonly<Record<number, string>>;
export interface OtlpTranslateOptions {
    /**
     * Add `otel.dropped_{attributes,events,links}_count` tags when non-zero, as the OpenTelemetry non-OTLP mapping
     * asks. Off by default because Jaeger's translator does not do it, and the same span should look the same.
     */
    recordDroppedCounts?: boolean;
}
/** Resource attributes → process: `service.name` becomes the service name and leaves the tags. */
export declare function resourceToProcess(attributes: Tag[]): Process;
/** Translates one span, or returns why it is refused. */
export declare function translateSpan(input: OtlpSpanInput, scope: OtlpScopeInput, process: Process, options?: OtlpTranslateOptions): Span | RejectedSpan;
/** Adds a translated span or its rejection to the batch outcome. */
export declare function collect(result: Span | RejectedSpan, out: DecodedBatch): void;
//# sourceMappingURL=translate.d.ts.map