/** A listener on one port (or one UDP socket). The collector starts them all and stops them first on shutdown. */
export interface Receiver {
  /** Name used in logs and metric labels, e.g. `otlp-grpc`. */
  readonly name: string;
  /** Binds and starts serving; rejects with the address in the message if it cannot listen. */
  start(): Promise<void>;
  /**
   * Shutdown has begun; the port stays open while the queue drains. HTTP receivers answer from now on with
   * `Connection: close`, so no client reuses a connection that is about to be closed under it.
   */
  beginShutdown?(): void;
  /** Stops taking new input; in-flight requests finish (bounded by the shutdown deadline). */
  stop(): Promise<void>;
  /** The bound address once started (the real port when 0 was configured). */
  address(): { host: string; port: number } | undefined;
}
