export { ProtoReader, protoReader, DEFAULT_MAX_DEPTH } from './reader.js';
export { ProtoWriter, varintSize } from './writer.js';
export { WireType, MAX_FIELD_NUMBER } from './wire-type.js';
export { decodeUtf8, encodeUtf8, utf8Length } from './utf8.js';
export { bytesToHex, hexToBytes, idFromBytes, idFromHex, idToBytes, TRACE_ID_HEX_LENGTH, SPAN_ID_HEX_LENGTH, } from './ids.js';
export { bytesToBase64, base64ToBytes } from './base64.js';
export { microsToTimestamp, microsToDuration, secondsNanosToMicros } from './time.js';
export { formatTimestampMicros, formatDurationMicros, parseTimestampMicros, parseDurationMicros } from './json-time.js';
export { parseJsonPayload, isJsonObject, field, MAX_JSON_DEPTH } from './json-input.js';
//# sourceMappingURL=index.js.map