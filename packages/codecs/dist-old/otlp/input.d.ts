import type { Tag } from '@skein/model';
import type { IdResult } from '../protobuf/index.js';
/**
 * One OTLP span as read from either wire form, before translation. Ids stay unvalidated results so that a bad id
 * rejects only its span. Times are whole microseconds plus the dropped sub-microsecond nanoseconds, because
 * Jaeger computes the duration from the exact nanosecond difference.
 */
export interface OtlpSpanInput {
    traceId: IdResult;
    spanId: IdResult;
    /** undefined when absent or all zeros (a root span). */
    parentSpanId: IdResult | undefined;
    traceState: string;
    flags: number;
    name: string;
    kind: number;
    startMicros: number;
    startNanosRemainder: number;
    endMicros: number;
    endNanosRemainder: number;
    attributes: Tag[];
    droppedAttributesCount: number;
    events: OtlpEventInput[];
    droppedEventsCount: number;
    links: OtlpLinkInput[];
    droppedLinksCount: number;
    statusCode: number;
    statusMessage: string;
}
export interface OtlpEventInput {
    timeMicros: number;
    name: string;
    attributes: Tag[];
    droppedAttributesCount: number;
}
export interface OtlpLinkInput {
    traceId: IdResult;
    spanId: IdResult;
    traceState: string;
    attributes: Tag[];
    droppedAttributesCount: number;
    flags: number;
}
export interface OtlpScopeInput {
    name: string;
    version: string;
}
export declare function emptySpanInput(): OtlpSpanInput;
//# sourceMappingURL=input.d.ts.map