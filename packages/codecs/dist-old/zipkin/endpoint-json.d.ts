import type { ZipkinEndpoint } from './v1-span.js';
/** A Zipkin JSON endpoint `{serviceName, ipv4, ipv6, port}` (same shape in v1 and v2). */
export declare function endpointFromJson(value: unknown, where: string): ZipkinEndpoint | undefined;
//# sourceMappingURL=endpoint-json.d.ts.map