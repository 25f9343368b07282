import { Worker } from 'node:worker_threads';
import { StorageError } from '@skein/storage';
import { SqliteWriter } from './sqlite-writer.js';
import type { WriterAnswer, WriterMessage, WriterRequest, WriterResult, WriterSettings } from './writer-requests.js';

/** Where the store's writes run: `send` resolves once the request is committed (or rejects with the reason). */
export interface WriterClient {
  send<R extends WriterRequest>(request: R): Promise<WriterResult<R>>;
  /** Finishes every request sent before, then closes the writer connection. */
  close(): Promise<void>;
}

/** Writes on the calling thread: each `send` holds the event loop for its transaction. Used for the archive. */
export class InProcessWriter implements WriterClient {
  private readonly writer: SqliteWriter;

  constructor(settings: WriterSettings) {
    this.writer = new SqliteWriter(settings);
  }

  async send<R extends WriterRequest>(request: R): Promise<WriterResult<R>> {
    return this.writer.run(request) as WriterResult<R>;
  }

  async close(): Promise<void> {
    this.writer.close();
  }
}

/**
 * Writes on a thread of its own, so that a commit (most of a batch's cost) never holds the event loop that serves
 * reads and receives spans, and the store uses a second core. Batches waiting while the thread commits are written
 * together in the next transaction. Requests in flight are bounded by the callers (the collector's queue workers).
 * If the thread dies, its requests fail and the next request starts a new one.
 */
export class ThreadWriter implements WriterClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly settings: WriterSettings) {
    this.worker = this.start();
  }

  send<R extends WriterRequest>(request: R): Promise<WriterResult<R>> {
    if (this.closing) return Promise.reject(new StorageError(`the SQLite writer of ${this.settings.path} is closing`));
    return this.post({ id: this.nextId++, request }) as Promise<WriterResult<R>>;
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // The thread answers once the connection is closed; nothing it holds needs it after that.
    try {
      await this.post({ id: this.nextId++, close: true });
    } finally {
      await worker.terminate();
    }
  }

  private post(message: WriterMessage): Promise<unknown> {
    const worker = this.worker ?? (this.worker = this.start());
    return new Promise((resolve, reject) => {
      // A request in flight keeps the process alive, as a socket would; an idle thread does not.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(message.id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  private start(): Worker {
    const workerData = this.settings;
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from TypeScript sources (tests, benchmarks): the thread registers tsx before loading its module.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./writer-thread-main.ts', import.meta.url).href)}); })`,
          { eval: true, workerData },
        )
      : new Worker(new URL('./writer-thread-main.js', import.meta.url), { workerData });
    worker.unref();
    let failure: Error | undefined;
    worker.on('message', (answer: WriterAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (answer.ok) waiting.resolve(answer.result);
      else waiting.reject(new StorageError(answer.message));
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const reason = failure ? `: ${failure.message}` : '';
      for (const [id, waiting] of this.pending) {
        waiting.reject(new StorageError(`the SQLite writer thread of ${this.settings.path} stopped (exit code ${code})${reason}`, { cause: failure }));
        this.pending.delete(id);
      }
    });
    return worker;
  }
}
