import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { spawnJvm, stopProcess, waitUntilReady } from './jvm-process.js';
import { kafkaServer } from './servers/kafka.js';
import type { JvmLaunch, ServerDefinition } from './server.js';
import { isAlive } from './state.js';

const READY_TIMEOUT_MS = 120_000;

/**
 * A Kafka broker of one test's own, on free ports and in a temporary directory, that the test may kill and restart
 * (the shared broker on 9092 serves other test files at the same time). A restart keeps the data directory, so topics
 * and offsets survive as they do when a production broker comes back.
 */
export class DedicatedKafka {
  #pid: number | undefined;
  #launch: JvmLaunch | undefined;

  private constructor(
    private readonly server: ServerDefinition,
    private readonly runDir: string,
  ) {}

  static async start(): Promise<DedicatedKafka> {
    const server = kafkaServer(await freePort(), await freePort(), 'dedicated kafka');
    const broker = new DedicatedKafka(server, mkdtempSync(join(tmpdir(), 'skein-dedicated-kafka-')));
    await broker.restart();
    return broker;
  }

  get address(): string {
    return this.server.address;
  }

  get logFile(): string {
    return join(this.runDir, 'server.log');
  }

  /** Starts the broker (again) on the same ports and data, and waits until it answers a metadata request. */
  async restart(): Promise<void> {
    if (this.#pid !== undefined && isAlive(this.#pid)) throw new Error(`${this.server.name} is already running (pid ${this.#pid})`);
    // Prepared once: preparing formats the storage with a new cluster id, which the kept data would refuse.
    this.#launch ??= await this.server.prepare(this.runDir);
    const pid = spawnJvm(this.#launch.args, this.runDir, this.logFile);
    this.#pid = pid;
    try {
      await waitUntilReady({ name: this.server.name, pid, logFile: this.logFile, timeoutMs: READY_TIMEOUT_MS, startedLine: undefined, probe: () => this.server.probe(this.address) });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** SIGKILL, as a crashed machine: no controlled shutdown, connections reset. */
  async kill(): Promise<void> {
    const pid = this.#pid;
    if (pid === undefined) return;
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
        break;
      } catch {
        // not a group leader, or already gone
      }
    }
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async stop(): Promise<void> {
    if (this.#pid !== undefined) await stopProcess(this.#pid, 10_000);
  }

  /** Stops the broker and removes its data and log. */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
