/// <reference lib="webworker" />
import type { TraceSkeleton } from '../api/types';
import { errorMessage } from '../api/client';
import { buildTraceTree, transferablesOf } from './trace-tree';

/**
 * Reads and builds traces off the main thread: for a stored trace it fetches the skeleton, parses it and builds the
 * tree here, and hands the typed arrays over without copying. The page never parses the trace JSON itself.
 */
export type WorkerRequest = { id: number; type: 'load'; url: string } | { id: number; type: 'build'; skeleton: TraceSkeleton };

export type WorkerAnswer =
  | { id: number; type: 'tree'; tree: ReturnType<typeof buildTraceTree>; bytes: number; parseMs: number; buildMs: number }
  | { id: number; type: 'error'; status: number; message: string };

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    (answer) => self.postMessage(answer, answer.type === 'tree' ? transferablesOf(answer.tree) : []),
    (error: unknown) => self.postMessage({ id: request.id, type: 'error', status: 0, message: (error as Error).message } satisfies WorkerAnswer),
  );
};

async function handle(request: WorkerRequest): Promise<WorkerAnswer> {
  let skeleton: TraceSkeleton;
  let bytes = 0;
  let parseMs = 0;
  if (request.type === 'load') {
    let response: Response;
    try {
      response = await fetch(request.url);
    } catch (error) {
      return { id: request.id, type: 'error', status: 0, message: `The Skein query service cannot be reached (${(error as Error).message}). Is it running?` };
    }
    const text = await response.text();
    if (!response.ok) return { id: request.id, type: 'error', status: response.status, message: errorMessage(response.status, text) };
    bytes = text.length;
    const parseStarted = performance.now();
    skeleton = JSON.parse(text) as TraceSkeleton;
    parseMs = performance.now() - parseStarted;
  } else {
    skeleton = request.skeleton;
  }
  const buildStarted = performance.now();
  const tree = buildTraceTree(skeleton);
  return { id: request.id, type: 'tree', tree, bytes, parseMs, buildMs: performance.now() - buildStarted };
}
