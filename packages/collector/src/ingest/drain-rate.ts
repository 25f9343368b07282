/** How far back the drain rate looks. */
const WINDOW_MS = 3_000;

/**
 * Spans the writer took per second over the last few seconds: what tells a new request how long it would wait behind
 * the queue. Unknown (undefined) until the writer has been busy for a while, so a cold start never refuses anyone.
 */
export class DrainRate {
  private readonly samples: Array<{ at: number; spans: number }> = [];
  private busySince: number | undefined;

  /** The queue started holding work (or still does) at `now`. */
  noteBusy(now: number): void {
    this.busySince ??= now;
  }

  /** The queue ran empty: idle time must not count as a slow writer. */
  noteIdle(): void {
    this.busySince = undefined;
    this.samples.length = 0;
  }

  record(spans: number, now: number): void {
    this.samples.push({ at: now, spans });
    this.trim(now);
  }

  /** Spans per second while busy, or undefined before one window of busy time. */
  perSecond(now: number): number | undefined {
    this.trim(now);
    if (this.busySince === undefined || now - this.busySince < WINDOW_MS) return undefined;
    let spans = 0;
    for (const sample of this.samples) spans += sample.spans;
    return spans / (WINDOW_MS / 1000);
  }

  private trim(now: number): void {
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.at < now - WINDOW_MS) drop += 1;
    if (drop > 0) this.samples.splice(0, drop);
  }
}
