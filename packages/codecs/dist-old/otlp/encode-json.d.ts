import type { Span, Tag } from '@skein/model';
import { type JsonObject } from '../protobuf/index.js';
export declare function attributeToJson(tag: Tag): JsonObject;
/** The OTLP JSON object `{resourceSpans: [...]}` (`TracesData` / `ExportTraceServiceRequest`). */
export declare function spansToOtlpJsonValue(spans: readonly Span[]): JsonObject;
export declare function encodeOtlpJson(spans: readonly Span[]): Uint8Array;
//# sourceMappingURL=encode-json.d.ts.map