import type { ThriftReader } from './reader.js';
/**
 * Reads a `list<struct>` (header included) with `readItem` per element. A list of another element type is
 * skipped and reads as empty, as Thrift does for a field of the wrong type. Errors name the element: `[3].key`.
 */
export declare function readStructList<T>(r: ThriftReader, readItem: (r: ThriftReader) => T): T[];
//# sourceMappingURL=struct-list.d.ts.map