import { inField } from '../thrift/field-path.js';
import { MessageType, TType } from '../thrift/types.js';
import { readZipkinSpanList } from '../zipkin/thrift-v1-reader.js';
import { decodeZipkinV1 } from '../zipkin/v1-to-model.js';
import { AGENT_ARGS_FIELD, AgentMethod } from './idl.js';
import { readBatch } from './decode-batch.js';
import { writeBatch } from './encode-batch.js';
/**
 * Reads one UDP datagram of the Agent service: a oneway `emitBatch(1: Batch)` or `emitZipkinBatch(1: list<Span>)`
 * message. Anything else is a DecodeError.
 */
export function readAgentMessage(r) {
    const header = r.readMessageBegin();
    if (header.type !== MessageType.ONEWAY && header.type !== MessageType.CALL) {
        throw r.fail(`message type ${header.type} is not a call; the Agent service only takes oneway calls`);
    }
    const isJaeger = header.name === AgentMethod.emitBatch;
    if (!isJaeger && header.name !== AgentMethod.emitZipkinBatch) {
        throw r.fail(`unknown Agent method "${header.name.slice(0, 64)}" (known: emitBatch, emitZipkinBatch)`);
    }
    let result;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        if (r.fieldId === AGENT_ARGS_FIELD && isJaeger && t === TType.STRUCT) {
            result = readBatch(r);
        }
        else if (r.fieldId === AGENT_ARGS_FIELD && !isJaeger && t === TType.LIST) {
            try {
                result = decodeZipkinV1(readZipkinSpanList(r));
            }
            catch (e) {
                throw inField(e, 'spans');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    if (!result)
        throw r.fail(`${header.name}: argument 1 is missing`);
    return result;
}
/** Writes `Agent.emitBatch(batch)` as a oneway message, as Jaeger clients send it to the agent over UDP. */
export function writeEmitBatch(w, process, spans, seqId = 0) {
    w.writeMessageBegin(AgentMethod.emitBatch, MessageType.ONEWAY, seqId);
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRUCT, AGENT_ARGS_FIELD);
    writeBatch(w, process, spans);
    w.writeFieldStop();
    w.writeStructEnd();
}
//# sourceMappingURL=agent.js.map