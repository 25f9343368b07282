import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';

/** A client that sends and receives raw message bytes: for benchmarks that measure the server, not a decoder. */
export function rawGrpcClient(port: number): { stream(path: string, request: Buffer): Promise<number>; close(): void } {
  const identity = (bytes: Buffer): Buffer => bytes;
  const clients = new Map<string, any>();
  const clientFor = (path: string): any => {
    let client = clients.get(path);
    if (!client) {
      const Constructor = makeGenericClientConstructor(
        { call: { path, requestStream: false, responseStream: true, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } },
        'Raw',
      );
      client = new Constructor(`127.0.0.1:${port}`, credentials.createInsecure());
      clients.set(path, client);
    }
    return client;
  };
  return {
    /** Calls a server-streaming method; resolves with the bytes received. */
    stream: (path, request) =>
      new Promise((resolve, reject) => {
        let bytes = 0;
        const call = clientFor(path).call(request);
        call.on('data', (chunk: Buffer) => (bytes += chunk.length));
        call.on('error', (error: ServiceError) => reject(error));
        call.on('end', () => resolve(bytes));
      }),
    close: () => {
      for (const client of clients.values()) client.close();
    },
  };
}
