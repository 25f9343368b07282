import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Client, Metadata, status as grpcStatus, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import type { HostPort, Logger } from '@skein/runtime';

export interface CollectorPoolOptions {
  targets: readonly HostPort[];
  credentials: ChannelCredentials;
  /** Name checked against the collectors' certificates; default: each target's host. */
  tlsServerName?: string;
  refreshIntervalMs: number;
  logger: Logger;
  /** Resolves a host to its addresses (tests); default: the system resolver, every address. */
  resolve?: (host: string) => Promise<string[]>;
  onAddresses?: (count: number) => void;
}

/** One resolved collector address and its channel. */
export interface CollectorEndpoint {
  readonly address: string;
  call(path: string, request: Uint8Array, timeoutMs: number): Promise<Buffer>;
}

const passThrough = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

class GrpcEndpoint implements CollectorEndpoint {
  private readonly client: Client;

  constructor(
    readonly address: string,
    credentials: ChannelCredentials,
    serverName: string,
  ) {
    this.client = new Client(address, credentials, {
      'grpc.ssl_target_name_override': serverName,
      'grpc.default_authority': serverName,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      'grpc.keepalive_time_ms': 30_000,
    });
  }

  call(path: string, request: Uint8Array, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(path, passThrough, (bytes: Buffer) => bytes, request, new Metadata(), { deadline: Date.now() + timeoutMs }, (error: ServiceError | null, response?: Buffer) => {
        if (error) reject(error);
        else resolve(response ?? Buffer.alloc(0));
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

/**
 * The collectors the agent sends to: every address each configured name resolves to, used in turn. Names are
 * resolved again every `refreshIntervalMs`, so collectors behind a headless Service or DNS round-robin come and go
 * without a restart; a name that fails to resolve keeps its last addresses.
 */
export class CollectorPool {
  private readonly endpoints = new Map<string, GrpcEndpoint>();
  private readonly byTarget = new Map<string, string[]>();
  private order: GrpcEndpoint[] = [];
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly resolve: (host: string) => Promise<string[]>;

  constructor(private readonly options: CollectorPoolOptions) {
    this.resolve = options.resolve ?? (async (host) => (isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address)));
  }

  /** Resolves every name once and starts refreshing. Resolves even when nothing resolved (the agent keeps buffering). */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshIntervalMs);
    this.timer.unref();
  }

  get size(): number {
    return this.order.length;
  }

  addresses(): string[] {
    return this.order.map((endpoint) => endpoint.address);
  }

  /** The next endpoint in turn, or undefined when no name has resolved yet. */
  next(): CollectorEndpoint | undefined {
    if (this.order.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % this.order.length;
    return this.order[this.cursor];
  }

  async refresh(): Promise<void> {
    await Promise.all(
      this.options.targets.map(async (target) => {
        const key = `${target.host}:${target.port}`;
        try {
          const addresses = await this.resolve(target.host);
          if (addresses.length === 0) throw new Error('no addresses');
          this.byTarget.set(key, addresses.map((address) => (address.includes(':') ? `[${address}]:${target.port}` : `${address}:${target.port}`)));
        } catch (error) {
          const kept = this.byTarget.get(key)?.length ?? 0;
          this.options.logger.warn({ collector: key, err: error, keptAddresses: kept }, `cannot resolve collector ${key}; check --reporter.grpc.host-port and DNS`);
        }
      }),
    );
    const wanted = new Map<string, string>();
    for (const target of this.options.targets) {
      for (const address of this.byTarget.get(`${target.host}:${target.port}`) ?? []) wanted.set(address, this.options.tlsServerName || target.host);
    }
    for (const [address, endpoint] of this.endpoints) {
      if (!wanted.has(address)) {
        endpoint.close();
        this.endpoints.delete(address);
      }
    }
    for (const [address, serverName] of wanted) {
      if (!this.endpoints.has(address)) this.endpoints.set(address, new GrpcEndpoint(address, this.options.credentials, serverName));
    }
    const before = this.order.map((endpoint) => endpoint.address).join(',');
    this.order = [...this.endpoints.values()];
    const after = this.order.map((endpoint) => endpoint.address).join(',');
    if (before !== after) this.options.logger.info({ collectors: this.addresses() }, 'collector addresses');
    this.options.onAddresses?.(this.order.length);
  }

  close(): void {
    clearInterval(this.timer);
    for (const endpoint of this.endpoints.values()) endpoint.close();
    this.endpoints.clear();
    this.order = [];
  }
}

/** Why a call failed, as a metric label; `invalid-argument` means the collector refused the batch for good. */
export function callFailureReason(error: unknown): string {
  const code = (error as Partial<ServiceError> | undefined)?.code;
  switch (code) {
    case grpcStatus.UNAVAILABLE:
      return 'unavailable';
    case grpcStatus.DEADLINE_EXCEEDED:
      return 'deadline-exceeded';
    case grpcStatus.RESOURCE_EXHAUSTED:
      return 'resource-exhausted';
    case grpcStatus.INVALID_ARGUMENT:
      return 'invalid-argument';
    case grpcStatus.UNAUTHENTICATED:
    case grpcStatus.PERMISSION_DENIED:
      return 'denied';
    default:
      return code === undefined ? 'internal' : 'other';
  }
}
