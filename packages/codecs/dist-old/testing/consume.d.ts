import type { Span } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
/** Reads every string of the decoded spans once, as a downstream consumer would, so rope strings show their cost. */
export declare function consumeSpans(spans: readonly Span[]): number;
export declare function decodeAndConsume(decode: () => DecodedBatch): number;
//# sourceMappingURL=consume.d.ts.map