import { setTimeout as sleep } from 'node:timers/promises';
import type { Span } from '@skein/model';
import type { LogSink } from './ecs-logs.js';
import type { TraceGenerator } from './trace-generator.js';
import type { SendResult, Transport } from './transports.js';

export interface LoadSettings {
  /** Traces per second; 0 sends as fast as the receiver takes them. */
  rate: number;
  /** Stop after this long (ms); 0: no time limit. */
  durationMs: number;
  /** Stop after this many traces; 0: no count limit. */
  traces: number;
  /** Spans per request (a trace may span several requests, several traces share one). */
  batchSpans: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** How often the progress line is written (ms); 0: never. */
  progressIntervalMs: number;
}

export interface LoadSummary {
  traces: number;
  spans: number;
  /** Spans the receiver confirmed; undefined for UDP, which never answers. */
  accepted: number | undefined;
  rejected: number;
  requests: number;
  failedRequests: number;
  lastError?: string;
  seconds: number;
  tracesPerSecond: number;
  spansPerSecond: number;
  logs?: { written: number; dropped: number; lastError?: string };
}

export interface LoadDeps {
  generator: TraceGenerator;
  transport: Transport;
  logs?: LogSink;
  /** Where the progress line goes (stderr); `isTTY` rewrites it in place. */
  progress?: { write(text: string): unknown; isTTY?: boolean };
  /** Stops the run early (SIGINT, SIGTERM); what was generated is still sent. */
  signal?: AbortSignal;
  /** Called with every generated trace id (tests, and the log sink's own bookkeeping). */
  onTrace?: (traceId: string) => void;
}

/** A batch waits at most this long for more spans before it is sent. */
const LINGER_MS = 200;

/** Generates traces at `rate`, sends them in batches with bounded concurrency, and reports progress and a summary. */
export async function runLoad(settings: LoadSettings, deps: LoadDeps): Promise<LoadSummary> {
  const started = performance.now();
  const totals = { traces: 0, spans: 0, accepted: 0, acceptedKnown: true, rejected: 0, requests: 0, failedRequests: 0, lastError: undefined as string | undefined };
  const inFlight = new Set<Promise<void>>();
  let batch: Span[] = [];
  let batchOpenedAt = performance.now();

  const dispatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const spans = batch;
    batch = [];
    while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
    const request = deps.transport.send(spans).then(
      (result) => record(result),
      (error: unknown) => record({ accepted: 0, rejected: spans.length, error: error instanceof Error ? error.message : String(error) }),
    );
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const record = (result: SendResult): void => {
    totals.requests += 1;
    if (result.accepted === undefined) totals.acceptedKnown = false;
    else totals.accepted += result.accepted;
    totals.rejected += result.rejected;
    if (result.error) {
      totals.failedRequests += 1;
      totals.lastError = result.error;
    }
  };

  const elapsedMs = () => performance.now() - started;
  let lastProgress = started;
  const writeProgress = (final: boolean): void => {
    if (!deps.progress || settings.progressIntervalMs <= 0) return;
    const seconds = Math.max(0.001, elapsedMs() / 1000);
    const accepted = totals.acceptedKnown ? `accepted ${totals.accepted.toLocaleString('en-US')}` : 'accepted n/a (UDP)';
    const line = `sent ${totals.traces.toLocaleString('en-US')} traces / ${totals.spans.toLocaleString('en-US')} spans, ${accepted}, rejected ${totals.rejected.toLocaleString('en-US')}, ${(totals.traces / seconds).toFixed(1)} traces/s`;
    const errorNote = totals.lastError ? ` (last error: ${totals.lastError.slice(0, 120)})` : '';
    if (deps.progress.isTTY) deps.progress.write(`\r\x1b[2K${line}${errorNote}${final ? '\n' : ''}`);
    else deps.progress.write(`${line}${errorNote}\n`);
  };

  const done = (): boolean =>
    deps.signal?.aborted === true || (settings.traces > 0 && totals.traces >= settings.traces) || (settings.durationMs > 0 && elapsedMs() >= settings.durationMs);

  while (!done()) {
    const dueTraces = settings.rate > 0 ? Math.floor((elapsedMs() / 1000) * settings.rate) + 1 : totals.traces + 1;
    while (totals.traces < dueTraces && !done()) {
      const trace = deps.generator.next(Date.now() * 1000);
      totals.traces += 1;
      totals.spans += trace.spans.length;
      deps.onTrace?.(trace.traceId);
      deps.logs?.write(trace.logs, trace.traceId);
      if (batch.length === 0) batchOpenedAt = performance.now();
      for (const span of trace.spans) {
        batch.push(span);
        if (batch.length >= settings.batchSpans) await dispatch();
      }
    }
    if (batch.length > 0 && performance.now() - batchOpenedAt >= LINGER_MS) await dispatch();
    if (settings.progressIntervalMs > 0 && performance.now() - lastProgress >= settings.progressIntervalMs) {
      lastProgress = performance.now();
      writeProgress(false);
    }
    if (settings.rate > 0) {
      const nextDueMs = (totals.traces / settings.rate) * 1000;
      const wait = Math.min(LINGER_MS, Math.max(0, nextDueMs - elapsedMs()));
      await sleep(wait, undefined, deps.signal ? { signal: deps.signal } : undefined).catch(() => undefined);
    } else if (inFlight.size > 0 && batch.length === 0) {
      await Promise.race(inFlight);
    }
  }
  await dispatch();
  await Promise.all(inFlight);
  await deps.logs?.flush();
  writeProgress(true);

  const seconds = elapsedMs() / 1000;
  return {
    traces: totals.traces,
    spans: totals.spans,
    accepted: totals.acceptedKnown ? totals.accepted : undefined,
    rejected: totals.rejected,
    requests: totals.requests,
    failedRequests: totals.failedRequests,
    ...(totals.lastError ? { lastError: totals.lastError } : {}),
    seconds: Math.round(seconds * 1000) / 1000,
    tracesPerSecond: Math.round((totals.traces / seconds) * 10) / 10,
    spansPerSecond: Math.round(totals.spans / seconds),
    ...(deps.logs ? { logs: deps.logs.stats() } : {}),
  };
}
