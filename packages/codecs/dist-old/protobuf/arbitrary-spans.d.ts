/** fast-check generators of model spans for the protobuf-family codec tests (test-only module). */
import fc from 'fast-check';
import type { Process, Span, Tag } from '@skein/model';
export declare const traceIdArb: fc.Arbitrary<string>;
export declare const spanIdArb: fc.Arbitrary<string>;
export declare const tagArb: fc.Arbitrary<Tag>;
export declare const processArb: fc.Arbitrary<Process>;
export interface SpanArbOptions {
    /** Jaeger-native formats keep every flag bit; OTLP keeps only "sampled". */
    flags?: fc.Arbitrary<number>;
}
/** Spans with unique span ids (index-suffixed) so tests can match them up after regrouping. */
export declare function spansArb(options?: SpanArbOptions): fc.Arbitrary<Span[]>;
export declare const bySpanId: (spans: readonly Span[]) => Span[];
//# sourceMappingURL=arbitrary-spans.d.ts.map