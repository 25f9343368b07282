/** Thrift wire type ids as the binary protocol writes them; the compact reader maps its own ids onto these. */
export const TType = {
  STOP: 0,
  VOID: 1,
  BOOL: 2,
  BYTE: 3,
  DOUBLE: 4,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  SET: 14,
  LIST: 15,
} as const;
export type TType = (typeof TType)[keyof typeof TType];

export const MessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 } as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export interface MessageHeader {
  name: string;
  type: number;
  seqId: number;
}

/** Bounds applied while reading untrusted bytes. Every violation becomes a DecodeError, never an allocation. */
export interface ThriftLimits {
  /** Largest list/set/map element count accepted. */
  maxContainerSize: number;
  /** Largest string/binary length accepted (it must also fit in the bytes that remain). */
  maxStringLength: number;
  /** Deepest struct/container nesting accepted. */
  maxDepth: number;
}

export const defaultThriftLimits: ThriftLimits = {
  maxContainerSize: 1_000_000,
  maxStringLength: 16 * 1024 * 1024,
  maxDepth: 64,
};
