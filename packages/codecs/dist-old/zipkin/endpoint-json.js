import { parseIpv4, parseIpv6 } from './endpoint-ip.js';
import { isObject, own, ownNumber, ownString, SpanProblem } from './json-input.js';
/** A Zipkin JSON endpoint `{serviceName, ipv4, ipv6, port}` (same shape in v1 and v2). */
export function endpointFromJson(value, where) {
    if (value === undefined || value === null)
        return undefined;
    if (!isObject(value))
        throw new SpanProblem(`${where}: expected an object`);
    const ipv4Text = ownString(value, 'ipv4');
    const ipv6Text = ownString(value, 'ipv6');
    let ipv4 = 0;
    let ipv6;
    if (ipv4Text) {
        const parsed = parseIpv4(ipv4Text);
        if (parsed === undefined)
            throw new SpanProblem(`${where}.ipv4: "${ipv4Text.slice(0, 64)}" is not an IPv4 address`);
        ipv4 = parsed;
    }
    if (ipv6Text) {
        ipv6 = parseIpv6(ipv6Text);
        if (!ipv6)
            throw new SpanProblem(`${where}.ipv6: "${ipv6Text.slice(0, 64)}" is not an IPv6 address`);
    }
    const serviceName = own(value, 'serviceName');
    return {
        serviceName: typeof serviceName === 'string' ? serviceName : '',
        ipv4,
        ipv6,
        port: (ownNumber(value, 'port') ?? 0) & 0xffff,
    };
}
//# sourceMappingURL=endpoint-json.js.map