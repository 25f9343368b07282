import type { Tag } from '@skein/model';
import type { ThriftReader } from '../thrift/reader.js';
import type { ZipkinV1Span } from './v1-span.js';
/** Reads `list<zipkincore.Span>` (the list header included). */
export declare function readZipkinSpanList(r: ThriftReader): ZipkinV1Span[];
export declare function readZipkinSpan(r: ThriftReader): ZipkinV1Span;
/** Big-endian number annotations as Jaeger reads them; a value too short keeps its bytes in a readable error tag. */
export declare function binaryAnnotationTag(key: string, type: number, value: Uint8Array): Tag;
//# sourceMappingURL=thrift-v1-reader.d.ts.map