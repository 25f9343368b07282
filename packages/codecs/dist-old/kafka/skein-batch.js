import { DecodeError } from '../errors.js';
import { writePostSpansRequest } from '../jaeger-proto/encode.js';
import { decodePostSpansRequest } from '../jaeger-proto/index.js';
import { ProtoWriter } from '../protobuf/index.js';
/**
 * Skein's own record layout: every span of one trace from one request in one record, as a
 * `jaeger.api_v2.PostSpansRequest` (one Batch per distinct process, so a process is written once, not per span),
 * behind a 4-byte prefix. The prefix starts with 0x00, which no protobuf message and no JSON text can start with
 * (field number 0 is invalid), so an ingester tells it apart from Jaeger's encodings record by record.
 */
export const SKEIN_BATCH_MAGIC = Uint8Array.of(0x00, 0x53, 0x4b, 0x01); // "\0SK" + version 1
const FORMAT = 'kafka.skein-batch';
export function hasSkeinBatchMagic(value) {
    return value.length >= 4 && value[0] === 0x00 && value[1] === 0x53 && value[2] === 0x4b;
}
export const kafkaSkeinBatch = {
    name: 'skein-batch',
    encode(spans) {
        const byTrace = new Map();
        for (const span of spans) {
            const group = byTrace.get(span.traceId);
            if (group)
                group.push(span);
            else
                byTrace.set(span.traceId, [span]);
        }
        const messages = [];
        // One writer for all records: its buffer grows once instead of once per record.
        const writer = new ProtoWriter();
        for (const [traceId, group] of byTrace) {
            writer.reset();
            writer.raw(SKEIN_BATCH_MAGIC);
            writePostSpansRequest(writer, group);
            messages.push({ key: traceId, value: writer.finish() });
        }
        return messages;
    },
    decode(value) {
        if (!hasSkeinBatchMagic(value))
            throw new DecodeError(FORMAT, 'missing the skein-batch prefix 00 53 4b', { offset: 0 });
        if (value[3] !== SKEIN_BATCH_MAGIC[3])
            throw new DecodeError(FORMAT, `unsupported skein-batch version ${value[3]}`, { offset: 3 });
        return decodePostSpansRequest(value.subarray(SKEIN_BATCH_MAGIC.length), FORMAT);
    },
};
//# sourceMappingURL=skein-batch.js.map