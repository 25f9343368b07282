import type { KafkaSpanMessage } from '@skein/codecs';
import type { Logger, Option, Registry } from '@skein/runtime';
import type { SpanWriter } from '@skein/storage';

/** A span writer plus what the collector needs around it: a readiness probe and a way to close it. */
export interface ManagedSpanWriter {
  /** `SPAN_STORAGE_TYPE` value it was built for, e.g. `kafka`. */
  readonly backend: string;
  readonly writer: SpanWriter;
  /**
   * Set when the backend stores Kafka `protobuf` records as they are: the collector then transcodes requests
   * straight into records (see `SpanCodec.toKafkaProtobuf`) instead of building spans to encode them again.
   */
  readonly protobufRecords?: ProtobufRecordWriter;
  /** Resolves when the backend answers (`/readyz`); rejects naming what is unreachable. */
  checkReady(): Promise<void>;
  /** Flushes and releases connections. */
  close(): Promise<void>;
}

/** Writes Jaeger `protobuf` Kafka records, one span each, with the guarantees of `SpanWriter.writeSpans`. */
export interface ProtobufRecordWriter {
  writeRecords(records: readonly KafkaSpanMessage[]): Promise<void>;
}

export interface WriterContext {
  logger: Logger;
  metrics: Registry;
}

/**
 * One `SPAN_STORAGE_TYPE`: the options it reads (listed in `skein collector --help`) and how to build the writer
 * from their loaded values. `values` holds every loaded collector option, keyed like `options`.
 */
export interface SpanWriterKind {
  readonly name: string;
  /** Section its option values are loaded under; `writer.<name>` unless kinds share options (the stores do). */
  readonly section?: string;
  readonly options: Record<string, Option<unknown>>;
  create(values: Record<string, unknown>, context: WriterContext): Promise<ManagedSpanWriter>;
}
