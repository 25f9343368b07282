export type { SpanCodec, DecodedBatch, RejectedSpan } from './codec.js';
export { DecodeError } from './errors.js';
export { codecs, codecByName } from './registry.js';
