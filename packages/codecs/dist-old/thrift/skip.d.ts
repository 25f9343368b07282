import type { ThriftReader } from './reader.js';
/** Reads past one value of any type: how unknown fields are ignored. Depth is bounded by the reader's limit. */
export declare function skipValue(r: ThriftReader, type: number): void;
//# sourceMappingURL=skip.d.ts.map