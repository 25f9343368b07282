import type { Process, Tag } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import type { ThriftReader } from '../thrift/reader.js';
/** Reads a `jaeger.thrift` Batch struct into model spans; every span gets the batch's process. */
export declare function readBatch(r: ThriftReader): DecodedBatch;
export declare function readTag(r: ThriftReader): Tag;
export declare function readProcess(r: ThriftReader): Process;
//# sourceMappingURL=decode-batch.d.ts.map