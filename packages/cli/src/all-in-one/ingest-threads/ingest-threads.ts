import { Worker } from 'node:worker_threads';
import { DecodeError } from '@skein/codecs';
import { Counter, Gauge, METRIC_PREFIX, type Logger, type Registry } from '@skein/runtime';
import type { SpanMetricsRow } from '@skein/storage';
import type { ThreadCall, ThreadCalls, ThreadMessage, ThreadRequest, ThreadSettings } from './messages.js';

/** How long a dead thread stays down before a new one starts: a crash loop must not spin a core. */
const RESTART_DELAY_MS = 1_000;

interface Slot {
  readonly number: number;
  worker: Worker | undefined;
  /** Why the thread is down, while a new one is on its way. */
  down: string | undefined;
  readonly pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  /** Request bytes handed to the thread and not yet answered: what the ingest balances. */
  busyBytes: number;
}

/** A call to an ingest thread that stopped before it answered, or while it is being replaced. */
export class IngestThreadUnavailableError extends Error {
  override readonly name = 'IngestThreadUnavailableError';
}

/**
 * The all-in-one's ingest threads (`--all-in-one.ingest-threads`, `ingest-thread-main`): each decodes and checks
 * request bodies, and keeps the spans in its share of the memory store (answering searches over it) or plans them for
 * SQLite's writer thread. A thread that dies fails its pending calls, and a new one starts a second later; on the
 * memory store its share of the spans is lost with it, as a restarted memory store loses everything.
 */
export class IngestThreads {
  private readonly slots: Slot[];
  private nextId = 0;
  private turn = 0;
  private closed = false;
  private readonly running: Gauge | undefined;
  private readonly restarts: Counter | undefined;

  constructor(
    count: number,
    private readonly settings: ThreadSettings,
    private readonly hooks: { logger: Logger; onSpanMetricsRows: (rows: SpanMetricsRow[]) => void; registry?: Registry },
  ) {
    if (hooks.registry) {
      const registers = [hooks.registry];
      this.running = new Gauge({ name: `${METRIC_PREFIX}ingest_threads_running`, help: 'Ingest threads of the all-in-one (--all-in-one.ingest-threads) running', registers });
      this.restarts = new Counter({ name: `${METRIC_PREFIX}ingest_thread_restarts_total`, help: 'Ingest threads started again after one died (on the memory store, with its share of the spans lost)', registers });
    }
    this.slots = Array.from({ length: count }, (_, index) => ({ number: index + 1, worker: undefined, down: undefined, pending: new Map(), busyBytes: 0 }));
    for (const slot of this.slots) this.start(slot);
  }

  get count(): number {
    return this.slots.length;
  }

  /**
   * The live thread with the fewest request bytes in hand, ties taken in turn (so that a quiet all-in-one spreads its
   * spans too); undefined when every one is down.
   */
  leastBusy(): number | undefined {
    let best: Slot | undefined;
    const count = this.slots.length;
    for (let offset = 0; offset < count; offset++) {
      const slot = this.slots[(this.turn + offset) % count]!;
      if (!slot.down && (!best || slot.busyBytes < best.busyBytes)) best = slot;
    }
    this.turn = (this.turn + 1) % count;
    return best === undefined ? undefined : best.number - 1;
  }

  /** Asks one thread; `bytes` count towards its load until it answers. */
  call<K extends ThreadCall>(index: number, call: K, args: ThreadCalls[K]['args'], bytes = 0, transfer: ArrayBuffer[] = []): Promise<ThreadCalls[K]['answer']> {
    const slot = this.slots[index]!;
    const worker = slot.worker;
    if (this.closed || !worker || slot.down) return Promise.reject(new IngestThreadUnavailableError(`ingest thread ${slot.number} is ${this.closed ? 'closed' : (slot.down ?? 'starting')}`));
    const id = this.nextId++;
    slot.busyBytes += bytes;
    return new Promise<ThreadCalls[K]['answer']>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ id, call, ...args } as ThreadRequest, transfer);
      } catch (error) {
        // A value that cannot cross to a thread: this call fails alone.
        slot.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }).finally(() => {
      slot.busyBytes -= bytes;
    });
  }

  /** Asks every live thread; one that is down holds no spans, so it answers nothing. */
  async all<K extends ThreadCall>(call: K, args: ThreadCalls[K]['args']): Promise<Array<ThreadCalls[K]['answer']>> {
    const live = this.slots.filter((slot) => !slot.down).map((slot) => this.call(slot.number - 1, call, args));
    return Promise.all(live);
  }

  /** Names the threads that are down, for readiness. */
  checkReady(): void {
    const down = this.slots.filter((slot) => slot.down).map((slot) => `ingest thread ${slot.number} ${slot.down}`);
    if (down.length > 0) throw new Error(down.join('; '));
  }

  /** Writes what the threads counted into span metrics, then stops them. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled(this.slots.filter((slot) => !slot.down).map((slot) => this.call(slot.number - 1, 'flushSpanMetrics', {})));
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  private start(slot: Slot): void {
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from TypeScript sources (tests, benchmarks): the thread registers tsx before loading its module.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./ingest-thread-main.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: this.settings },
        )
      : new Worker(new URL('./ingest-thread-main.js', import.meta.url), { workerData: this.settings });
    slot.worker = worker;
    slot.down = undefined;
    this.running?.inc();
    worker.on('message', (message: ThreadMessage) => {
      if ('spanMetricsRows' in message) return this.hooks.onSpanMetricsRows(message.spanMetricsRows);
      const waiting = slot.pending.get(message.id);
      if (!waiting) return;
      slot.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else if (message.failure.decode) waiting.reject(new DecodeError(message.failure.decode.format, message.failure.decode.detail, message.failure.decode.location));
      else waiting.reject(Object.assign(new Error(message.failure.message), { name: message.failure.name }));
    });
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      this.running?.dec();
      const why = failure ? `failed (${failure.message})` : `exited with code ${code}`;
      for (const waiting of slot.pending.values()) waiting.reject(new IngestThreadUnavailableError(`ingest thread ${slot.number} ${why} before it answered`));
      slot.pending.clear();
      if (this.closed) return;
      slot.down = `${why}; a new one starts in ${RESTART_DELAY_MS} ms`;
      this.hooks.logger.error({ thread: slot.number, err: failure, code }, `an ingest thread ${why}; a new one replaces it (on the memory store, the thread's share of the spans is lost)`);
      setTimeout(() => {
        if (this.closed) return;
        this.restarts?.inc();
        this.start(slot);
      }, RESTART_DELAY_MS).unref();
    });
  }
}
