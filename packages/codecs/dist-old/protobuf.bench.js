import { encodePostSpansRequest, decodePostSpansRequest } from './jaeger-proto/index.js';
import { kafkaEncodings, kafkaProtobuf } from './kafka/index.js';
import { decodeOtlpJson, decodeOtlpProto, encodeOtlpJson, encodeOtlpProto, otlpProto } from './otlp/index.js';
import { runBenches, jsonParseBaseline } from './testing/bench.js';
import { decodeAndConsume } from './testing/consume.js';
const SPANS_PER_REQUEST = 100;
function hex(n, width) {
    return n.toString(16).padStart(width, '0');
}
/** A realistic request: 100 spans over 5 traces, one service, 20 mixed attributes each, a log on every 5th span. */
function makeSpans() {
    const process = {
        serviceName: 'checkout',
        tags: [
            { key: 'host.name', type: 'string', value: 'checkout-7d9f8b6c5-x2x4p' },
            { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' },
            { key: 'telemetry.sdk.version', type: 'string', value: '1.25.1' },
            { key: 'k8s.namespace.name', type: 'string', value: 'shop' },
        ],
    };
    const spans = [];
    for (let i = 0; i < SPANS_PER_REQUEST; i++) {
        const tags = [
            { key: 'otel.scope.name', type: 'string', value: '@opentelemetry/instrumentation-http' },
            { key: 'otel.scope.version', type: 'string', value: '0.52.0' },
        ];
        for (let a = 0; a < 20; a++) {
            const kind = a % 4;
            const key = `app.attribute.${a}`;
            if (kind === 0)
                tags.push({ key, type: 'string', value: `value-${i}-${a}-some-typical-length` });
            else if (kind === 1)
                tags.push({ key, type: 'int64', value: BigInt(i * 1000 + a) });
            else if (kind === 2)
                tags.push({ key, type: 'bool', value: a % 3 === 0 });
            else
                tags.push({ key, type: 'float64', value: i / (a + 1) });
        }
        tags.push({ key: 'span.kind', type: 'string', value: i % 2 ? 'server' : 'client' });
        spans.push({
            traceId: hex(0xabc000 + (i % 5), 32),
            spanId: hex(0x100000 + i, 16),
            operationName: `GET /api/items/${i % 7}`,
            references: i % 20 === 0 ? [] : [{ refType: 'CHILD_OF', traceId: hex(0xabc000 + (i % 5), 32), spanId: hex(0x100000 + i - 1, 16) }],
            flags: 1,
            startTime: 1_718_000_000_000_000 + i * 1000,
            duration: 1234 + i,
            tags,
            logs: i % 5 === 0 ? [{ timestamp: 1_718_000_000_000_500 + i, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }] : [],
            process,
            warnings: [],
        });
    }
    return spans;
}
/**
 * The issue's "realistic span": 100 spans per request, each with 10 attributes (4 string, 3 int64, 2 double, 1 bool),
 * 2 events (one attribute each), 1 link to another trace, under one resource of 5 attributes (service.name + 4).
 */
function makeIssueSpans() {
    const process = {
        serviceName: 'checkout',
        tags: [
            { key: 'host.name', type: 'string', value: 'checkout-7d9f8b6c5-x2x4p' },
            { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' },
            { key: 'telemetry.sdk.version', type: 'string', value: '2.12.1' },
            { key: 'k8s.namespace.name', type: 'string', value: 'shop' },
        ],
    };
    return Array.from({ length: SPANS_PER_REQUEST }, (_, i) => {
        const traceId = hex(0xabc000 + (i % 5), 32);
        const startTime = 1_718_000_000_000_000 + i * 1000;
        return {
            traceId,
            spanId: hex(0x100000 + i, 16),
            operationName: `GET /api/items/${i % 7}`,
            references: [
                { refType: 'CHILD_OF', traceId, spanId: hex(0x200000 + i, 16) },
                { refType: 'FOLLOWS_FROM', traceId: hex(0xdef000 + i, 32), spanId: hex(0x300000 + i, 16) },
            ],
            flags: 1,
            startTime,
            duration: 1234 + i,
            tags: [
                { key: 'otel.scope.name', type: 'string', value: '@opentelemetry/instrumentation-http' },
                { key: 'otel.scope.version', type: 'string', value: '0.52.0' },
                { key: 'http.request.method', type: 'string', value: 'GET' },
                { key: 'url.full', type: 'string', value: `https://shop.example.com/api/items/${i % 7}?page=${i}` },
                { key: 'server.address', type: 'string', value: 'shop.example.com' },
                { key: 'user_agent.original', type: 'string', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' },
                { key: 'http.response.status_code', type: 'int64', value: 200n },
                { key: 'server.port', type: 'int64', value: 443n },
                { key: 'http.response.body.size', type: 'int64', value: BigInt(1000 + i) },
                { key: 'app.latency.ratio', type: 'float64', value: i / 100 },
                { key: 'app.cache.fill', type: 'float64', value: 0.75 },
                { key: 'app.cache.hit', type: 'bool', value: i % 3 === 0 },
                { key: 'span.kind', type: 'string', value: 'server' },
            ],
            logs: [
                { timestamp: startTime + 100, fields: [{ key: 'event', type: 'string', value: 'request.start' }, { key: 'attempt', type: 'int64', value: 1n }] },
                { timestamp: startTime + 900, fields: [{ key: 'event', type: 'string', value: 'cache miss' }, { key: 'cache.key', type: 'string', value: `item:${i}` }] },
            ],
            process,
            warnings: [],
        };
    });
}
/** The collector's defaults, with its clock at the spans' start times. */
const TRANSCODE_PLAN = {
    nowMicros: 1_718_000_000_000_000,
    minStartMicros: Date.UTC(2000, 0, 1) * 1000,
    maxFutureMicros: 24 * 3_600_000_000,
    maxDurationMicros: 7 * 24 * 3_600_000_000,
    maxTags: 1000,
    maxTagValueLength: 64 * 1024,
    maxSpanBytes: 900_000,
    processTags: [],
};
const spans = makeSpans();
const issueOtlpProtoBytes = encodeOtlpProto(makeIssueSpans());
const otlpProtoBytes = encodeOtlpProto(spans);
const otlpJsonBytes = encodeOtlpJson(spans);
const jaegerBatchBytes = encodePostSpansRequest(spans);
const count = spans.length;
const cases = [
    { name: 'otlp.proto.decode', spansPerRound: count, bytesPerRound: otlpProtoBytes.length, round: () => decodeOtlpProto(otlpProtoBytes), extra: { requestBytes: otlpProtoBytes.length } },
    {
        name: 'otlp.proto decode (issue span)',
        spansPerRound: SPANS_PER_REQUEST,
        bytesPerRound: issueOtlpProtoBytes.length,
        round: () => decodeOtlpProto(issueOtlpProtoBytes),
        extra: { requestBytes: issueOtlpProtoBytes.length },
    },
    // The collector's fast path against the path it replaces, on the same request (same-run baseline).
    {
        name: 'otlp.proto → kafka.protobuf records, fast path (issue span)',
        spansPerRound: SPANS_PER_REQUEST,
        bytesPerRound: issueOtlpProtoBytes.length,
        round: () => {
            if (!otlpProto.toKafkaProtobuf(issueOtlpProtoBytes, TRANSCODE_PLAN))
                throw new Error('the fast path refused the issue span');
        },
    },
    {
        name: 'otlp.proto → kafka.protobuf records, decode + encode (issue span)',
        spansPerRound: SPANS_PER_REQUEST,
        bytesPerRound: issueOtlpProtoBytes.length,
        round: () => kafkaProtobuf.encode(decodeOtlpProto(issueOtlpProtoBytes).spans),
    },
    { name: 'otlp.json.decode', spansPerRound: count, bytesPerRound: otlpJsonBytes.length, round: () => decodeOtlpJson(otlpJsonBytes), extra: { requestBytes: otlpJsonBytes.length } },
    { name: 'otlp.proto.encode', spansPerRound: count, bytesPerRound: otlpProtoBytes.length, round: () => encodeOtlpProto(spans) },
    {
        name: 'jaeger.proto.batch.decode',
        spansPerRound: count,
        bytesPerRound: jaegerBatchBytes.length,
        round: () => decodePostSpansRequest(jaegerBatchBytes, 'bench'),
        extra: { requestBytes: jaegerBatchBytes.length },
    },
    // + consume: each decoded string then read once by a regex, as the collector's pipeline does (testing/consume.ts).
    { name: 'otlp.proto.decode + consume', spansPerRound: count, bytesPerRound: otlpProtoBytes.length, round: () => decodeAndConsume(() => decodeOtlpProto(otlpProtoBytes)) },
    { name: 'jaeger.proto.batch.decode + consume', spansPerRound: count, bytesPerRound: jaegerBatchBytes.length, round: () => decodeAndConsume(() => decodePostSpansRequest(jaegerBatchBytes, 'bench')) },
];
for (const encoding of kafkaEncodings.values()) {
    const messages = encoding.encode(spans);
    const bytes = messages.reduce((sum, m) => sum + m.value.length, 0);
    cases.push({
        name: `kafka.${encoding.name}.encode+decode`,
        spansPerRound: count,
        bytesPerRound: bytes,
        round: () => {
            for (const message of encoding.encode(spans))
                encoding.decode(message.value);
        },
        extra: { bytesPerSpan: Math.round(bytes / count), messages: messages.length },
    });
}
const rates = runBenches(jsonParseBaseline(spans), cases);
const ratio = (rates.get('kafka.skein-batch.encode+decode') ?? 0) / (rates.get('kafka.protobuf.encode+decode') ?? 1);
console.log(JSON.stringify({ bench: 'kafka.skein-batch/protobuf', ratio: Math.round(ratio * 100) / 100 }));
const fastPath = rates.get('otlp.proto → kafka.protobuf records, fast path (issue span)') ?? 0;
const decodeEncode = rates.get('otlp.proto → kafka.protobuf records, decode + encode (issue span)') ?? 1;
console.log(JSON.stringify({ bench: 'otlp→kafka fast path / decode + encode', ratio: Math.round((fastPath / decodeEncode) * 100) / 100 }));
//# sourceMappingURL=protobuf.bench.js.map