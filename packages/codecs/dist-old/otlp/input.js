export function emptySpanInput() {
    return {
        traceId: { ok: false, reason: 'traceId: missing' },
        spanId: { ok: false, reason: 'spanId: missing' },
        parentSpanId: undefined,
        traceState: '',
        flags: 0,
        name: '',
        kind: 0,
        startMicros: 0,
        startNanosRemainder: 0,
        endMicros: 0,
        endNanosRemainder: 0,
        attributes: [],
        droppedAttributesCount: 0,
        events: [],
        droppedEventsCount: 0,
        links: [],
        droppedLinksCount: 0,
        statusCode: 0,
        statusMessage: '',
    };
}
//# sourceMappingURL=input.js.map