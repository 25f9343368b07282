import type { DecodedBatch } from '../codec.js';
import type { KafkaSpanEncoding } from './encoding.js';
export declare const kafkaEncodings: ReadonlyMap<string, KafkaSpanEncoding>;
/** The encoding a Skein producer uses when config does not say (Jaeger's default, readable by Jaeger's ingester). */
export declare const DEFAULT_KAFKA_ENCODING = "protobuf";
export declare function kafkaEncodingByName(name: string): KafkaSpanEncoding;
/**
 * Which encoding a record value is in: Skein's prefix, else JSON when the first byte is `{` (Jaeger writes no leading blanks), else
 * Jaeger protobuf (a protobuf Span has no marker of its own).
 */
export declare function detectKafkaEncoding(value: Uint8Array): 'skein-batch' | 'json' | 'protobuf';
/** Decodes a record in whichever encoding it carries, so topics written by mixed producers still ingest. */
export declare function decodeKafkaValue(value: Uint8Array): DecodedBatch;
//# sourceMappingURL=registry.d.ts.map