import type { Span } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
/** One Kafka record: the key decides the partition (Skein and Jaeger key by trace id so a trace stays together). */
export interface KafkaSpanMessage {
    key: Uint8Array | string;
    value: Uint8Array;
}
/** A way of putting spans into Kafka record values, chosen by name in config (`kafka.encoding`). */
export interface KafkaSpanEncoding {
    readonly name: string;
    encode(spans: readonly Span[]): KafkaSpanMessage[];
    /** Throws DecodeError for an unreadable value (a poison message for the dead-letter topic). */
    decode(value: Uint8Array): DecodedBatch;
}
//# sourceMappingURL=encoding.d.ts.map