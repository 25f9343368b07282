export { kafkaProtobuf, kafkaJson } from './jaeger-encodings.js';
export { kafkaSkeinBatch, SKEIN_BATCH_MAGIC } from './skein-batch.js';
export { kafkaEncodings, kafkaEncodingByName, detectKafkaEncoding, decodeKafkaValue, DEFAULT_KAFKA_ENCODING } from './registry.js';
//# sourceMappingURL=index.js.map