export type { TraceId, SpanId, TagType, Tag, RefType, SpanReference, Log, Process, Span, Trace } from './span.js';
export { ModelError, InvalidIdError, JsonSyntaxError, describeInput } from './errors.js';
export {
  TRACE_ID_HEX_LENGTH,
  SPAN_ID_HEX_LENGTH,
  type TraceIdInput,
  type SpanIdInput,
  traceIdFromHex,
  spanIdFromHex,
  traceIdFromBytes,
  spanIdFromBytes,
  traceIdFromHighLow,
  spanIdFromInt64,
  traceIdFromWords,
  spanIdFromWords,
  toTraceId,
  toSpanId,
  isTraceId,
  isSpanId,
  traceIdToBytes,
  spanIdToBytes,
  writeIdBytes,
  traceIdToHighLow,
  spanIdToInt64,
  formatJaegerTraceId,
} from './ids.js';
export {
  type StringTag,
  type BoolTag,
  type Int64Tag,
  type Float64Tag,
  type BinaryTag,
  type TagOfType,
  TAG_TYPES,
  INT64_MIN,
  INT64_MAX,
  isTagType,
  isInt64,
  stringTag,
  boolTag,
  int64Tag,
  float64Tag,
  binaryTag,
  isTagOfType,
  findTag,
  tagValueAsString,
} from './tags.js';
export { formatFloatLikeGo } from './go-float.js';
export { type JsonParseLimits, stringifyJson, parseJson } from './json-text.js';
export {
  type JaegerUiTrace,
  type JaegerUiSpan,
  type JaegerUiReference,
  type JaegerUiLog,
  type JaegerUiProcess,
  type JaegerUiKeyValue,
  type ToJaegerUiOptions,
  toJaegerUiTrace,
  fromJaegerUiTrace,
  parseJaegerUiTrace,
  stringifyJaegerUiTrace,
} from './jaeger-json.js';
export { spanContentHash } from './span-key.js';
export { type SpanProblem, validateSpan, assertValidSpan } from './validate.js';
export { SPAN_SIZE_COSTS, estimateSpanBytes, estimateTagBytes } from './span-size.js';
export { cloneSpan } from './span-clone.js';
export { benchmarkSpan } from './benchmark-span.js';
