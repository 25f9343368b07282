/**
 * The canonical span model. Every receiver decodes into it, every store and API encodes from it. It follows
 * Jaeger's model closely so that Jaeger's storage documents and query API fall out of it directly.
 */

/** 128-bit trace id as 32 lowercase hex characters (64-bit ids are left-padded with zeros). Never all zeros. */
export type TraceId = string;

/** 64-bit span id as 16 lowercase hex characters. Never all zeros. */
export type SpanId = string;

export type TagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

/**
 * A typed key/value. `int64` is a bigint so that values beyond 2^53 round-trip exactly through every codec and
 * store; `binary` is raw bytes.
 */
export type Tag =
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'bool'; value: boolean }
  | { key: string; type: 'int64'; value: bigint }
  | { key: string; type: 'float64'; value: number }
  | { key: string; type: 'binary'; value: Uint8Array };

export type RefType = 'CHILD_OF' | 'FOLLOWS_FROM';

export interface SpanReference {
  refType: RefType;
  traceId: TraceId;
  spanId: SpanId;
}

/** A timestamped set of fields inside a span (OTLP events and Zipkin annotations become logs). */
export interface Log {
  /** Microseconds since the Unix epoch. */
  timestamp: number;
  fields: Tag[];
}

/** The emitting process: the service name plus its tags (OTLP resource attributes). */
export interface Process {
  serviceName: string;
  tags: Tag[];
}

export interface Span {
  traceId: TraceId;
  spanId: SpanId;
  operationName: string;
  /** Parent first: a span's parent is its first CHILD_OF reference within the same trace. */
  references: SpanReference[];
  /** Jaeger flags: bit 0 sampled, bit 1 debug, bit 2 firehose. */
  flags: number;
  /** Microseconds since the Unix epoch. */
  startTime: number;
  /** Microseconds, never negative. */
  duration: number;
  tags: Tag[];
  logs: Log[];
  process: Process;
  /** Problems found while receiving or adjusting the span, shown to the user in the UI. */
  warnings: string[];
}

/** All spans that share one trace id, in no particular order. */
export interface Trace {
  traceId: TraceId;
  spans: Span[];
}
