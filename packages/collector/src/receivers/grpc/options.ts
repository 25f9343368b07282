import { option, parseBoolean, parseHostPort, parseInteger, type HostPort } from '@skein/runtime';

/** Jaeger's default gRPC receive limit: 4 MiB. */
export const DEFAULT_GRPC_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

/** Flat config of one gRPC receiver, as `loadConfig` returns it for {@link otlpGrpcOptions} or {@link jaegerGrpcOptions}. */
export interface GrpcReceiverConfig {
  hostPort: HostPort;
  maxMessageSize: number;
  tlsEnabled: boolean;
  tlsCert: string;
  tlsKey: string;
  tlsClientCa: string;
}

function grpcOptions(hostPortFlag: string, maxSizeFlag: string, tlsPrefix: string, defaultPort: number, what: string) {
  const text = (flag: string, description: string) =>
    option({ flag, description, parse: (raw: string) => raw.trim(), defaultValue: '', valueName: '<path>' });
  return {
    hostPort: option({
      flag: hostPortFlag,
      description: `host:port of the ${what} gRPC server`,
      parse: parseHostPort,
      defaultValue: parseHostPort(`:${defaultPort}`),
      valueName: '<host:port>',
    }),
    maxMessageSize: option({
      flag: maxSizeFlag,
      description: `largest ${what} gRPC request accepted, in bytes (larger: RESOURCE_EXHAUSTED)`,
      parse: parseInteger(1, 2 ** 31 - 1),
      defaultValue: DEFAULT_GRPC_MAX_MESSAGE_SIZE,
      valueName: '<bytes>',
    }),
    tlsEnabled: option({ flag: `${tlsPrefix}.enabled`, description: `serve ${what} gRPC over TLS`, parse: parseBoolean, defaultValue: false, valueName: '<bool>' }),
    tlsCert: text(`${tlsPrefix}.cert`, `PEM certificate file of the ${what} gRPC server`),
    tlsKey: text(`${tlsPrefix}.key`, `PEM private key file of the ${what} gRPC server`),
    tlsClientCa: text(`${tlsPrefix}.client-ca`, `PEM CA file; when set, ${what} gRPC clients must present a certificate it signed`),
  };
}

/** OTLP gRPC on 4317, Jaeger's `--collector.otlp.grpc.*` flags. */
export const otlpGrpcOptions = grpcOptions('collector.otlp.grpc.host-port', 'collector.otlp.grpc.max-message-size', 'collector.otlp.grpc.tls', 4317, 'OTLP');

/** Jaeger gRPC (PostSpans + SamplingManager) on 14250, Jaeger's `--collector.grpc-server.*` and `--collector.grpc.tls.*` flags. */
export const jaegerGrpcOptions = grpcOptions('collector.grpc-server.host-port', 'collector.grpc-server.max-message-size', 'collector.grpc.tls', 14250, 'Jaeger');

export const OTLP_GRPC_TLS_FLAG_PREFIX = '--collector.otlp.grpc.tls';
export const JAEGER_GRPC_TLS_FLAG_PREFIX = '--collector.grpc.tls';
