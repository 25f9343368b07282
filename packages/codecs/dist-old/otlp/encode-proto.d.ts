import type { Span, Tag } from '@skein/model';
import { ProtoWriter } from '../protobuf/index.js';
export declare function writeAttribute(w: ProtoWriter, field: number, tag: Tag): void;
/** Encodes spans as an `ExportTraceServiceRequest` (byte-identical to `TracesData`). */
export declare function encodeOtlpProto(spans: readonly Span[]): Uint8Array;
/**
 * `ExportTraceServiceResponse`: empty on full success; with `partial_success` when spans were rejected, as the
 * OTLP spec asks (rejected count plus a human-readable message).
 */
export declare function encodeOtlpExportResponse(rejectedSpans: number, errorMessage?: string): Uint8Array;
//# sourceMappingURL=encode-proto.d.ts.map