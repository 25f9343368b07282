import { kafkaJson, kafkaProtobuf } from './jaeger-encodings.js';
import { hasSkeinBatchMagic, kafkaSkeinBatch } from './skein-batch.js';
export const kafkaEncodings = new Map([kafkaProtobuf, kafkaJson, kafkaSkeinBatch].map((encoding) => [encoding.name, encoding]));
/** The encoding a Skein producer uses when config does not say (Jaeger's default, readable by Jaeger's ingester). */
export const DEFAULT_KAFKA_ENCODING = 'protobuf';
export function kafkaEncodingByName(name) {
    const encoding = kafkaEncodings.get(name);
    if (!encoding)
        throw new Error(`unknown Kafka span encoding "${name}" (known: ${[...kafkaEncodings.keys()].join(', ')})`);
    return encoding;
}
/**
 * Which encoding a record value is in: Skein's prefix, else JSON when the first byte is `{` (Jaeger writes no leading blanks), else
 * Jaeger protobuf (a protobuf Span has no marker of its own).
 */
export function detectKafkaEncoding(value) {
    if (hasSkeinBatchMagic(value))
        return 'skein-batch';
    // Only a leading `{` counts: a protobuf Span starts with 0x0a (a newline), so skipping blanks would misread it.
    return value[0] === 0x7b ? 'json' : 'protobuf';
}
/** Decodes a record in whichever encoding it carries, so topics written by mixed producers still ingest. */
export function decodeKafkaValue(value) {
    return kafkaEncodingByName(detectKafkaEncoding(value)).decode(value);
}
//# sourceMappingURL=registry.js.map