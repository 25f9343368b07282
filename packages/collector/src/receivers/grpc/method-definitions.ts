import type { MethodDefinition } from '@grpc/grpc-js';

/**
 * What a server-side deserializer hands the handler. grpc-js answers INTERNAL when a deserializer throws, so
 * ours never throws: a payload that cannot be decoded arrives as `{ok: false}` and the handler answers
 * INVALID_ARGUMENT with the decoder's message.
 */
export type DecodeOutcome<T> = { ok: true; value: T; bytes: number } | { ok: false; error: unknown; bytes: number };

/** Wraps a decoder so it cannot throw into grpc-js. */
export function safeDeserializer<T>(decode: (bytes: Uint8Array) => T): (buffer: Buffer) => DecodeOutcome<T> {
  return (buffer) => {
    try {
      return { ok: true, value: decode(buffer), bytes: buffer.length };
    } catch (error) {
      return { ok: false, error, bytes: buffer.length };
    }
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A unary method served with our own codecs: decoded request in, encoded response bytes out. */
export function unaryServerMethod<Request, Response>(
  path: string,
  decodeRequest: (bytes: Uint8Array) => Request,
  encodeResponse: (response: Response) => Uint8Array,
): MethodDefinition<DecodeOutcome<Request>, Response> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    // The client half is never used on the server; it is here because grpc-js' type asks for it.
    requestSerialize: () => {
      throw new Error(`${path}: server-side definition used as a client`);
    },
    requestDeserialize: safeDeserializer(decodeRequest),
    responseSerialize: (response) => toBuffer(encodeResponse(response)),
    responseDeserialize: () => {
      throw new Error(`${path}: server-side definition used as a client`);
    },
  };
}

/** A unary method on raw bytes both ways: for clients in tests and benchmarks that encode with Skein's codecs. */
export function rawUnaryMethod(path: string): MethodDefinition<Uint8Array, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: toBuffer,
    requestDeserialize: (buffer) => buffer,
    responseSerialize: toBuffer,
    responseDeserialize: (buffer) => buffer,
  };
}
