/** Core and well-known annotation values and binary annotation keys of zipkincore.thrift. */
export const ZipkinConst = {
    CLIENT_SEND: 'cs',
    CLIENT_RECV: 'cr',
    SERVER_SEND: 'ss',
    SERVER_RECV: 'sr',
    MESSAGE_SEND: 'ms',
    MESSAGE_RECV: 'mr',
    LOCAL_COMPONENT: 'lc',
    CLIENT_ADDR: 'ca',
    SERVER_ADDR: 'sa',
    MESSAGE_ADDR: 'ma',
};
//# sourceMappingURL=v1-span.js.map