import { ZipkinConst } from './v1-span.js';
/**
 * Brings a v2 span to v1 shape the way Jaeger's collector does: the kind becomes core annotations at the start and
 * end, the remote endpoint becomes an `sa`/`ca`/`ma` address annotation, tags become string binary annotations,
 * and everything is hosted on the local endpoint. `shared` is not carried (Jaeger's query side separates shared
 * span ids). A missing timestamp or duration counts as 0, as in Jaeger.
 */
export function v2ToV1(s) {
    const local = s.localEndpoint;
    const ts = s.timestamp ?? 0;
    const d = s.duration ?? 0;
    const annotations = s.annotations.map((a) => ({ timestamp: a.timestamp, value: a.value, host: local }));
    const binaryAnnotations = s.tags.map(([key, value]) => ({
        tag: { key, type: 'string', value },
        host: local,
    }));
    switch (s.kind) {
        case 'SERVER':
            annotations.push({ timestamp: ts, value: ZipkinConst.SERVER_RECV, host: local }, { timestamp: ts + d, value: ZipkinConst.SERVER_SEND, host: local });
            break;
        case 'CLIENT':
            annotations.push({ timestamp: ts, value: ZipkinConst.CLIENT_SEND, host: local }, { timestamp: ts + d, value: ZipkinConst.CLIENT_RECV, host: local });
            break;
        case 'PRODUCER':
            annotations.push({ timestamp: ts, value: ZipkinConst.MESSAGE_SEND, host: local });
            break;
        case 'CONSUMER':
            annotations.push({ timestamp: ts, value: ZipkinConst.MESSAGE_RECV, host: local });
            break;
    }
    if (s.remoteEndpoint && s.kind) {
        const key = s.kind === 'CLIENT' ? ZipkinConst.SERVER_ADDR : s.kind === 'SERVER' ? ZipkinConst.CLIENT_ADDR : ZipkinConst.MESSAGE_ADDR;
        binaryAnnotations.push({ tag: { key, type: 'bool', value: true }, host: s.remoteEndpoint });
    }
    return {
        traceIdHigh: s.traceIdHigh,
        traceId: s.traceId,
        id: s.id,
        parentId: s.parentId,
        name: s.name,
        annotations,
        binaryAnnotations,
        debug: s.debug,
        timestamp: ts,
        duration: d,
        localEndpoint: local,
    };
}
//# sourceMappingURL=v2-to-v1.js.map