import type { Trace } from '@skein/model';
import { cacheTrace, type CachedTrace } from './cached-trace.js';

export interface RecentTracesOptions {
  /** Memory kept across all cached traces, bytes (`CachedTrace.bytes`); the least recently used traces go first. */
  maxBytes: number;
  /** How long a trace is reused before it is read again (a trace may still be receiving spans), ms. */
  ttlMs: number;
  /** The same for a compact (big) trace, whose read costs seconds. */
  compactTtlMs: number;
  /** Traces of this many spans or more are kept compact (see `cacheTrace`). */
  compactAbove: number;
  now?: () => number;
}

interface Entry {
  trace: Promise<CachedTrace | null>;
  bytes: number;
  ttlMs: number;
  at: number;
}

/**
 * The traces the UI has opened lately, so that opening a span or searching inside a 1,000,000-span trace does not
 * read and adjust the whole trace again. Bounded by memory; concurrent reads of one trace share one storage read; a
 * failed or empty read is not kept, nor a trace bigger than the whole budget.
 */
export class RecentTraces {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: RecentTracesOptions) {
    this.now = options.now ?? Date.now;
  }

  get(traceId: string, read: () => Promise<Trace | null>): Promise<CachedTrace | null> {
    const existing = this.entries.get(traceId);
    if (existing && this.now() - existing.at < existing.ttlMs) {
      this.entries.delete(traceId); // re-insert: most recently used last
      this.entries.set(traceId, existing);
      return existing.trace;
    }
    if (existing) this.remove(traceId);
    const entry: Entry = {
      trace: read().then((trace) => (trace === null ? null : cacheTrace(trace, this.options.compactAbove))),
      bytes: 0,
      ttlMs: this.options.ttlMs,
      at: this.now(),
    };
    this.entries.set(traceId, entry);
    entry.trace.then(
      (cached) => {
        if (this.entries.get(traceId) !== entry) return;
        if (cached === null || cached.bytes > this.options.maxBytes) return this.remove(traceId);
        entry.bytes = cached.bytes;
        if (cached.compact) entry.ttlMs = this.options.compactTtlMs;
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(traceId) === entry) this.remove(traceId);
      },
    );
    return entry.trace;
  }

  /** Bytes held now (for tests and metrics). */
  get size(): number {
    return this.bytes;
  }

  private evict(): void {
    for (const [traceId] of this.entries) {
      if (this.bytes <= this.options.maxBytes) return;
      this.remove(traceId);
    }
  }

  private remove(traceId: string): void {
    const entry = this.entries.get(traceId);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(traceId);
  }
}
