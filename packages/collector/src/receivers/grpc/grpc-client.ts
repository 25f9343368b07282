// A raw-bytes gRPC client for tests and benchmarks: requests encoded with Skein's codecs, responses as bytes.
import { credentials as grpcCredentials, makeGenericClientConstructor, Metadata, type ChannelCredentials, type Client, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';

export interface RawCallResult {
  response?: Buffer;
  error?: ServiceError;
}

type UnaryRaw = (request: Uint8Array, metadata: Metadata, callback: (error: ServiceError | null, response?: Buffer) => void) => void;

export class RawGrpcClient {
  private readonly client: Client & Record<string, unknown>;

  constructor(
    definition: ServiceDefinition,
    address: string,
    credentials: ChannelCredentials = grpcCredentials.createInsecure(),
    options: Record<string, string | number> = {},
  ) {
    const Constructor = makeGenericClientConstructor(definition, 'SkeinTestService');
    this.client = new Constructor(address, credentials, options) as Client & Record<string, unknown>;
  }

  call(method: string, request: Uint8Array, metadata: Record<string, string> = {}): Promise<RawCallResult> {
    const md = new Metadata();
    for (const [key, value] of Object.entries(metadata)) md.set(key, value);
    const fn = this.client[method] as UnaryRaw | undefined;
    if (!fn) throw new Error(`no method ${method}`);
    return new Promise((resolve) => {
      fn.call(this.client, request, md, (error, response) => resolve(error ? { error } : { response: response ?? Buffer.alloc(0) }));
    });
  }

  close(): void {
    this.client.close();
  }
}
