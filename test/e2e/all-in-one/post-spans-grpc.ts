import { credentials, makeGenericClientConstructor, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';

const PostSpansClient = makeGenericClientConstructor(
  {
    PostSpans: {
      path: '/jaeger.api_v2.CollectorService/PostSpans',
      requestStream: false,
      responseStream: false,
      requestSerialize: (bytes: Uint8Array) => Buffer.from(bytes),
      requestDeserialize: (bytes: Buffer) => bytes,
      responseSerialize: (bytes: Uint8Array) => Buffer.from(bytes),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  },
  'PostSpansClient',
);

/** Jaeger gRPC's `PostSpans` with `body` sent as is (a valid request or not); rejects with the call's error. */
export async function postSpansBytes(port: number, body: Uint8Array): Promise<void> {
  const client = new PostSpansClient(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as Client & {
    PostSpans: (request: Uint8Array, metadata: Metadata, callback: (error: ServiceError | null) => void) => void;
  };
  try {
    await new Promise<void>((resolve, reject) => client.PostSpans(body, new Metadata(), (error) => (error ? reject(error) : resolve())));
  } finally {
    client.close();
  }
}
