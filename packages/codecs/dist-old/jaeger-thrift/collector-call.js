import { readStructList } from '../thrift/struct-list.js';
import { MessageType, TType } from '../thrift/types.js';
import { inField } from '../thrift/field-path.js';
import { COLLECTOR_ARGS_FIELD, CollectorMethod } from './idl.js';
import { readBatch } from './decode-batch.js';
import { writeBatch } from './encode-batch.js';
/** First byte of a Thrift message: TBinaryProtocol's strict version word (0x8001…) or TCompactProtocol's id (0x82). */
const MESSAGE_START = { binary: 0x80, compact: 0x82 };
/**
 * Whether an HTTP body is a whole Thrift call rather than a bare Batch struct. A bare struct starts with a field
 * header (0x0C for Batch.process in binary, 0x1C in compact), never with a message start, so the first byte decides.
 */
export function isThriftMessage(payload, protocol) {
    return payload[0] === MESSAGE_START[protocol];
}
/**
 * `Collector.submitBatches(1: list<Batch>)` as a Thrift call message: what clients built on Thrift's HTTP transport
 * (the OpenCensus Python exporter among them) post to `/api/traces`. Every batch's spans are returned together.
 */
export function readCollectorCall(r) {
    const header = r.readMessageBegin();
    if (header.type !== MessageType.CALL && header.type !== MessageType.ONEWAY) {
        throw r.fail(`message type ${header.type} is not a call; POST /api/traces takes a Batch or a submitBatches call`);
    }
    if (header.name !== CollectorMethod.submitBatches) {
        throw r.fail(`unknown Collector method "${header.name.slice(0, 64)}" (known: submitBatches)`);
    }
    let batches;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        if (r.fieldId === COLLECTOR_ARGS_FIELD && t === TType.LIST) {
            try {
                batches = readStructList(r, readBatch);
            }
            catch (e) {
                throw inField(e, 'batches');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    if (!batches)
        throw r.fail('submitBatches: argument 1 (batches) is missing');
    return { spans: batches.flatMap((batch) => batch.spans), rejected: batches.flatMap((batch) => batch.rejected) };
}
/** Writes `Collector.submitBatches(batches)` as a call message. */
export function writeSubmitBatches(w, batches, seqId = 0) {
    w.writeMessageBegin(CollectorMethod.submitBatches, MessageType.CALL, seqId);
    w.writeStructBegin();
    w.writeFieldBegin(TType.LIST, COLLECTOR_ARGS_FIELD);
    w.writeListBegin(TType.STRUCT, batches.length);
    for (const batch of batches)
        writeBatch(w, batch.process, batch.spans);
    w.writeFieldStop();
    w.writeStructEnd();
}
//# sourceMappingURL=collector-call.js.map