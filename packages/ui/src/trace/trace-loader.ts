import { ApiError, UnreachableError, apiUrl } from '../api/client';
import type { TraceSkeleton } from '../api/types';
import type { TraceTree } from './trace-tree';
import type { WorkerAnswer, WorkerRequest } from './trace-worker';

export interface LoadedTree {
  tree: TraceTree;
  bytes: number;
  parseMs: number;
  buildMs: number;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (value: LoadedTree) => void; reject: (error: Error) => void }>();

function traceWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./trace-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.type === 'tree') waiting.resolve(answer);
    else waiting.reject(answer.status === 0 ? new UnreachableError(answer.message) : new ApiError(answer.status, answer.message));
  };
  worker.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the trace worker failed: ${event.message}`));
    pending.clear();
  };
  return worker;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask(request: WithoutId<WorkerRequest>): Promise<LoadedTree> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    traceWorker().postMessage({ ...request, id } as WorkerRequest);
  });
}

const prefetched = new Map<string, Promise<LoadedTree>>();

/**
 * Starts reading a stored trace before the trace page's code has even loaded (called at start-up for a `/trace/…`
 * URL); the page's first `loadStoredTree` for that id takes the answer.
 */
export function prefetchStoredTree(traceId: string): void {
  const request = ask({ type: 'load', url: apiUrl(`api/ui/traces/${encodeURIComponent(traceId)}`) });
  request.catch(() => undefined); // the page reports the failure when it takes the answer
  prefetched.set(traceId, request);
}

/** A stored trace's tree, read and built in the worker. */
export function loadStoredTree(traceId: string): Promise<LoadedTree> {
  const early = prefetched.get(traceId);
  if (early) {
    prefetched.delete(traceId);
    return early;
  }
  return ask({ type: 'load', url: apiUrl(`api/ui/traces/${encodeURIComponent(traceId)}`) });
}

/** The tree of a skeleton made in the page (an uploaded trace). */
export function buildTreeInWorker(skeleton: TraceSkeleton): Promise<LoadedTree> {
  return ask({ type: 'build', skeleton });
}
