import { createServer, connect, type Server, type Socket } from 'node:net';
import { Transform } from 'node:stream';

/**
 * A TCP proxy on 127.0.0.1 in front of a shared server, to simulate that server's outage without stopping it:
 * `stop()` closes the listener and every connection, `start()` listens again on the same port. With
 * `upstreamBytesPerSecond`, what clients send is let through at that rate across all connections together, which
 * makes the server behind it a writer of known, small capacity.
 */
export class TcpProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  #port = 0;
  /** When the shared upstream budget is free again (performance.now() milliseconds). */
  #upstreamFreeAt = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly options: { upstreamBytesPerSecond?: number } = {},
  ) {}

  /** Passes each chunk on once the shared budget allows it; holding the callback back-pressures the client. */
  #throttle(bytesPerSecond: number): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        const now = performance.now();
        this.#upstreamFreeAt = Math.max(now, this.#upstreamFreeAt) + (chunk.length / bytesPerSecond) * 1000;
        setTimeout(() => callback(null, chunk), this.#upstreamFreeAt - now);
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const rate = this.options.upstreamBytesPerSecond;
      if (rate === undefined) client.pipe(upstream);
      else client.pipe(this.#throttle(rate)).pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
