import type { Process, Span } from '@skein/model';
import type { ThriftWriter } from '../thrift/writer.js';
/** Writes a `jaeger.thrift` Batch: one process, the given spans (their own `process` fields are not consulted). */
export declare function writeBatch(w: ThriftWriter, process: Process, spans: readonly Span[]): void;
//# sourceMappingURL=encode-batch.d.ts.map