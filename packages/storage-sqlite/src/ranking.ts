import type { TraceId } from '@skein/model';

/** The best `limit` traces seen so far by rank (newest first, ties by trace id). */
export class Ranking {
  private readonly ranks = new Map<TraceId, number>();
  /** Ranks of the current top `limit`, descending; only maintained to know the cut-off. */
  private readonly top: number[] = [];

  constructor(private readonly limit: number) {}

  add(traceId: TraceId, rank: number): void {
    this.ranks.set(traceId, rank);
    let at = this.top.length;
    while (at > 0 && this.top[at - 1]! < rank) at -= 1;
    this.top.splice(at, 0, rank);
    if (this.top.length > this.limit) this.top.pop();
  }

  /** Whether a trace whose rank is at most `bound` could still enter (or tie into) the top `limit`. */
  canStillRank(bound: number): boolean {
    return this.top.length < this.limit || bound >= this.top[this.top.length - 1]!;
  }

  result(): TraceId[] {
    return [...this.ranks]
      .sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0))
      .slice(0, this.limit)
      .map(([traceId]) => traceId);
  }
}
