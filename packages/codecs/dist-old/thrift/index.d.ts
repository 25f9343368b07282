export { TType, MessageType, defaultThriftLimits } from './types.js';
export type { MessageHeader, ThriftLimits } from './types.js';
export type { ThriftReader } from './reader.js';
export type { ThriftWriter } from './writer.js';
export { BinaryReader } from './binary-reader.js';
export { CompactReader } from './compact-reader.js';
export { BinaryWriter } from './binary-writer.js';
export { CompactWriter } from './compact-writer.js';
export { skipValue } from './skip.js';
export * from './int64.js';
export { inField } from './field-path.js';
//# sourceMappingURL=index.d.ts.map