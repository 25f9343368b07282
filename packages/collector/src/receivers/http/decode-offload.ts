import { Worker } from 'node:worker_threads';
import { DecodeError, type DecodedBatch, type SpanCodec } from '@skein/codecs';

/** Bodies at least this large are decoded off the event loop; smaller ones cost less than the hand-off. */
export const OFFLOAD_MIN_BYTES = 1024 * 1024;

/** A ceiling on the decode thread's heap: a body whose decoding would need more fails alone (500), never the process. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 384 };

type Answer =
  | { id: number; ok: true; batch: DecodedBatch }
  | { id: number; ok: false; refusal?: { format: string; detail: string; location: { offset?: number; field?: string } }; message: string };

/**
 * Decodes large JSON bodies in a worker thread, so a 9 MB document (valid or hostile) never stalls the event loop
 * that answers every other request and the health checks. One thread: large decodes queue behind each other, bounded
 * by the receivers' bytes-in-flight budget. A crashed thread fails its requests and is replaced on the next one.
 */
export class DecodeOffload {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (batch: DecodedBatch) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closed = false;

  /** Whether this body is decoded here rather than on the event loop: a large JSON body, until closed. */
  takes(codec: SpanCodec, body: Uint8Array): boolean {
    return !this.closed && body.length >= OFFLOAD_MIN_BYTES && codec.name.includes('json');
  }

  async decode(codec: SpanCodec, body: Uint8Array): Promise<DecodedBatch> {
    if (!this.takes(codec, body)) return codec.decode(body);
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, codec: codec.name, body });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from TypeScript sources (tests, benchmarks): the thread registers tsx before loading its module.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./decode-worker-main.ts', import.meta.url).href)}); })`,
          { eval: true, resourceLimits: WORKER_LIMITS },
        )
      : new Worker(new URL('./decode-worker-main.js', import.meta.url), { resourceLimits: WORKER_LIMITS });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.batch);
      else if (answer.refusal) waiting.reject(new DecodeError(answer.refusal.format, answer.refusal.detail, answer.refusal.location));
      else waiting.reject(new Error(answer.message));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the decode thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
