/**
 * The bytes of request bodies being read and decoded at once, across every HTTP receiver of the process
 * (`--collector.http.max-bytes-in-flight`): what bounds the memory of many large or hostile bodies arriving together.
 * A body that does not fit is refused with 429 while it is still being read, not after.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  get inUse(): number {
    return this.used;
  }

  /** A holder of part of the budget for one request; release it once the body is decoded. */
  lease(): BodyLease {
    let held = 0;
    return {
      take: (bytes) => {
        // A body larger than the whole budget still gets through when it is the only one (the per-request limit
        // bounds it); otherwise the budget is a hard ceiling.
        const alone = this.used === held;
        if (this.used + bytes > this.limitBytes && !alone) return false;
        this.used += bytes;
        held += bytes;
        return true;
      },
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface BodyLease {
  /** Takes `bytes` more; false when the budget has no room (the request must be refused). */
  take(bytes: number): boolean;
  release(): void;
}
