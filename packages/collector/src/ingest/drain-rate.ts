/**
 * How far back the drain rate looks: at least 10 s, and four times the longest recent write so that the batches still
 * being written (not counted yet) are a small part of the window; at most a minute. The queue must have been busy
 * a few seconds before the rate is trusted.
 */
const MIN_WINDOW_MS = 10_000;
const MAX_WINDOW_MS = 60_000;
const WINDOW_PER_WRITE = 4;
const MIN_BUSY_MS = 3_000;
/** Every request asks while the queue is busy; the rate is recomputed at most this often (it moves over seconds). */
const RECOMPUTE_EVERY_MS = 100;

/**
 * Spans the writer took per second over the last few seconds: what tells a new request how long it would wait behind
 * the queue. Unknown (undefined) until the writer has been busy for a while, so a cold start never refuses anyone.
 *
 * Each written batch counts as spread over the time its write took, not as a burst at its end: a slow writer finishes
 * a few large batches every several seconds, and counting them at completion would make the rate swing between
 * nothing and double the truth. Batches still being written are not counted yet, so the estimate errs low (more
 * 429s, never a longer wait).
 */
export class DrainRate {
  private readonly samples: Array<{ startedAt: number; finishedAt: number; spans: number }> = [];
  private busySince: number | undefined;
  private computed: { at: number; perSecond: number } | undefined;
  private trimmedAt = Number.NEGATIVE_INFINITY;

  /** The queue started holding work (or still does) at `now`. */
  noteBusy(now: number): void {
    this.busySince ??= now;
  }

  /** The queue ran empty: idle time must not count as a slow writer. */
  noteIdle(): void {
    this.busySince = undefined;
    this.samples.length = 0;
    this.computed = undefined;
  }

  /** `spans` were written by a call that ran from `startedAt` to `finishedAt`. */
  record(spans: number, startedAt: number, finishedAt: number): void {
    this.samples.push({ startedAt, finishedAt, spans });
    if (finishedAt - this.trimmedAt >= RECOMPUTE_EVERY_MS) this.trim(finishedAt);
  }

  /** Spans per second while busy, or undefined before a few seconds of busy time. */
  perSecond(now: number): number | undefined {
    if (this.busySince === undefined || now - this.busySince < MIN_BUSY_MS) return undefined;
    if (this.computed && now - this.computed.at < RECOMPUTE_EVERY_MS) return this.computed.perSecond;
    this.trim(now);
    const windowStart = Math.max(now - this.windowMs(), this.busySince);
    let spans = 0;
    for (const { startedAt, finishedAt, spans: written } of this.samples) {
      const overlap = Math.min(finishedAt, now) - Math.max(startedAt, windowStart);
      if (overlap > 0) spans += (written * overlap) / Math.max(1, finishedAt - startedAt);
    }
    this.computed = { at: now, perSecond: spans / ((now - windowStart) / 1000) };
    return this.computed.perSecond;
  }

  private windowMs(): number {
    let longest = 0;
    for (const { startedAt, finishedAt } of this.samples) longest = Math.max(longest, finishedAt - startedAt);
    return Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, WINDOW_PER_WRITE * longest));
  }

  private trim(now: number): void {
    this.trimmedAt = now;
    let drop = 0;
    // Only what the current window reads is kept, so a fast writer's many small batches stay few samples.
    const oldest = now - this.windowMs();
    while (drop < this.samples.length && this.samples[drop]!.finishedAt < oldest) drop += 1;
    if (drop > 0) this.samples.splice(0, drop);
  }
}
