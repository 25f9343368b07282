import { ServerInterceptingCall, status as Status, type ServerInterceptor, type ServerInterceptingCallInterface } from '@grpc/grpc-js';

/**
 * grpc-js answers some malformed requests as if the server were at fault: a message frame that never completed
 * (truncated or random bytes) or a unary request with two messages gets UNIMPLEMENTED, which sends people looking for a
 * missing service; a compressed frame that does not decompress, a request message that does not deserialize, or an
 * unreadable `grpc-timeout` header get INTERNAL. Each is the client's malformed input: INVALID_ARGUMENT, saying what
 * was wrong.
 */
export function rewriteClientFault<T extends { code?: Status; details?: string }>(status: T): T {
  const details = status.details ?? '';
  if (status.code === Status.UNIMPLEMENTED && details.startsWith('Received no request message')) {
    return { ...status, code: Status.INVALID_ARGUMENT, details: 'the request holds no complete gRPC message (truncated frame or random bytes)' };
  }
  if (status.code === Status.UNIMPLEMENTED && details.startsWith('Received a second request message')) {
    return { ...status, code: Status.INVALID_ARGUMENT, details: 'a unary method takes one request message; this request held more' };
  }
  if (status.code !== Status.INTERNAL) return status;
  if (details === 'Failed to decompress message') {
    return { ...status, code: Status.INVALID_ARGUMENT, details: 'the request message is flagged compressed but is not valid data of its grpc-encoding' };
  }
  if (details.startsWith('Error deserializing request')) {
    return { ...status, code: Status.INVALID_ARGUMENT, details: 'the request message is not a valid protobuf message of this method' };
  }
  if (details.startsWith('Invalid grpc-timeout value')) return { ...status, code: Status.INVALID_ARGUMENT };
  return status;
}

/**
 * The server interceptor that applies {@link rewriteClientFault} to every answer. grpc-js sends the statuses for
 * undecompressable frames, undeserializable messages and bad timeouts from the innermost call itself, past any
 * responder an interceptor installs, so this wraps that call's `sendStatus` (the interceptor receives the innermost
 * call when it is the first one). The receivers' tests pin each rewritten answer, so a grpc-js change that moves these
 * paths shows up there.
 */
export const clientFaultStatuses: ServerInterceptor = (_method, call) => {
  const sendStatus = call.sendStatus.bind(call);
  (call as { sendStatus: ServerInterceptingCallInterface['sendStatus'] }).sendStatus = (status) => sendStatus(rewriteClientFault(status));
  return new ServerInterceptingCall(call);
};
