import { createSocket, type Socket } from 'node:dgram';
import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { encodeJaegerBatch, encodeOtlpJson, encodeOtlpProto, encodePostSpansRequest, encodeZipkinV2Json, jaegerAgentBinary, jaegerAgentCompact, protoReader, WireType } from '@skein/codecs';
import type { Process, Span } from '@skein/model';

/** What the receiver said of one request; `accepted` is undefined where the protocol never answers (UDP). */
export interface SendResult {
  accepted: number | undefined;
  rejected: number;
  error?: string;
}

export interface Transport {
  send(spans: readonly Span[]): Promise<SendResult>;
  close(): Promise<void>;
}

export const PROTOCOLS = ['otlp-grpc', 'otlp-http', 'otlp-http-json', 'jaeger-grpc', 'jaeger-http', 'jaeger-udp-compact', 'jaeger-udp-binary', 'zipkin'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Where each protocol is sent when `--endpoint` is not given: Jaeger's and OTLP's default ports on this machine. */
export const DEFAULT_ENDPOINTS: Readonly<Record<Protocol, string>> = {
  'otlp-grpc': '127.0.0.1:4317',
  'otlp-http': 'http://127.0.0.1:4318/v1/traces',
  'otlp-http-json': 'http://127.0.0.1:4318/v1/traces',
  'jaeger-grpc': '127.0.0.1:14250',
  'jaeger-http': 'http://127.0.0.1:14268/api/traces',
  'jaeger-udp-compact': '127.0.0.1:6831',
  'jaeger-udp-binary': '127.0.0.1:6832',
  zipkin: 'http://127.0.0.1:9411/api/v2/spans',
};

/** Largest datagram sent: Jaeger's agents read up to 65,000 bytes. */
const MAX_DATAGRAM_BYTES = 65_000;
const REQUEST_TIMEOUT_MS = 10_000;

export function createTransport(protocol: Protocol, endpoint: string): Transport {
  switch (protocol) {
    case 'otlp-grpc':
      return new GrpcTransport(endpoint, '/opentelemetry.proto.collector.trace.v1.TraceService/Export', encodeOtlpProto, otlpRejectedSpans);
    case 'jaeger-grpc':
      return new GrpcTransport(endpoint, '/jaeger.api_v2.CollectorService/PostSpans', encodePostSpansRequest, () => 0);
    case 'otlp-http':
      return new HttpTransport(endpoint, 'application/x-protobuf', (spans) => [encodeOtlpProto(spans)], (body) => otlpRejectedSpans(body));
    case 'otlp-http-json':
      return new HttpTransport(endpoint, 'application/json', (spans) => [encodeOtlpJson(spans)], (body) => Number((JSON.parse(Buffer.from(body).toString('utf8') || '{}') as { partialSuccess?: { rejectedSpans?: string | number } }).partialSuccess?.rejectedSpans ?? 0));
    case 'jaeger-http':
      return new HttpTransport(endpoint, 'application/x-thrift', (spans) => byProcess(spans).map(([process, group]) => encodeJaegerBatch(process, group, 'binary')), () => 0);
    case 'zipkin':
      return new HttpTransport(endpoint, 'application/json', (spans) => [encodeZipkinV2Json(spans)], () => 0);
    case 'jaeger-udp-compact':
      return new UdpTransport(endpoint, (spans) => jaegerAgentCompact.encode!(spans));
    case 'jaeger-udp-binary':
      return new UdpTransport(endpoint, (spans) => jaegerAgentBinary.encode!(spans));
  }
}

/** `ExportTraceServiceResponse.partial_success.rejected_spans` (field 1 → field 1), 0 when absent. */
function otlpRejectedSpans(body: Uint8Array): number {
  const response = protoReader(body, 'ExportTraceServiceResponse');
  while (response.more()) {
    const tag = response.tag();
    if (tag >>> 3 !== 1 || (tag & 7) !== WireType.LENGTH_DELIMITED) {
      response.skip(tag & 7);
      continue;
    }
    const partial = response.message();
    while (partial.more()) {
      const inner = partial.tag();
      if (inner >>> 3 === 1 && (inner & 7) === WireType.VARINT) return Number(partial.int64());
      partial.skip(inner & 7);
    }
  }
  return 0;
}

function byProcess(spans: readonly Span[]): Array<[Process, Span[]]> {
  const groups = new Map<Process, Span[]>();
  for (const span of spans) {
    const group = groups.get(span.process);
    if (group) group.push(span);
    else groups.set(span.process, [span]);
  }
  return [...groups];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}

class HttpTransport implements Transport {
  constructor(
    private readonly url: string,
    private readonly contentType: string,
    private readonly encode: (spans: readonly Span[]) => Uint8Array[],
    private readonly rejectedIn: (body: Uint8Array) => number,
  ) {}

  async send(spans: readonly Span[]): Promise<SendResult> {
    const bodies = this.encode(spans);
    let accepted = 0;
    let rejected = 0;
    let error: string | undefined;
    // One body per process for Jaeger Thrift; split the span count between them as they were encoded.
    const groupSizes = bodies.length === 1 ? [spans.length] : byProcess(spans).map(([, group]) => group.length);
    for (const [i, body] of bodies.entries()) {
      const count = groupSizes[i] ?? 0;
      try {
        const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': this.contentType }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const answer = new Uint8Array(await response.arrayBuffer());
        if (response.ok) {
          const refused = Math.min(count, this.rejectedIn(answer));
          accepted += count - refused;
          rejected += refused;
        } else {
          rejected += count;
          error = `HTTP ${response.status}: ${Buffer.from(answer).toString('utf8').slice(0, 200).trim()}`;
        }
      } catch (failure) {
        rejected += count;
        error = `POST ${this.url}: ${messageOf(failure)}`;
      }
    }
    return { accepted, rejected, ...(error ? { error } : {}) };
  }

  async close(): Promise<void> {}
}

class GrpcTransport implements Transport {
  private readonly client: Client;

  constructor(
    private readonly address: string,
    private readonly path: string,
    private readonly encode: (spans: readonly Span[]) => Uint8Array,
    private readonly rejectedIn: (body: Uint8Array) => number,
  ) {
    this.client = new Client(address, credentials.createInsecure(), { 'grpc.max_send_message_length': 64 * 1024 * 1024 });
  }

  send(spans: readonly Span[]): Promise<SendResult> {
    const request = this.encode(spans);
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        this.path,
        (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
        (bytes: Buffer) => bytes,
        request,
        new Metadata(),
        { deadline: Date.now() + REQUEST_TIMEOUT_MS },
        (error: ServiceError | null, response?: Buffer) => {
          if (error) resolve({ accepted: 0, rejected: spans.length, error: `${this.address}${this.path}: ${error.details || error.message}` });
          else {
            const refused = Math.min(spans.length, this.rejectedIn(response ?? new Uint8Array()));
            resolve({ accepted: spans.length - refused, rejected: refused });
          }
        },
      );
    });
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

class UdpTransport implements Transport {
  private readonly socket: Socket;
  private readonly host: string;
  private readonly port: number;

  constructor(
    endpoint: string,
    private readonly encode: (spans: readonly Span[]) => Uint8Array,
  ) {
    const colon = endpoint.lastIndexOf(':');
    this.host = endpoint.slice(0, colon).replace(/^\[|\]$/g, '');
    this.port = Number(endpoint.slice(colon + 1));
    this.socket = createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
  }

  async send(spans: readonly Span[]): Promise<SendResult> {
    let error: string | undefined;
    let failed = 0;
    for (const [, group] of byProcess(spans)) {
      for (const datagram of this.datagrams(group)) {
        try {
          await new Promise<void>((resolve, reject) => this.socket.send(datagram.bytes, this.port, this.host, (failure) => (failure ? reject(failure) : resolve())));
        } catch (failure) {
          failed += datagram.spans;
          error = `UDP ${this.host}:${this.port}: ${messageOf(failure)}`;
        }
      }
    }
    return { accepted: undefined, rejected: failed, ...(error ? { error } : {}) };
  }

  /** Datagrams of at most 65,000 bytes: a group that encodes larger is halved until it fits. */
  private datagrams(spans: readonly Span[]): Array<{ bytes: Uint8Array; spans: number }> {
    const bytes = this.encode(spans);
    if (bytes.length <= MAX_DATAGRAM_BYTES || spans.length === 1) return [{ bytes, spans: spans.length }];
    const half = Math.ceil(spans.length / 2);
    return [...this.datagrams(spans.slice(0, half)), ...this.datagrams(spans.slice(half))];
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
