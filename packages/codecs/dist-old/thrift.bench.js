import { jaegerAgentBinary, jaegerAgentCompact, jaegerThriftBinary } from './jaeger-thrift/index.js';
import { runBenches, jsonParseBaseline } from './testing/bench.js';
import { decodeAndConsume } from './testing/consume.js';
import { zipkinV2Json } from './zipkin/index.js';
function realisticBatch(spanCount, tagCount) {
    const process = { serviceName: 'checkout', tags: [{ key: 'hostname', type: 'string', value: 'checkout-7d9f' }] };
    return Array.from({ length: spanCount }, (_, i) => {
        const tags = Array.from({ length: tagCount }, (_, j) => {
            switch (j % 4) {
                case 0:
                    return { key: `http.attr${j}`, type: 'string', value: `/api/v1/orders/${i * 31 + j}` };
                case 1:
                    return { key: `db.rows${j}`, type: 'int64', value: BigInt(i * 1000 + j) };
                case 2:
                    return { key: `cache.hit${j}`, type: 'bool', value: j % 3 === 0 };
                default:
                    return { key: `latency.ratio${j}`, type: 'float64', value: i / (j + 1) };
            }
        });
        return {
            traceId: `4bf92f3577b34da6a3ce929d0e0e${(4736 + (i >> 4)).toString(16).padStart(4, '0')}`,
            spanId: (0x00f067aa0ba902b7 + i).toString(16).padStart(16, '0'),
            operationName: `GET /api/v1/orders/{id}`,
            references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId: `4bf92f3577b34da6a3ce929d0e0e1280`, spanId: '00f067aa0ba902b7' }],
            flags: 1,
            startTime: 1_700_000_000_000_000 + i * 100,
            duration: 1500 + i,
            tags,
            logs: [],
            process,
            warnings: [],
        };
    });
}
/** `consume`: the decoded strings are then each read once (see testing/consume.ts), as the collector's pipeline does. */
function decodeCase(label, codec, spans, consume = false) {
    const payload = codec.encode(spans);
    return {
        name: consume ? `${label} + consume` : label,
        spansPerRound: spans.length,
        bytesPerRound: payload.length,
        round: consume ? () => decodeAndConsume(() => codec.decode(payload)) : () => codec.decode(payload),
        extra: { payloadBytes: payload.length },
    };
}
const spans = realisticBatch(100, 20);
runBenches(jsonParseBaseline(spans), [
    decodeCase('decode jaeger.agent.compact', jaegerAgentCompact, spans),
    decodeCase('decode jaeger.agent.binary', jaegerAgentBinary, spans),
    decodeCase('decode jaeger.thrift.binary', jaegerThriftBinary, spans),
    decodeCase('decode zipkin.v2.json', zipkinV2Json, spans),
    decodeCase('decode jaeger.agent.compact', jaegerAgentCompact, spans, true),
    decodeCase('decode jaeger.thrift.binary', jaegerThriftBinary, spans, true),
    decodeCase('decode zipkin.v2.json', zipkinV2Json, spans, true),
]);
//# sourceMappingURL=thrift.bench.js.map