import type { SpanMetricsRow } from '@skein/storage';
import type { RetentionPolicy, SweepResult } from './retention.js';
import type { PlannedBatch } from './span-plan.js';

/** Everything that writes to the file; a writer (in this thread or its own, see writer-client.ts) runs them in order. */
export type WriterRequest =
  | { op: 'spans'; spans: PlannedBatch }
  | { op: 'throughput'; timestamp: number; throughput: string }
  | { op: 'probabilities'; timestamp: number; hostname: string; probabilities: string; qps: string }
  | { op: 'span-metrics'; rows: readonly SpanMetricsRow[] }
  | { op: 'sweep'; policy: RetentionPolicy; nowMicros: number };

export type WriterResult<R extends WriterRequest> = R extends { op: 'sweep' } ? SweepResult : undefined;

/** How the writer connection is opened; plain data, so it crosses to the writer thread as is. */
export interface WriterSettings {
  path: string;
  synchronous: 'NORMAL' | 'FULL';
  cacheSizeMiB: number;
}

/** Between the store and its writer thread. */
export type WriterMessage = { id: number; request: WriterRequest; close?: never } | { id: number; close: true; request?: never };
export type WriterAnswer = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };
