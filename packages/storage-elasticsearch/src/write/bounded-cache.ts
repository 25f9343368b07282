/**
 * A set of recently seen keys with a size bound (least recently added first out) and an age bound, for "this
 * document was already written" checks. Forgetting a key only costs one idempotent rewrite.
 */
export class RecentKeys {
  private readonly addedAt = new Map<string, number>();

  constructor(
    private readonly maxSize: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxSize > 0)) throw new RangeError(`maxSize must be positive, got ${maxSize}`);
  }

  has(key: string): boolean {
    const at = this.addedAt.get(key);
    if (at === undefined) return false;
    if (this.now() - at > this.maxAgeMs) {
      this.addedAt.delete(key);
      return false;
    }
    return true;
  }

  add(key: string): void {
    this.addedAt.delete(key);
    this.addedAt.set(key, this.now());
    while (this.addedAt.size > this.maxSize) {
      const oldest = this.addedAt.keys().next().value as string;
      this.addedAt.delete(oldest);
    }
  }

  get size(): number {
    return this.addedAt.size;
  }
}
