import { createSocket, type Socket } from 'node:dgram';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DecodeError, jaegerAgentBinary, jaegerAgentCompact, type SpanCodec } from '@skein/codecs';
import { RateLimitedLog, type Logger } from '@skein/runtime';
import { WriterRejectedError, WriterUnavailableError } from '../../ingest/errors.js';
import { OverloadedError, preparedSpanCount, ShuttingDownError, TenantRejectedError, type PreparedBatch, type SpanIngest } from '../../ingest/span-ingest.js';
import type { CollectorMetrics } from '../../metrics.js';
import type { Receiver } from '../receiver.js';
import type { UdpReceiverConfig } from './options.js';
import { BoundedPacketQueue } from './packet-queue.js';

export interface UdpReceiverDeps {
  ingest: SpanIngest;
  metrics: CollectorMetrics;
  logger: Logger;
  /** How long `stop()` lets workers drain the queued datagrams; default 5 s. */
  shutdownTimeoutMs?: number;
}

/** Counts since start, for tests, benchmarks and debugging (the same events are Prometheus metrics). */
export interface UdpReceiverStats {
  packetsReceived: number;
  /** Datagrams dropped unread because the queue was full. */
  packetsDropped: number;
  packetsMalformed: number;
  packetsTooLarge: number;
  spansSubmitted: number;
  /** Spans decoded but refused by the collector (overloaded, shutting down, tenant). */
  spansDropped: number;
  queueLength: number;
  /** SO_RCVBUF the kernel granted, in bytes (0 before start). */
  socketBufferSize: number;
}

/** Yield to the event loop after this many datagrams per worker, so the socket keeps being read while a backlog drains. */
const DATAGRAMS_PER_YIELD = 32;

/** Receiver label for `CollectorMetrics` and `IngestContext`. */
export type UdpReceiverName = 'udp-compact' | 'udp-binary' | 'udp-zipkin-compact';

/**
 * Jaeger Thrift `Agent.emitBatch` / `emitZipkinBatch` over UDP: socket → bounded datagram queue → N workers that
 * decode and call `SpanIngest.submit`. UDP cannot push back, so a full queue or an overloaded collector means the
 * datagram or its spans are dropped and counted (`requests_rejected_total{reason="queue-full"}`,
 * `spans_dropped_total{reason}`); malformed datagrams are counted and logged (rate-limited). The socket is never
 * blocked.
 */
export class UdpReceiver implements Receiver {
  private socket: Socket | undefined;
  private queue: BoundedPacketQueue<Buffer> | undefined;
  private workers: Promise<void>[] = [];
  private bound: { host: string; port: number } | undefined;
  private readonly badInputLog: RateLimitedLog;
  private readonly counts: Omit<UdpReceiverStats, 'queueLength' | 'socketBufferSize'> = {
    packetsReceived: 0,
    packetsDropped: 0,
    packetsMalformed: 0,
    packetsTooLarge: 0,
    spansSubmitted: 0,
    spansDropped: 0,
  };
  private grantedBufferSize = 0;

  constructor(
    readonly name: UdpReceiverName,
    private readonly codec: SpanCodec,
    private readonly deps: UdpReceiverDeps,
    private readonly config: UdpReceiverConfig,
  ) {
    this.badInputLog = new RateLimitedLog(deps.logger);
  }

