import { option, parseHostPort, parseInteger, type HostPort } from '@skein/runtime';

/** Config of one UDP receiver, as `loadConfig` returns it for {@link udpProcessorOptions}. */
export interface UdpReceiverConfig {
  hostPort: HostPort;
  /** Largest datagram accepted, in bytes (Jaeger: 65000); larger ones are counted as too large. */
  maxPacketSize: number;
  /** Datagrams waiting for a worker; when full, new ones are dropped and counted. */
  queueSize: number;
  /** Concurrent decode-and-submit loops. */
  workers: number;
  /** SO_RCVBUF in bytes; 0 keeps the OS default. The kernel caps it (net.core.rmem_max on Linux). */
  socketBufferSize: number;
}

export type UdpProcessorName = 'jaeger-compact' | 'jaeger-binary' | 'zipkin-compact';

/** Jaeger's `--processor.<name>.*` flags for one UDP processor. */
export function udpProcessorOptions(processor: UdpProcessorName, defaultPort: number) {
  const prefix = `processor.${processor}`;
  return {
    hostPort: option({
      flag: `${prefix}.server-host-port`,
      description: `host:port of the UDP ${processor} Agent.emitBatch receiver`,
      parse: parseHostPort,
      defaultValue: parseHostPort(`:${defaultPort}`),
      valueName: '<host:port>',
    }),
    maxPacketSize: option({
      flag: `${prefix}.server-max-packet-size`,
      description: 'largest UDP datagram accepted, in bytes',
      parse: parseInteger(1, 65535),
      defaultValue: 65000,
      valueName: '<bytes>',
    }),
    queueSize: option({
      flag: `${prefix}.server-queue-size`,
      description: 'datagrams waiting to be decoded; when full, new datagrams are dropped and counted',
      parse: parseInteger(1, 1_000_000),
      defaultValue: 1000,
      valueName: '<count>',
    }),
    workers: option({
      flag: `${prefix}.workers`,
      description: 'concurrent workers decoding datagrams and handing spans to the collector',
      parse: parseInteger(1, 1000),
      defaultValue: 10,
      valueName: '<count>',
    }),
    socketBufferSize: option({
      flag: `${prefix}.server-socket-buffer-size`,
      description: 'UDP socket receive buffer in bytes (0: OS default); capped by the kernel (net.core.rmem_max)',
      parse: parseInteger(0, 2 ** 31 - 1),
      // Larger than Jaeger's 0 (OS default, ~200 KiB): bursts at 10k spans/s overflow the default buffer.
      defaultValue: 4 * 1024 * 1024,
      valueName: '<bytes>',
    }),
  };
}

export const udpCompactOptions = udpProcessorOptions('jaeger-compact', 6831);
export const udpBinaryOptions = udpProcessorOptions('jaeger-binary', 6832);
export const udpZipkinCompactOptions = udpProcessorOptions('zipkin-compact', 5775);
