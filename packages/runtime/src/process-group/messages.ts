import type { CheckResult } from '../health.js';
import type { MetricsSnapshot } from '../metrics.js';

/** Listener name → bound address, as a started process reports it. */
export type Addresses = Record<string, { host: string; port: number }>;

/** What the primary asks a process of its group over the cluster's IPC channel. */
export type ToWorker = { skein: 'metrics'; id: number } | { skein: 'readiness'; id: number };

/** What a process of the group tells the primary. */
export type ToPrimary =
  | { skein: 'started'; addresses: Addresses }
  | { skein: 'metrics'; id: number; metrics: MetricsSnapshot }
  | { skein: 'readiness'; id: number; ready: boolean; checks: CheckResult[] };

export function isToWorker(message: unknown): message is ToWorker {
  const m = message as Partial<ToWorker> | null;
  return typeof m === 'object' && m !== null && (m.skein === 'metrics' || m.skein === 'readiness') && typeof m.id === 'number';
}

export function isToPrimary(message: unknown): message is ToPrimary {
  const m = message as { skein?: unknown } | null;
  return typeof m === 'object' && m !== null && (m.skein === 'started' || m.skein === 'metrics' || m.skein === 'readiness');
}

/** Set in each process the primary starts: its number, from 1. */
export const PROCESS_NUMBER_ENV = 'SKEIN_PROCESS_NUMBER';
