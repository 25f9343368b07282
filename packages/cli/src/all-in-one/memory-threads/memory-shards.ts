import { Worker } from 'node:worker_threads';
import { DecodeError } from '@skein/codecs';
import { Counter, Gauge, METRIC_PREFIX, type Logger, type Registry } from '@skein/runtime';
import type { SpanMetricsRow } from '@skein/storage';
import type { ShardCall, ShardCalls, ShardMessage, ShardRequest, ShardSettings } from './messages.js';

/** How long a dead shard thread stays down before a new one starts: a crash loop must not spin a core. */
const RESTART_DELAY_MS = 1_000;

interface Shard {
  readonly number: number;
  worker: Worker | undefined;
  /** Why the shard is down, while a new thread is on its way. */
  down: string | undefined;
  readonly pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  /** Request bytes handed to the shard and not yet answered: what the ingest balances and bounds. */
  busyBytes: number;
}

/** A call to a shard whose thread stopped before it answered, or while it is being replaced. */
export class ShardUnavailableError extends Error {
  override readonly name = 'ShardUnavailableError';
}

/**
 * The threads of the all-in-one's memory store (`--memory.threads`): each decodes, checks and keeps a share of the
 * spans (`shard-thread-main`), and answers searches over its share. A thread that dies takes its share with it (as a
 * restart of a memory store does): its pending calls fail, and a new, empty one starts a second later.
 */
export class MemoryShards {
  private readonly shards: Shard[];
  private nextId = 0;
  private turn = 0;
  private closed = false;
  private readonly running: Gauge | undefined;
  private readonly restarts: Counter | undefined;

  constructor(
    count: number,
    private readonly settings: ShardSettings,
    private readonly hooks: { logger: Logger; onSpanMetricsRows: (rows: SpanMetricsRow[]) => void; registry?: Registry },
  ) {
    if (hooks.registry) {
      const registers = [hooks.registry];
      this.running = new Gauge({ name: `${METRIC_PREFIX}memory_store_threads_running`, help: 'Threads of the memory store (--memory.threads) running', registers });
      this.restarts = new Counter({ name: `${METRIC_PREFIX}memory_store_thread_restarts_total`, help: 'Threads of the memory store started again after one died (its share of the spans lost)', registers });
    }
    this.shards = Array.from({ length: count }, (_, index) => ({ number: index + 1, worker: undefined, down: undefined, pending: new Map(), busyBytes: 0 }));
    for (const shard of this.shards) this.start(shard);
  }

  get count(): number {
    return this.shards.length;
  }

  /**
   * The live shard with the fewest request bytes in hand, ties taken in turn (so that a quiet all-in-one spreads its
   * spans too); undefined when every one is down.
   */
  leastBusy(): number | undefined {
    let best: Shard | undefined;
    const count = this.shards.length;
    for (let offset = 0; offset < count; offset++) {
      const shard = this.shards[(this.turn + offset) % count]!;
      if (!shard.down && (!best || shard.busyBytes < best.busyBytes)) best = shard;
    }
    this.turn = (this.turn + 1) % count;
    return best === undefined ? undefined : best.number - 1;
  }

  /** Asks one shard; `bytes` count towards its load until it answers. */
  call<K extends ShardCall>(index: number, call: K, args: ShardCalls[K]['args'], bytes = 0, transfer: ArrayBuffer[] = []): Promise<ShardCalls[K]['answer']> {
    const shard = this.shards[index]!;
    const worker = shard.worker;
    if (this.closed || !worker || shard.down) return Promise.reject(new ShardUnavailableError(`memory store thread ${shard.number} is ${this.closed ? 'closed' : (shard.down ?? 'starting')}`));
    const id = this.nextId++;
    shard.busyBytes += bytes;
    return new Promise<ShardCalls[K]['answer']>((resolve, reject) => {
      shard.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ id, call, ...args } as ShardRequest, transfer);
      } catch (error) {
        // A value that cannot cross to a thread: this call fails alone.
        shard.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }).finally(() => {
      shard.busyBytes -= bytes;
    });
  }

  /** Asks every live shard; a shard that is down holds nothing, so it answers nothing. */
  async all<K extends ShardCall>(call: K, args: ShardCalls[K]['args']): Promise<Array<ShardCalls[K]['answer']>> {
    const live = this.shards.filter((shard) => !shard.down).map((shard) => this.call(shard.number - 1, call, args));
    return Promise.all(live);
  }

  /** Names the shards that are down, for readiness. */
  checkReady(): void {
    const down = this.shards.filter((shard) => shard.down).map((shard) => `memory store thread ${shard.number} ${shard.down}`);
    if (down.length > 0) throw new Error(down.join('; '));
  }

  /** Writes what the shards counted into span metrics, then stops their threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled(this.shards.filter((shard) => !shard.down).map((shard) => this.call(shard.number - 1, 'flushSpanMetrics', {})));
    this.closed = true;
    await Promise.all(this.shards.map((shard) => shard.worker?.terminate()));
  }

  private start(shard: Shard): void {
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from TypeScript sources (tests, benchmarks): the thread registers tsx before loading its module.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./shard-thread-main.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: this.settings },
        )
      : new Worker(new URL('./shard-thread-main.js', import.meta.url), { workerData: this.settings });
    shard.worker = worker;
    shard.down = undefined;
    this.running?.inc();
    worker.on('message', (message: ShardMessage) => {
      if ('spanMetricsRows' in message) return this.hooks.onSpanMetricsRows(message.spanMetricsRows);
      const waiting = shard.pending.get(message.id);
      if (!waiting) return;
      shard.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else if (message.failure.decode) waiting.reject(new DecodeError(message.failure.decode.format, message.failure.decode.detail, message.failure.decode.location));
      else waiting.reject(Object.assign(new Error(message.failure.message), { name: message.failure.name }));
    });
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (shard.worker !== worker) return;
      shard.worker = undefined;
      this.running?.dec();
      const why = failure ? `failed (${failure.message})` : `exited with code ${code}`;
      for (const waiting of shard.pending.values()) waiting.reject(new ShardUnavailableError(`memory store thread ${shard.number} ${why} before it answered`));
      shard.pending.clear();
      if (this.closed) return;
      shard.down = `${why}; a new, empty one starts in ${RESTART_DELAY_MS} ms`;
      this.hooks.logger.error({ thread: shard.number, err: failure, code }, `a memory store thread ${why}; its share of the spans is lost and a new, empty thread replaces it`);
      setTimeout(() => {
        if (this.closed) return;
        this.restarts?.inc();
        this.start(shard);
      }, RESTART_DELAY_MS).unref();
    });
  }
}
