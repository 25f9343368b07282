import {
  status as Status,
  type MethodDefinition,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { withPropagatedAuthorization, type Logger } from '@skein/runtime';
import { InvalidTraceQueryError } from '@skein/storage';
import type { QueryAuth } from '../auth.js';
import { GrpcRequestError } from './proto-values.js';

/** What every handler needs: where to log, and who may call (`--query.auth.*`, `--query.bearer-token-propagation`). */
export interface HandlerContext {
  logger: Logger;
  auth?: QueryAuth | undefined;
  propagateAuthorization: boolean;
}

/** A request as the handler sees it: grpc-js answers INTERNAL when a deserializer throws, so ours never throw. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The service's definition with requests decoded safely and, for the listed methods, responses that are bytes
 * already encoded by Skein's codecs (spans) instead of objects for proto-loader to encode.
 */
export function serviceDefinition(definition: ServiceDefinition, preEncoded: readonly string[]): ServiceDefinition {
  const methods: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition) as Array<[string, MethodDefinition<unknown, unknown>]>) {
    methods[name] = {
      ...method,
      requestDeserialize: (buffer: Buffer): Decoded<unknown> => {
        try {
          return { ok: true, value: method.requestDeserialize(buffer) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
      ...(preEncoded.includes(name)
        ? { responseSerialize: (bytes: unknown) => Buffer.from((bytes as Uint8Array).buffer, (bytes as Uint8Array).byteOffset, (bytes as Uint8Array).byteLength) }
        : {}),
    };
  }
  return methods as ServiceDefinition;
}

interface Failure {
  code: Status;
  details: string;
}

function failureOf(error: unknown, method: string, logger: Logger): Failure {
  if (error instanceof GrpcRequestError) return { code: error.code, details: error.message };
  if (error instanceof InvalidTraceQueryError) return { code: Status.INVALID_ARGUMENT, details: error.message };
  logger.error({ err: error, method }, 'query gRPC call failed');
  return { code: Status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}

function requestOf<T>(request: Decoded<T>, method: string): T {
  if (!request.ok) throw new GrpcRequestError(Status.INVALID_ARGUMENT, `${method}: cannot decode the request: ${request.error}`);
  return request.value;
}

/** Runs `work` for an authorised call, with its `Authorization` propagated when asked; else fails UNAUTHENTICATED. */
function guarded<T>(context: HandlerContext, call: ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>, work: () => Promise<T>): Promise<T> {
  const value = call.metadata.get('authorization')[0];
  const authorization = typeof value === 'string' ? value : undefined;
  if (context.auth && !context.auth.accepts(authorization)) {
    return Promise.reject(new GrpcRequestError(Status.UNAUTHENTICATED, 'a valid authorization (bearer token or basic auth) is required'));
  }
  return withPropagatedAuthorization(context.propagateAuthorization ? authorization : undefined, work);
}

export function unary<Req, Res>(method: string, context: HandlerContext, handle: (request: Req) => Promise<Res>) {
  return (call: ServerUnaryCall<Decoded<Req>, Res>, callback: sendUnaryData<Res>): void => {
    guarded(context, call, async () => handle(requestOf(call.request, method))).then(
      (response) => callback(null, response),
      (error: unknown) => callback(failureOf(error, method, context.logger)),
    );
  };
}

/** A server stream written with backpressure; a failure before or between messages ends the call with its status. */
export function serverStream<Req, Res>(method: string, context: HandlerContext, produce: (request: Req) => AsyncIterable<Res> | Iterable<Res>) {
  return (call: ServerWritableStream<Decoded<Req>, Res>): void => {
    const run = async (): Promise<void> => {
      for await (const message of produce(requestOf(call.request, method))) {
        if (call.cancelled) return;
        if (!call.write(message)) {
          await new Promise<void>((resolve) => {
            call.once('drain', resolve);
            call.once('cancelled', resolve);
          });
        }
      }
      call.end();
    };
    guarded(context, call, run).catch((error: unknown) => {
      const failure = failureOf(error, method, context.logger);
      call.emit('error', failure);
    });
  };
}
