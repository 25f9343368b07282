import { jaegerAgentBinary, jaegerAgentCompact, jaegerThriftBinary, jaegerThriftCompact } from './jaeger-thrift/index.js';
import { jaegerJsonSpan, jaegerProtoBatch, jaegerProtoSpan } from './jaeger-proto/index.js';
import { otlpJson, otlpProto } from './otlp/index.js';
import { zipkinV1Json, zipkinV1Thrift, zipkinV2Json, zipkinV2Proto } from './zipkin/index.js';
/**
 * Every wire format Skein reads, by name. Adding a format is one folder plus one line here.
 */
export const codecs = new Map([
    [otlpProto.name, otlpProto],
    [otlpJson.name, otlpJson],
    [jaegerProtoBatch.name, jaegerProtoBatch],
    [jaegerProtoSpan.name, jaegerProtoSpan],
    [jaegerJsonSpan.name, jaegerJsonSpan],
    [jaegerThriftBinary.name, jaegerThriftBinary],
    [jaegerThriftCompact.name, jaegerThriftCompact],
    [jaegerAgentCompact.name, jaegerAgentCompact],
    [jaegerAgentBinary.name, jaegerAgentBinary],
    [zipkinV1Json.name, zipkinV1Json],
    [zipkinV1Thrift.name, zipkinV1Thrift],
    [zipkinV2Json.name, zipkinV2Json],
    [zipkinV2Proto.name, zipkinV2Proto],
]);
export function codecByName(name) {
    const codec = codecs.get(name);
    if (!codec)
        throw new Error(`unknown span format "${name}" (known: ${[...codecs.keys()].join(', ')})`);
    return codec;
}
//# sourceMappingURL=registry.js.map