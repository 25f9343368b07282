/** A listener on one port (or one UDP socket). The collector starts them all and stops them first on shutdown. */
export interface Receiver {
  /** Name used in logs and metric labels, e.g. `otlp-grpc`. */
  readonly name: string;
  /** Binds and starts serving; rejects with the address in the message if it cannot listen. */
  start(): Promise<void>;
  /** Stops taking new input; in-flight requests finish (bounded by the shutdown deadline). */
  stop(): Promise<void>;
  /** The bound address once started (the real port when 0 was configured). */
  address(): { host: string; port: number } | undefined;
}
