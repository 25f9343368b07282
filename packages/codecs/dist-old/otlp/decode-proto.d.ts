import type { Tag } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import { type ProtoReader } from '../protobuf/index.js';
import { type OtlpTranslateOptions } from './translate.js';
export declare const OTLP_PROTO_FORMAT = "otlp.proto";
/** The attributes of one `Resource` message. */
export declare function readResourceAttributes(resource: ProtoReader): Tag[];
/** Decodes an `ExportTraceServiceRequest` (also `TracesData`, which has the same layout). */
export declare function decodeOtlpProto(payload: Uint8Array, options?: OtlpTranslateOptions): DecodedBatch;
//# sourceMappingURL=decode-proto.d.ts.map