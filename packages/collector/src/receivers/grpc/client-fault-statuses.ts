import { ResponderBuilder, ServerInterceptingCall, status as Status, type ServerInterceptor } from '@grpc/grpc-js';

/**
 * grpc-js answers a request whose message frame never completed (truncated or random bytes) with UNIMPLEMENTED
 * "Received no request message for server streaming method", which sends clients and operators looking for a
 * missing service. It is the client's malformed input: INVALID_ARGUMENT, saying what was wrong.
 */
export function rewriteClientFault<T extends { code?: Status; details?: string }>(status: T): T {
  if (status.code === Status.UNIMPLEMENTED && status.details?.startsWith('Received no request message')) {
    return { ...status, code: Status.INVALID_ARGUMENT, details: 'the request holds no complete gRPC message (truncated frame or random bytes)' };
  }
  return status;
}

/** The server interceptor that applies {@link rewriteClientFault} to every answer. */
export const clientFaultStatuses: ServerInterceptor = (_method, call) =>
  new ServerInterceptingCall(
    call,
    new ResponderBuilder().withSendStatus((status, next) => next(rewriteClientFault(status))).build(),
  );