  async start(): Promise<void> {
    if (this.socket) throw new Error(`${this.name}: already started`);
    const { host, port } = this.config.hostPort;
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(new Error(`${this.name}: cannot listen on udp ${host}:${port}: ${error.message}`, { cause: error }));
      socket.once('error', onError);
      socket.bind(port, host, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    this.applyBufferSize(socket);
    const queue = new BoundedPacketQueue<Buffer>(this.config.queueSize);
    socket.on('message', (datagram) => this.onDatagram(queue, datagram));
    socket.on('error', (error) => this.deps.logger.error({ receiver: this.name, err: error }, 'UDP socket error'));
    this.socket = socket;
    this.queue = queue;
    this.workers = Array.from({ length: this.config.workers }, () => this.work(queue));
    const address = socket.address();
    this.bound = { host: address.address, port: address.port };
    this.deps.logger.info(
      { receiver: this.name, address: `${address.address}:${address.port}`, queueSize: this.config.queueSize, workers: this.config.workers, socketBufferSize: this.grantedBufferSize },
      'UDP receiver listening',
    );
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    const queue = this.queue;
    if (!socket || !queue) return;
    this.socket = undefined;
    this.bound = undefined;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    queue.close();
    const timeoutMs = this.deps.shutdownTimeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([Promise.all(this.workers).then(() => 'drained' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const discarded = queue.clear();
      if (discarded > 0) this.countDroppedPackets(discarded, 'shutting-down');
      this.deps.logger.warn({ receiver: this.name, discarded, timeoutMs }, 'UDP datagrams still queued at the shutdown deadline were dropped');
    }
    this.queue = undefined;
  }

  address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  stats(): UdpReceiverStats {
    return { ...this.counts, queueLength: this.queue?.length ?? 0, socketBufferSize: this.grantedBufferSize };
  }

  private applyBufferSize(socket: Socket): void {
    const wanted = this.config.socketBufferSize;
    if (wanted > 0) {
      try {
        socket.setRecvBufferSize(wanted);
      } catch (error) {
        this.deps.logger.warn({ receiver: this.name, wanted, err: error }, 'cannot set the UDP receive buffer size; keeping the OS default');
      }
    }
    this.grantedBufferSize = socket.getRecvBufferSize();
    // Linux reports double the granted size; below the request (halved) means net.core.rmem_max capped it.
    if (wanted > 0 && this.grantedBufferSize < wanted) {
      this.deps.logger.warn({ receiver: this.name, wanted, granted: this.grantedBufferSize }, 'the kernel capped the UDP receive buffer (raise net.core.rmem_max)');
    }
  }

  private onDatagram(queue: BoundedPacketQueue<Buffer>, datagram: Buffer): void {
    this.counts.packetsReceived += 1;
    if (datagram.length > this.config.maxPacketSize) {
      this.counts.packetsTooLarge += 1;
      this.deps.metrics.requestsRejected.inc({ receiver: this.name, reason: 'too-large' });
      this.badInputLog.warn({ receiver: this.name, bytes: datagram.length, max: this.config.maxPacketSize }, 'dropped a UDP datagram larger than the maximum packet size');
      return;
    }
    if (!queue.offer(datagram)) this.countDroppedPackets(1, 'queue-full');
  }

  private countDroppedPackets(count: number, reason: string): void {
    this.counts.packetsDropped += count;
    this.deps.metrics.requestsRejected.inc({ receiver: this.name, reason }, count);
  }

  private async work(queue: BoundedPacketQueue<Buffer>): Promise<void> {
    let sinceYield = 0;
    for (let datagram = await queue.take(); datagram !== undefined; datagram = await queue.take()) {
      await this.process(datagram);
      if (++sinceYield >= DATAGRAMS_PER_YIELD) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }

  private decode(datagram: Buffer): PreparedBatch | undefined {
    try {
      return this.deps.ingest.prepare(this.codec, datagram);
    } catch (error) {
      this.counts.packetsMalformed += 1;
      this.deps.metrics.requestsRejected.inc({ receiver: this.name, reason: 'malformed' });
      const message = error instanceof Error ? error.message : String(error);
      const fields = { receiver: this.name, bytes: datagram.length, error: message };
      if (error instanceof DecodeError) this.badInputLog.warn(fields, 'dropped a malformed UDP datagram');
      else this.deps.logger.error(fields, 'decoder failed on a UDP datagram');
      return undefined;
    }
  }

  /** Never rejects: every outcome is counted. */
  private async process(datagram: Buffer): Promise<void> {
    const batch = this.decode(datagram);
    if (!batch) return;
    const { metrics } = this.deps;
    const format = this.codec.name;
    try {
      // Received and rejected spans are counted by the ingest, once for every receiver.
      const result = await this.deps.ingest.submit(batch, { receiver: this.name, format });
      this.counts.spansSubmitted += result.accepted;
    } catch (error) {
      if (error instanceof DecodeError) {
        // Decoded by the ingest itself (the all-in-one's ingest threads): a malformed datagram, as above.
        this.counts.packetsMalformed += 1;
        metrics.requestsRejected.inc({ receiver: this.name, reason: 'malformed' });
        this.badInputLog.warn({ receiver: this.name, bytes: datagram.length, error: error.message }, 'dropped a malformed UDP datagram');
        return;
      }
      const reason = dropReason(error);
      const spans = preparedSpanCount(batch);
      this.counts.spansDropped += spans;
      metrics.spansDropped.inc({ receiver: this.name, reason }, spans);
      if (reason === 'internal') this.deps.logger.error({ receiver: this.name, err: error }, 'collector failed to take UDP spans; they are dropped');
      else this.badInputLog.warn({ receiver: this.name, reason, spans }, 'UDP spans dropped');
    }
  }
}

function dropReason(error: unknown): string {
  if (error instanceof OverloadedError) return 'overloaded';
  if (error instanceof ShuttingDownError) return 'shutting-down';
  if (error instanceof TenantRejectedError) return 'tenant-rejected';
  // The writer being down is an expected condition with its own metrics and logs, not an internal error.
  if (error instanceof WriterUnavailableError) return 'writer-unavailable';
  if (error instanceof WriterRejectedError) return 'writer-rejected';
  return 'internal';
}

/** Jaeger Thrift compact `Agent.emitBatch` on UDP 6831. */
export function createUdpCompactReceiver(deps: UdpReceiverDeps, config: UdpReceiverConfig): UdpReceiver {
  return new UdpReceiver('udp-compact', jaegerAgentCompact, deps, config);
}

/** Jaeger Thrift binary `Agent.emitBatch` on UDP 6832. */
export function createUdpBinaryReceiver(deps: UdpReceiverDeps, config: UdpReceiverConfig): UdpReceiver {
  return new UdpReceiver('udp-binary', jaegerAgentBinary, deps, config);
}

/** Zipkin Thrift compact `Agent.emitZipkinBatch` on UDP 5775 (the agent's port for old Zipkin-era clients). */
export function createUdpZipkinCompactReceiver(deps: UdpReceiverDeps, config: UdpReceiverConfig): UdpReceiver {
  return new UdpReceiver('udp-zipkin-compact', jaegerAgentCompact, deps, config);
}
