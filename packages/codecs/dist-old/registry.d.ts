import type { SpanCodec } from './codec.js';
/**
 * Every wire format Skein reads, by name. Adding a format is one folder plus one line here.
 */
export declare const codecs: ReadonlyMap<string, SpanCodec>;
export declare function codecByName(name: string): SpanCodec;
//# sourceMappingURL=registry.d.ts.map