import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../services/free-port.js';

const SKEIN_BIN = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));

export interface IngesterSetup {
  brokers: string;
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  storageType: 'opensearch' | 'elasticsearch' | 'cassandra';
  /** OpenSearch/Elasticsearch URL, or Cassandra's host:port. */
  storageUrl: string;
  /** Index prefix, or Cassandra's keyspace. */
  indexPrefix: string;
  extraFlags?: Record<string, string>;
}

/** Re-exported so the tests that start this process find it beside it. */
export { freePort };

/** `skein ingester` as a real child process, so SIGKILL is a real crash. */
export class IngesterProcess {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly adminPort: number,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? null : code)));
  }

  static async start(setup: IngesterSetup): Promise<IngesterProcess> {
    const adminPort = await freePort();
    const flags: Record<string, string> = {
      'admin.http.host-port': `127.0.0.1:${adminPort}`,
      'log-level': 'warn',
      'span-storage.type': setup.storageType,
      ...(setup.storageType === 'cassandra'
        ? { 'cassandra.servers': setup.storageUrl, 'cassandra.keyspace': setup.indexPrefix }
        : { 'es.server-urls': setup.storageUrl, 'es.index-prefix': setup.indexPrefix, 'es.num-shards': '1', 'es.num-replicas': '0', 'es.bulk.flush-interval': '0', 'es.bulk.workers': '2' }),
      'kafka.consumer.brokers': setup.brokers,
      'kafka.consumer.topic': setup.topic,
      'kafka.consumer.group-id': setup.groupId,
      'kafka.consumer.dead-letter-topic': setup.deadLetterTopic,
      'kafka.consumer.batch-max-wait': '100ms',
      'kafka.consumer.parallelism': '4',
      'ingester.lag-interval': '1s',
      'ingester.retry.max-backoff': '2s',
      'ingester.dependencies.flush-interval': '1s',
      'ingester.shutdown-timeout': '10s',
      ...setup.extraFlags,
    };
    const args = [SKEIN_BIN, 'ingester', ...Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, value])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    const ingester = new IngesterProcess(child, adminPort);
    await ingester.waitUntilHealthy(60_000);
    return ingester;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async admin(path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`http://127.0.0.1:${this.adminPort}${path}`);
    return { status: response.status, body: await response.text() };
  }

  /** Value of one metric series from /metrics (sum over series matching `labels`), 0 when absent. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const { body } = await this.admin('/metrics');
    let sum = 0;
    for (const line of body.split('\n')) {
      if (!line.startsWith(name)) continue;
      const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const series = match[2] ?? '';
      if (Object.entries(labels).every(([k, v]) => series.includes(`${k}="${v}"`))) sum += Number(match[3]);
    }
    return sum;
  }

  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`ingester exited during start-up:\n${this.output.join('')}`);
      try {
        if ((await this.admin('/healthz')).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`ingester not healthy within ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`; resolves to the exit code (null when killed). */
  async stop(timeoutMs = 30_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
