/** Textual IPv4/IPv6 ⇄ the packed forms Zipkin's Thrift endpoint uses. */
/** "1.2.3.4" → uint32, or undefined when not a dotted quad. */
export function parseIpv4(text) {
    const parts = text.split('.');
    if (parts.length !== 4)
        return undefined;
    let n = 0;
    for (const p of parts) {
        if (!/^\d{1,3}$/.test(p))
            return undefined;
        const v = Number(p);
        if (v > 255)
            return undefined;
        n = n * 256 + v;
    }
    return n;
}
export function formatIpv4(n) {
    const u = n >>> 0;
    return `${u >>> 24}.${(u >>> 16) & 0xff}.${(u >>> 8) & 0xff}.${u & 0xff}`;
}
/** IPv6 text (with `::` and an optional trailing dotted quad) → 16 bytes, or undefined when malformed. */
export function parseIpv6(text) {
    if (text.length > 45 || text.length < 2)
        return undefined;
    let head = text;
    let tailV4;
    const lastColon = text.lastIndexOf(':');
    if (text.includes('.', lastColon)) {
        tailV4 = parseIpv4(text.slice(lastColon + 1));
        if (tailV4 === undefined)
            return undefined;
        head = text.slice(0, lastColon + 1) + '0:0';
    }
    const halves = head.split('::');
    if (halves.length > 2)
        return undefined;
    const groupsOf = (s) => (s === '' ? [] : s.split(':'));
    const left = groupsOf(halves[0]);
    const right = halves.length === 2 ? groupsOf(halves[1]) : [];
    if (!left || !right)
        return undefined;
    const missing = 8 - left.length - right.length;
    if (halves.length === 1 ? missing !== 0 : missing < 1)
        return undefined;
    const groups = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
    const out = new Uint8Array(16);
    for (let i = 0; i < 8; i++) {
        const g = groups[i];
        if (!/^[0-9a-fA-F]{1,4}$/.test(g))
            return undefined;
        const v = parseInt(g, 16);
        out[2 * i] = v >> 8;
        out[2 * i + 1] = v & 0xff;
    }
    if (tailV4 !== undefined) {
        out[12] = tailV4 >>> 24;
        out[13] = (tailV4 >>> 16) & 0xff;
        out[14] = (tailV4 >>> 8) & 0xff;
        out[15] = tailV4 & 0xff;
    }
    return out;
}
/** 16 bytes → uncompressed IPv6 text (lowercase, leading zeros dropped per group). */
export function formatIpv6(bytes) {
    const groups = [];
    for (let i = 0; i + 1 < bytes.length && i < 16; i += 2)
        groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    return groups.join(':');
}
//# sourceMappingURL=endpoint-ip.js.map