/**
 * How a Kafka failure should be treated by whoever called us:
 * - `retryable`: try the same thing again later (broker unavailable, leader moving, timeouts, our buffer full).
 * - `permanent`: retrying cannot help (a record larger than the broker accepts, an authorization failure, a bad topic).
 */
export type KafkaErrorKind = 'retryable' | 'permanent';

/** The reason label used for metrics: short, bounded, stable. */
export type KafkaErrorReason =
  | 'overloaded'
  | 'broker-unavailable'
  | 'timeout'
  | 'message-too-large'
  | 'not-authorized'
  | 'invalid-topic'
  | 'closed'
  | 'unknown';

export class KafkaError extends Error {
  override readonly name: string = 'KafkaError';
  constructor(
    message: string,
    readonly kind: KafkaErrorKind,
    readonly reason: KafkaErrorReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

/** A record the broker (or our own pre-check) refuses because of its size; names the span and the limit. */
export class MessageTooLargeError extends KafkaError {
  override readonly name = 'MessageTooLargeError';
  constructor(
    readonly topic: string,
    readonly limitBytes: number,
    readonly sizeBytes: number | undefined,
    readonly spanIds: readonly { traceId: string; spanId: string }[],
    options?: { cause?: unknown },
  ) {
    const which = spanIds.length === 1 ? `span ${spanIds[0]!.spanId} of trace ${spanIds[0]!.traceId}` : describeSpans(spanIds);
    const size = sizeBytes === undefined ? 'larger than' : `${sizeBytes} bytes, over`;
    super(`Kafka record for ${which} is ${size} the ${limitBytes}-byte limit of topic ${topic} (kafka.producer.max-message-bytes / broker message.max.bytes)`, 'permanent', 'message-too-large', options);
  }
}

function describeSpans(spanIds: readonly { traceId: string; spanId: string }[]): string {
  const first = spanIds[0];
  if (!first) return 'an empty record';
  return `${spanIds.length} spans of trace ${first.traceId} (first span ${first.spanId})`;
}

/** Broker error codes (Kafka protocol names) that retrying the same request can fix. */
const RETRYABLE_API_ERRORS = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'REBALANCE_IN_PROGRESS',
  'THROTTLING_QUOTA_EXCEEDED',
]);

const PERMANENT_API_ERRORS: Record<string, KafkaErrorReason> = {
  MESSAGE_TOO_LARGE: 'message-too-large',
  RECORD_LIST_TOO_LARGE: 'message-too-large',
  TOPIC_AUTHORIZATION_FAILED: 'not-authorized',
  CLUSTER_AUTHORIZATION_FAILED: 'not-authorized',
  GROUP_AUTHORIZATION_FAILED: 'not-authorized',
  SASL_AUTHENTICATION_FAILED: 'not-authorized',
  INVALID_TOPIC_EXCEPTION: 'invalid-topic',
  INVALID_RECORD: 'invalid-topic',
  CORRUPT_MESSAGE: 'invalid-topic',
};

/**
 * Sorts any error thrown by a Kafka client into retryable or permanent. Client errors are walked through `errors`
 * (AggregateError) and `cause` so that a broker code nested in a multi-partition failure is found.
 */
export function classifyKafkaError(error: unknown): { kind: KafkaErrorKind; reason: KafkaErrorReason } {
  if (error instanceof KafkaError) return { kind: error.kind, reason: error.reason };
  let sawTimeout = false;
  let sawNetwork = false;
  for (const e of walkErrors(error)) {
    const apiId = typeof e.apiId === 'string' ? e.apiId : typeof e.type === 'string' ? e.type : undefined;
    if (apiId && apiId in PERMANENT_API_ERRORS) return { kind: 'permanent', reason: PERMANENT_API_ERRORS[apiId]! };
    if (apiId === 'REQUEST_TIMED_OUT') sawTimeout = true;
    else if (apiId && RETRYABLE_API_ERRORS.has(apiId)) sawNetwork = true;
    const code = typeof e.code === 'string' ? e.code : '';
    const name = typeof e.name === 'string' ? e.name : '';
    if (code === 'PLT_KFK_TIMEOUT' || name === 'TimeoutError' || name === 'KafkaJSRequestTimeoutError') sawTimeout = true;
    if (
      code === 'PLT_KFK_NETWORK' ||
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'EPIPE' ||
      code === 'ETIMEDOUT' ||
      name === 'KafkaJSConnectionError' ||
      name === 'KafkaJSNumberOfRetriesExceeded' ||
      e.retriable === true ||
      e.canRetry === true
    ) {
      sawNetwork = true;
    }
  }
  if (sawTimeout) return { kind: 'retryable', reason: 'timeout' };
  if (sawNetwork) return { kind: 'retryable', reason: 'broker-unavailable' };
  // Unknown failures are retried: giving up on a span we could still deliver is worse than trying again.
  return { kind: 'retryable', reason: 'unknown' };
}

type ErrorLike = Record<string, unknown>;

function* walkErrors(error: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 6 || typeof error !== 'object' || error === null) return;
  const e = error as ErrorLike;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* walkErrors(inner, depth + 1);
  if (e.cause !== undefined) yield* walkErrors(e.cause, depth + 1);
}

/** Wraps a client error into a KafkaError carrying the classification and some context. */
export function toKafkaError(error: unknown, context: string): KafkaError {
  if (error instanceof KafkaError) return error;
  const { kind, reason } = classifyKafkaError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new KafkaError(`${context}: ${detail}`, kind, reason, { cause: error });
}
