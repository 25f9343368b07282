import { connect } from 'node:http2';

/** A gRPC length-prefixed message: the compressed flag, the length (big-endian), the bytes. */
export function grpcFrame(compressed: boolean, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(compressed ? 1 : 0, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/**
 * One HTTP/2 request to a gRPC method with a body written by hand (frames a gRPC client would never send), answering
 * the grpc-status and grpc-message it ended with.
 */
export async function rawGrpcRequest(address: string, path: string, body: Buffer, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<{ status: number; message: string }> {
  const session = connect(`http://${address}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from ${path} within ${timeoutMs} ms`)), timeoutMs);
      const request = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers });
      let answer: { status: number; message: string } | undefined;
      const take = (received: Record<string, unknown>): void => {
        if (received['grpc-status'] !== undefined) answer = { status: Number(received['grpc-status']), message: decodeURIComponent(String(received['grpc-message'] ?? '')) };
      };
      request.on('response', take).on('trailers', take).on('error', reject);
      request.resume(); // the response message is not needed, but must be read for the stream to end
      request.on('close', () => (answer ? resolve(answer) : reject(new Error(`no grpc-status from ${path}`))));
      request.end(body);
    });
  } finally {
    clearTimeout(timer);
    session.destroy();
  }
}
