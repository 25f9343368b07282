import type { Trace } from '@skein/model';

export interface RecentTracesOptions {
  /** Spans kept across all cached traces; the least recently used traces go first. */
  maxSpans: number;
  /** How long a trace is reused before it is read again (a trace may still be receiving spans), ms. */
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  trace: Promise<Trace | null>;
  spans: number;
  at: number;
}

/**
 * The traces the UI has opened in the last seconds, so that opening a span or searching inside a 100,000-span trace
 * does not read and adjust the whole trace again. Bounded by span count; concurrent reads of one trace share one
 * storage read; a failed or empty read is not kept.
 */
export class RecentTraces {
  private readonly entries = new Map<string, Entry>();
  private spans = 0;
  private readonly now: () => number;

  constructor(private readonly options: RecentTracesOptions) {
    this.now = options.now ?? Date.now;
  }

  get(traceId: string, read: () => Promise<Trace | null>): Promise<Trace | null> {
    const existing = this.entries.get(traceId);
    if (existing && this.now() - existing.at < this.options.ttlMs) {
      this.entries.delete(traceId); // re-insert: most recently used last
      this.entries.set(traceId, existing);
      return existing.trace;
    }
    if (existing) this.remove(traceId);
    const entry: Entry = { trace: read(), spans: 0, at: this.now() };
    this.entries.set(traceId, entry);
    entry.trace.then(
      (trace) => {
        if (this.entries.get(traceId) !== entry) return;
        if (trace === null || trace.spans.length > this.options.maxSpans) return this.remove(traceId);
        entry.spans = trace.spans.length;
        this.spans += entry.spans;
        this.evict();
      },
      () => {
        if (this.entries.get(traceId) === entry) this.remove(traceId);
      },
    );
    return entry.trace;
  }

  /** Spans held now (for tests and metrics). */
  get size(): number {
    return this.spans;
  }

  private evict(): void {
    for (const [traceId] of this.entries) {
      if (this.spans <= this.options.maxSpans) return;
      this.remove(traceId);
    }
  }

  private remove(traceId: string): void {
    const entry = this.entries.get(traceId);
    if (!entry) return;
    this.spans -= entry.spans;
    this.entries.delete(traceId);
  }
}
