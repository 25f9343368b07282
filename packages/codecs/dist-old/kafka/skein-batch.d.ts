import type { KafkaSpanEncoding } from './encoding.js';
/**
 * Skein's own record layout: every span of one trace from one request in one record, as a
 * `jaeger.api_v2.PostSpansRequest` (one Batch per distinct process, so a process is written once, not per span),
 * behind a 4-byte prefix. The prefix starts with 0x00, which no protobuf message and no JSON text can start with
 * (field number 0 is invalid), so an ingester tells it apart from Jaeger's encodings record by record.
 */
export declare const SKEIN_BATCH_MAGIC: Uint8Array<ArrayBuffer>;
export declare function hasSkeinBatchMagic(value: Uint8Array): boolean;
export declare const kafkaSkeinBatch: KafkaSpanEncoding;
//# sourceMappingURL=skein-batch.d.ts.map