import { type ZipkinV1Span } from './v1-span.js';
import type { ZipkinV2Span } from './v2-span.js';
/**
 * Brings a v2 span to v1 shape the way Jaeger's collector does: the kind becomes core annotations at the start and
 * end, the remote endpoint becomes an `sa`/`ca`/`ma` address annotation, tags become string binary annotations,
 * and everything is hosted on the local endpoint. `shared` is not carried (Jaeger's query side separates shared
 * span ids). A missing timestamp or duration counts as 0, as in Jaeger.
 */
export declare function v2ToV1(s: ZipkinV2Span): ZipkinV1Span;
//# sourceMappingURL=v2-to-v1.d.ts.map