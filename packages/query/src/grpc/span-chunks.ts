import type { Span } from '@skein/model';

/** Spans per streamed message at most. */
export const MAX_SPANS_PER_MESSAGE = 1_000;

/** Largest message sent when spans can still be split: well under the 4 MiB a gRPC client accepts by default. */
export const TARGET_MESSAGE_BYTES = 1024 * 1024;

/**
 * Encodes spans as a sequence of messages of at most `MAX_SPANS_PER_MESSAGE` spans, halving a group whose encoding
 * exceeds `TARGET_MESSAGE_BYTES` (a single span is sent whatever its size).
 */
export function* encodeInChunks(
  spans: readonly Span[],
  encode: (spans: readonly Span[]) => Uint8Array,
  targetBytes = TARGET_MESSAGE_BYTES,
): Generator<Uint8Array> {
  for (let at = 0; at < spans.length; at += MAX_SPANS_PER_MESSAGE) {
    yield* encodeBounded(spans.slice(at, at + MAX_SPANS_PER_MESSAGE), encode, targetBytes);
  }
}

function* encodeBounded(
  spans: readonly Span[],
  encode: (spans: readonly Span[]) => Uint8Array,
  targetBytes: number,
): Generator<Uint8Array> {
  const bytes = encode(spans);
  if (bytes.length <= targetBytes || spans.length === 1) {
    yield bytes;
    return;
  }
  const half = Math.ceil(spans.length / 2);
  yield* encodeBounded(spans.slice(0, half), encode, targetBytes);
  yield* encodeBounded(spans.slice(half), encode, targetBytes);
}
