/** What a test server is: how to prepare it, launch it, and tell that it really answers. */
export interface ServerDefinition {
  readonly name: string;
  /** The environment variable through which tests receive its address (and may point at an existing server). */
  readonly addressEnv: string;
  /** Address when started here, e.g. `127.0.0.1:9092` or `http://127.0.0.1:9200`. */
  readonly address: string;
  /** TCP port that must be free before starting. */
  readonly port: number;
  /** Resolve jars, write configs, run one-off steps (e.g. Kafka's storage format). Returns the JVM launch. */
  prepare(runDir: string): Promise<JvmLaunch>;
  /** Resolves once the server answers a real request at `address`; throws with the reason otherwise. */
  probe(address: string): Promise<void>;
}

export interface JvmLaunch {
  /** JVM options, then the main class and its arguments. */
  args: string[];
  /** A line that appears in the log once the server is up; probing starts after it to avoid noise. */
  startedLine?: RegExp;
}
