import { parentPort, workerData } from 'node:worker_threads';
import { SqliteWriter } from './sqlite-writer.js';
import type { PlannedBatch } from './span-plan.js';
import type { WriterAnswer, WriterMessage, WriterSettings } from './writer-requests.js';

/** Spans written in one transaction at most, so that one commit (and the callers' wait for it) stays short. */
const MAX_GROUP_SPANS = 10_000;

const port = parentPort;
if (!port) throw new Error('writer-thread-main.ts runs only as a worker thread');
const writer = new SqliteWriter(workerData as WriterSettings);
const queue: WriterMessage[] = [];
let scheduled = false;
let closed = false;
let idleMergeScheduled = false;

port.on('message', (message: WriterMessage) => {
  queue.push(message);
  if (scheduled) return;
  scheduled = true;
  // Messages already waiting are delivered before this runs, so they join the same transaction.
  setImmediate(drain);
});

function drain(): void {
  scheduled = false;
  while (queue.length > 0) {
    const head = queue[0]!;
    if (head.close) {
      queue.shift();
      closed = true;
      answer(head.id, () => writer.close());
      queue.length = 0;
      return;
    }
    if (head.request.op === 'spans') writeGroup(takeSpanGroup());
    else answer(queue.shift()!.id, () => writer.run(head.request));
  }
  scheduleIdleMerge();
}

function scheduleIdleMerge(): void {
  if (idleMergeScheduled || !writer.hasMergeWork) return;
  idleMergeScheduled = true;
  setImmediate(mergeWhileIdle);
}

/** Posting merges fill the writer's idle time, one bounded step per turn so that new requests wait little. */
function mergeWhileIdle(): void {
  idleMergeScheduled = false;
  if (closed || scheduled || queue.length > 0) return;
  writer.mergeWhileIdle();
  scheduleIdleMerge();
}

function takeSpanGroup(): Array<{ id: number; spans: PlannedBatch }> {
  const group: Array<{ id: number; spans: PlannedBatch }> = [];
  let spans = 0;
  while (queue.length > 0 && (group.length === 0 || spans < MAX_GROUP_SPANS)) {
    const { id, request } = queue[0]!;
    if (request?.op !== 'spans') break;
    queue.shift();
    group.push({ id, spans: request.spans });
    spans += request.spans.keys.length;
  }
  return group;
}

function writeGroup(group: Array<{ id: number; spans: PlannedBatch }>): void {
  const errors = writer.writeSpanGroup(group.map((batch) => batch.spans));
  group.forEach(({ id }, i) => {
    const error = errors[i];
    port!.postMessage(error ? failed(id, error) : { id, ok: true, result: undefined });
  });
}

function answer(id: number, run: () => unknown): void {
  let reply: WriterAnswer;
  try {
    reply = { id, ok: true, result: run() };
  } catch (error) {
    reply = failed(id, error);
  }
  port!.postMessage(reply);
}

/** The error and its causes in one line: only the message crosses back to the caller's thread. */
function failed(id: number, error: unknown): WriterAnswer {
  const parts: string[] = [];
  for (let at: unknown = error; at !== undefined && parts.length < 5; at = at instanceof Error ? at.cause : undefined) {
    parts.push(at instanceof Error ? at.message : String(at));
  }
  return { id, ok: false, message: parts.join(': ') };
}
