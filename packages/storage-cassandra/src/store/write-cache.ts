/**
 * Keys written recently, so that names (services, operations) are not rewritten for every span. Bounded: past
 * `maxKeys` it starts over, which costs a few repeated writes, never a missing one.
 */
export class WriteCache {
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` should be written now (and remembers it as written). */
  fresh(key: string): boolean {
    const now = this.now();
    const at = this.writtenAt.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    if (this.writtenAt.size >= this.maxKeys) this.writtenAt.clear();
    this.writtenAt.set(key, now);
    return true;
  }

  clear(): void {
    this.writtenAt.clear();
  }
}
